// LEMON (liblemon-dev) on the covering b-matching of engine/assignment/
// covering_bmatching.h, by a formulation of its own (no gadget): the
// independent solver `fair plan` and solve_covering_bmatching() are checked
// against. Tests only.
//
// Contract: lemon_covering_bmatching(graph, bonus) maximises bonus x (left
// nodes with an arc used) + sum of used weights as a minimum-cost flow: a
// source feeds each left node l through two parallel arcs, capacity 1 at
// cost -bonus and capacity cap(l) - 1 at cost 0 (a concave gain is a convex
// cost, so the first is used first); arcs (l, r) of capacity 1 and cost
// -weight; right nodes drain to the sink up to their capacity; a zero-cost
// arc from the source to the sink takes what is not used. It returns the
// left nodes covered, the arcs used and their total weight (no bonus).
#pragma once

#include <cstdint>

#include "engine/assignment/bmatching.h"

namespace vetmatch::test {

struct LemonCovering {
  std::int64_t covered = 0;
  std::int64_t used_arcs = 0;
  __int128 weight = 0;
};

LemonCovering lemon_covering_bmatching(const BMatchingGraph& graph,
                                       std::int64_t bonus);

}  // namespace vetmatch::test
