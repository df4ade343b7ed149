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

/// Duals with the slack (weight - y - z) of each used arc moved into its
/// end on one side when that end has capacity 1 (fold_left: into y of the
/// left end, else into z of the right end), so that arc is tight. Still
/// valid duals with the same objective and never below the solver's, so
/// they prove more about arcs outside the graph.
struct BMatchingDuals {
  std::vector<std::int64_t> left;
  std::vector<std::int64_t> right;
};
BMatchingDuals folded_duals(const BMatchingGraph& graph,
                            const BMatchingSolution& solution, bool fold_left);

}  // namespace vetmatch
