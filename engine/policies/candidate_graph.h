// The candidate graph the `optimal` policy solves on (optimal.h): the
// pairs of one side's shortlists, as a b-matching graph with integer
// weights (optimal_costs.h), plus any pairs added while deepening it.
//
// Contract: left node p is posting slot p, capacity its openings left;
// right node v is veteran slot v, capacity 1. Arcs are the pairs of every
// list of the candidate side (CandidateSide::kPostings: each posting's
// list of veterans; kVeterans: each veteran's list of postings), then the
// extra pairs; no pair twice, provided the extra pairs are not on those
// lists. Each posting's arcs are in a fixed order (list order, or veteran
// slot order when built from the veterans' lists; extras last, in their
// given order), so the graph depends on nothing but its inputs. An arc's
// weight is placement_bonus + score_units(score). cut_units records, for
// each list of the candidate side (by slot), the units of its last score
// when the list may have been cut (its length reached its depth,
// Shortlists::posting_depth / veteran_depth), else -1: every pair of that
// record outside the graph scores at most that.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/assignment/bmatching.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/pair_scan.h"

namespace vetmatch {

struct CandidateGraph {
  BMatchingGraph graph;
  std::vector<PairScore> arc_score;  ///< by arc
  /// By slot of the candidate side: see the contract.
  std::vector<std::int64_t> cut_units;
};

/// Preconditions: `lists` come from build_shortlists(ir, ...) (depths
/// set); extra pairs are eligible and not on the candidate side's lists.
CandidateGraph build_candidate_graph(const IndexedRound& ir,
                                     const Shortlists& lists,
                                     CandidateSide side,
                                     std::int64_t placement_bonus,
                                     std::span<const ScoredPair> extra);

}  // namespace vetmatch
