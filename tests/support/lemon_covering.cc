#include "tests/support/lemon_covering.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <stdexcept>
#include <vector>

namespace vetmatch::test {

LemonCovering lemon_covering_bmatching(const BMatchingGraph& b,
                                       std::int64_t bonus) {
  using Graph = lemon::SmartDigraph;
  Graph g;
  Graph::ArcMap<long long> capacity(g), cost(g);
  Graph::NodeMap<long long> supply(g);
  const std::int32_t L = b.left_count, R = b.right_count;
  std::vector<Graph::Node> nodes;
  for (std::int32_t i = 0; i < L + R + 2; ++i) nodes.push_back(g.addNode());
  const Graph::Node source = nodes[L + R], sink = nodes[L + R + 1];
  long long total = 0;
  auto arc = [&](Graph::Node from, Graph::Node to, long long cap, long long c) {
    const Graph::Arc a = g.addArc(from, to);
    capacity[a] = cap;
    cost[a] = c;
    return a;
  };
  std::vector<Graph::Arc> pair_arcs;
  for (std::int32_t l = 0; l < L; ++l) {
    const long long cap = b.left_capacity[l];
    total += cap;
    if (cap >= 1) arc(source, nodes[l], 1, -bonus);
    if (cap >= 2) arc(source, nodes[l], cap - 1, 0);
    for (std::int64_t a = b.arc_begin[l]; a < b.arc_begin[l + 1]; ++a) {
      pair_arcs.push_back(
          arc(nodes[l], nodes[L + b.arc_right[a]], 1, -b.arc_weight[a]));
    }
  }
  for (std::int32_t r = 0; r < R; ++r) {
    arc(nodes[L + r], sink, b.right_capacity[r], 0);
  }
  arc(source, sink, total, 0);
  for (std::int32_t i = 0; i < L + R; ++i) supply[nodes[i]] = 0;
  supply[source] = total;
  supply[sink] = -total;

  lemon::NetworkSimplex<Graph, long long, long long> ns(g);
  ns.upperMap(capacity).costMap(cost).supplyMap(supply);
  if (ns.run() != decltype(ns)::OPTIMAL) {
    throw std::runtime_error("LEMON NetworkSimplex: not optimal");
  }
  LemonCovering out;
  std::size_t k = 0;
  for (std::int32_t l = 0; l < L; ++l) {
    bool any = false;
    for (std::int64_t a = b.arc_begin[l]; a < b.arc_begin[l + 1]; ++a, ++k) {
      if (ns.flow(pair_arcs[k]) == 1) {
        any = true;
        ++out.used_arcs;
        out.weight += b.arc_weight[a];
      }
    }
    out.covered += any ? 1 : 0;
  }
  return out;
}

}  // namespace vetmatch::test
