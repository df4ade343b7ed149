// An independent check of a b-matching and its duals (bmatching.h): the
// proof that the arcs used are a maximum-weight b-matching of the graph.
//
// Contract: check_bmatching() returns ok only when every condition of
// bmatching.h holds: each arc used at most once, capacities respected,
// y >= 0, z >= 0, y[l] + z[r] >= weight on unused arcs, <= weight on used
// arcs, y > 0 only at full left nodes, z > 0 only at full right nodes. Then
// the primal weight equals the dual objective (sum cap(l) y[l] + sum cap(r)
// z[r] + sum over used arcs of weight - y - z), which it also checks, in
// 128-bit arithmetic. Otherwise `problem` names the first failure.
// Reads only; O(arcs + nodes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/assignment/bmatching.h"

namespace vetmatch {

struct BMatchingCheck {
  bool ok = false;
  std::string problem;  ///< empty when ok
};

BMatchingCheck check_bmatching(const BMatchingGraph& graph,
                               const BMatchingSolution& solution);

/// The weight of a right node's dual once the slack of its used arc is
/// folded in: for a right node of capacity 1 that uses arc a from l,
/// weight(a) - y[l] (>= z[r]); else z[r]. Still a valid dual with the same
/// objective, and never below z, so it proves more about arcs outside the
/// graph.
std::vector<std::int64_t> folded_right_duals(const BMatchingGraph& graph,
                                             const BMatchingSolution& solution);

}  // namespace vetmatch
