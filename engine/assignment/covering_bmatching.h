// Maximum-weight b-matching with a bonus for every left node that gets at
// least one arc: the solver behind `fair plan`'s floor (engine/fair/plan.h),
// built on solve_bmatching() (bmatching.h) without changing it.
//
// Problem: the graph of bmatching.h and a bonus >= 0. Choose arcs, at most
// cap(l) at each left node and cap(r) at each right node, maximising
//   bonus x (left nodes with at least one arc used) + sum of used weights,
// or the same with the bonus on right nodes (CoverSide::kRight: the same
// gadget mirrored, so the solver can search from whichever side is scarce).
// With bonus larger than any difference in total weight (for nonnegative
// weights: bonus > (arcs any b-matching can use) x (largest weight)) the
// maximum covers as many left nodes as any b-matching can, and among those
// has the largest total weight: a lexicographic objective.
//
// Method (a gadget, so the exact solver and its proof apply unchanged):
// every arc's weight is raised by the bonus, and each left node l with
// cap(l) >= 2 and at least one arc gets a private right node of capacity
// cap(l) - 1 reached by cap(l) - 1 parallel arcs of weight bonus (an arc
// carries one unit). With k >= 1 arcs of l used
// the private node takes the cap(l) - k units left (it has room for them
// all), worth bonus x cap(l) in all; with k = 0 it takes cap(l) - 1. So each
// left node contributes bonus x (cap(l) - 1) + bonus x [k >= 1] + its
// weights: the objective above plus a constant. The solver's duals on the
// gadget graph are checked (check_bmatching), so `proven` certifies the
// answer.
//
// Contract: arc_used is by arc of the given graph; same input, same output,
// whatever the thread count. Preconditions: those of solve_bmatching, plus
// bonus >= 0 and |weight| + bonus <= 2^60 for every arc; throws
// std::invalid_argument otherwise.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/assignment/bmatching.h"

namespace vetmatch {

/// Which side's nodes earn the bonus.
enum class CoverSide { kLeft, kRight };

struct CoveringSolution {
  std::vector<std::uint8_t> arc_used;  ///< by arc of the given graph
  std::int64_t used_arcs = 0;
  std::int64_t covered = 0;  ///< covered nodes of the bonus side
  /// Sum of the used arcs' weights (given weights, no bonus), in 128 bits.
  __int128 weight = 0;
  /// The solver's duals passed check_bmatching() on the gadget graph.
  bool proven = false;
  /// The duals of the given graph's nodes in the gadget (bmatching.h): an
  /// arc (l, r) left out of the graph, of weight w, could not raise the
  /// maximum when left_dual[l] + right_dual[r] >= w + bonus.
  std::vector<std::int64_t> left_dual;
  std::vector<std::int64_t> right_dual;
  BMatchingWork work;
};

CoveringSolution solve_covering_bmatching(const BMatchingGraph& graph,
                                          std::int64_t bonus,
                                          CoverSide side = CoverSide::kLeft);

/// The gadget graph of the method above (exposed for tests). kLeft: each
/// left node's arcs in order, then its private arcs last. kRight: the bonus
/// goes to right nodes, whose private nodes are left nodes (with the
/// parallel arcs), numbered after the given left nodes; the given arcs keep
/// their positions.
BMatchingGraph covering_gadget(const BMatchingGraph& graph, std::int64_t bonus,
                               CoverSide side = CoverSide::kLeft);

}  // namespace vetmatch
