// Maximum-weight bipartite b-matching with free disposal, exact in
// integers: the solver behind the `optimal` policy (engine/policies/
// optimal.h), written to be reused by other plans that match two sides
// under capacities on both (a fair's booth plan).
//
// Problem: left nodes l with capacity left_capacity[l] >= 0, right nodes r
// with capacity right_capacity[r] >= 0, arcs (l, r, weight) each used at
// most once. Choose a set of arcs, at most cap(l) at each left node and
// cap(r) at each right node, of maximum total weight. Nothing has to be
// used (free disposal): an arc of weight <= 0 never needs to be.
//
// Duals (the optimality proof the solver returns): y[l] >= 0, z[r] >= 0
// with y[l] + z[r] >= weight for every unused arc, y[l] + z[r] <= weight
// for every used arc, y[l] > 0 only at a full left node and z[r] > 0 only
// at a full right node. Any such pair (y, z) proves the arcs used are a
// maximum-weight b-matching of the graph (the LP's complementary
// slackness; the arc bound x <= 1 takes weight - y - z on used arcs), and
// for an arc outside the graph y[l] + z[r] >= weight shows that adding it
// would not raise the maximum. check_bmatching() verifies all of it.
//
// Method: successive shortest paths on the residual network (left nodes
// supply their capacity, each may send it to a right node through an arc
// or dispose of it at zero weight), one unit at a time from each left node
// in index order, with Dijkstra on reduced costs and the duals as node
// potentials (the Hungarian method for capacities). The start prices every
// left node at its best arc, so early searches end at once on a free right
// node (a greedy start that is already optimal); only contested paths
// search further. Only left nodes enter the heap: a right node is passed
// through on its way to the left node it is matched to, or ends the path
// when it has room. Weights up to 2^60 in magnitude; sums stay in int64.
//
// The augmentations are serial (each depends on the previous duals); the
// set-up (transposes, starting prices) is parallel. Same input, same
// output, whatever the thread count.
#pragma once

#include <cstdint>
#include <vector>

namespace vetmatch {

/// Arcs in compressed rows by left node: arcs of l are
/// [arc_begin[l], arc_begin[l + 1]).
struct BMatchingGraph {
  std::int32_t left_count = 0;
  std::int32_t right_count = 0;
  std::vector<std::int32_t> left_capacity;   ///< size left_count, >= 0
  std::vector<std::int32_t> right_capacity;  ///< size right_count, >= 0
  std::vector<std::int64_t> arc_begin;       ///< size left_count + 1
  std::vector<std::int32_t> arc_right;       ///< right node of each arc
  std::vector<std::int64_t> arc_weight;      ///< |weight| <= 2^60

  std::int64_t arc_count() const {
    return arc_begin.empty() ? 0 : arc_begin.back();
  }
};

/// What one solve did, for benchmarks and tuning.
struct BMatchingWork {
  std::int64_t searches = 0;      ///< Dijkstra searches (augmentations)
  std::int64_t left_settled = 0;  ///< left nodes taken from the heap
  std::int64_t arcs_scanned = 0;  ///< arcs relaxed
  double setup_seconds = 0.0;     ///< arc order, starting prices (parallel)
  double search_seconds = 0.0;    ///< the augmentations (serial)
};

struct BMatchingSolution {
  std::vector<std::uint8_t> arc_used;    ///< by arc: 1 when chosen
  std::vector<std::int64_t> left_dual;   ///< y, by left node
  std::vector<std::int64_t> right_dual;  ///< z, by right node
  std::int64_t used_arcs = 0;
  BMatchingWork work;
};

/// Preconditions: the graph is well formed (sizes, right nodes in range,
/// capacities >= 0, weights within 2^60); throws std::invalid_argument
/// otherwise.
BMatchingSolution solve_bmatching(const BMatchingGraph& graph);

}  // namespace vetmatch
