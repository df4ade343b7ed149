// LEMON (the COIN-OR graph library, Debian liblemon-dev) on a
// BMatchingGraph: the independent solver the `optimal` policy is checked
// against (tests) and timed against (bench/policy_benchmark.cc). Never
// linked into the engine.
//
// Contract: lemon_bmatching() solves the same maximum-weight b-matching
// with free disposal as solve_bmatching() (engine/assignment/bmatching.h)
// as a minimum-cost flow: each left node supplies its capacity, arcs
// (l, r) of capacity 1 and cost -weight, right nodes drain to a sink up to
// their capacity, and a zero-cost arc from each left node to the sink
// takes what is not used. It returns the maximum weight, the number of
// arcs used and the seconds of LEMON's run() alone (the network is built
// before the clock starts). lemon_max_cardinality() is the largest number
// of arcs any b-matching of the graph can use (LEMON's Preflow max flow).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/assignment/bmatching.h"

namespace vetmatch::test {

enum class LemonAlgorithm { kNetworkSimplex, kCostScaling };

struct LemonSolution {
  __int128 weight = 0;
  std::int64_t used_arcs = 0;
  std::vector<std::uint8_t> arc_used;  ///< by arc of the graph
  double run_seconds = 0.0;
};

LemonSolution lemon_bmatching(const BMatchingGraph& graph,
                              LemonAlgorithm algorithm);

std::int64_t lemon_max_cardinality(const BMatchingGraph& graph);

}  // namespace vetmatch::test
