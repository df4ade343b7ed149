#include "tests/support/lemon_bmatching.h"

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <stdexcept>

namespace vetmatch::test {
namespace {

using Graph = lemon::SmartDigraph;

// The flow network of a BMatchingGraph: node ids 0..L-1 left, L..L+R-1
// right, L+R the sink; arc ids: the graph's arcs first, in order.
struct Network {
  Graph g;
  Graph::ArcMap<long long> capacity{g};
  Graph::ArcMap<long long> cost{g};
  Graph::NodeMap<long long> supply{g};
  std::vector<Graph::Arc> arcs;  ///< the graph's arcs

  explicit Network(const BMatchingGraph& b) {
    const std::int32_t L = b.left_count, R = b.right_count;
    g.reserveNode(L + R + 1);
    g.reserveArc(b.arc_count() + L + R);
    std::vector<Graph::Node> nodes;
    for (std::int32_t i = 0; i < L + R + 1; ++i) nodes.push_back(g.addNode());
    const Graph::Node sink = nodes[L + R];
    long long total = 0;
    for (std::int32_t l = 0; l < L; ++l) {
      for (std::int64_t a = b.arc_begin[l]; a < b.arc_begin[l + 1]; ++a) {
        const Graph::Arc arc = g.addArc(nodes[l], nodes[L + b.arc_right[a]]);
        arcs.push_back(arc);
        capacity[arc] = 1;
        cost[arc] = -b.arc_weight[a];
      }
    }
    for (std::int32_t l = 0; l < L; ++l) {
      const Graph::Arc dispose = g.addArc(nodes[l], sink);
      capacity[dispose] = b.left_capacity[l];
      cost[dispose] = 0;
      supply[nodes[l]] = b.left_capacity[l];
      total += b.left_capacity[l];
    }
    for (std::int32_t r = 0; r < R; ++r) {
      const Graph::Arc drain = g.addArc(nodes[L + r], sink);
      capacity[drain] = b.right_capacity[r];
      cost[drain] = 0;
      supply[nodes[L + r]] = 0;
    }
    supply[sink] = -total;
  }
};

template <typename Algorithm>
LemonSolution finish(const BMatchingGraph& b, const Network& net,
                     Algorithm& algorithm, double seconds) {
  LemonSolution out;
  out.run_seconds = seconds;
  out.arc_used.resize(net.arcs.size());
  for (std::size_t a = 0; a < net.arcs.size(); ++a) {
    const long long f = algorithm.flow(net.arcs[a]);
    out.arc_used[a] = static_cast<std::uint8_t>(f);
    if (f == 1) {
      ++out.used_arcs;
      out.weight += b.arc_weight[a];
    }
  }
  return out;
}

}  // namespace

LemonSolution lemon_bmatching(const BMatchingGraph& b,
                              LemonAlgorithm algorithm) {
  const Network net(b);
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };
  if (algorithm == LemonAlgorithm::kNetworkSimplex) {
    lemon::NetworkSimplex<Graph, long long, long long> ns(net.g);
    ns.upperMap(net.capacity).costMap(net.cost).supplyMap(net.supply);
    if (ns.run() != decltype(ns)::OPTIMAL) {
      throw std::runtime_error("LEMON NetworkSimplex: not optimal");
    }
    const double s = seconds();
    return finish(b, net, ns, s);
  }
  lemon::CostScaling<Graph, long long, long long> cs(net.g);
  cs.upperMap(net.capacity).costMap(net.cost).supplyMap(net.supply);
  if (cs.run() != decltype(cs)::OPTIMAL) {
    throw std::runtime_error("LEMON CostScaling: not optimal");
  }
  const double s = seconds();
  return finish(b, net, cs, s);
}

std::int64_t lemon_max_cardinality(const BMatchingGraph& b) {
  // Max flow from a source feeding each left node its capacity.
  Graph g;
  Graph::ArcMap<long long> capacity(g);
  const std::int32_t L = b.left_count, R = b.right_count;
  std::vector<Graph::Node> nodes;
  for (std::int32_t i = 0; i < L + R + 2; ++i) nodes.push_back(g.addNode());
  const Graph::Node source = nodes[L + R], sink = nodes[L + R + 1];
  for (std::int32_t l = 0; l < L; ++l) {
    capacity[g.addArc(source, nodes[l])] = b.left_capacity[l];
    for (std::int64_t a = b.arc_begin[l]; a < b.arc_begin[l + 1]; ++a) {
      capacity[g.addArc(nodes[l], nodes[L + b.arc_right[a]])] = 1;
    }
  }
  for (std::int32_t r = 0; r < R; ++r) {
    capacity[g.addArc(nodes[L + r], sink)] = b.right_capacity[r];
  }
  lemon::Preflow<Graph, Graph::ArcMap<long long>> preflow(g, capacity, source,
                                                          sink);
  preflow.run();
  return preflow.flowValue();
}

}  // namespace vetmatch::test
