// The candidate graph the `optimal` policy solves on (optimal.h): the
// pairs of one side's shortlists, as a b-matching graph with integer
// weights (optimal_costs.h), plus any pairs added while deepening it.
//
// Contract: the candidate side is the graph's left side, so the solver
// searches from the scarce side's records (bmatching.h). kPostings: left
// node p is posting slot p, capacity its openings left, with the pairs of
// its list; right node v is veteran slot v, capacity 1. kVeterans: left
// node v is veteran slot v, capacity 1, with the pairs of its list; right
// node p is posting slot p, capacity its openings left. Each left node's
// arcs are its list in list order, then its extra pairs in their given
// order; no pair twice, provided the extra pairs are not on the lists.
// An arc's weight is placement_bonus + score_units(score); score(arc)
// gives its pair's score and components (from the lists, which must
// outlive the graph, or from its own copy of the extra pairs). cut_units, by
// left node: the units of the last score of its list when the list may
// have been cut (its length reached its depth, Shortlists::posting_depth /
// veteran_depth), else -1; every pair of that record outside the graph
// scores at most that. The graph depends on nothing but its inputs.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/assignment/bmatching.h"
#include "engine/policies/partner_anchors.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/pair_scan.h"

namespace vetmatch {

struct CandidateGraph {
  CandidateSide side = CandidateSide::kPostings;
  BMatchingGraph graph;
  /// By left node: see the contract.
  std::vector<std::int64_t> cut_units;

  bool postings_left() const { return side == CandidateSide::kPostings; }
  const PairScore& score(std::int64_t arc) const {
    const std::int64_t s = arc_source[arc];
    return s >= 0 ? list_entries[s].score : extra[-1 - s].score;
  }

  /// By arc: >= 0, the index of its entry in list_entries; < 0, extra
  /// pair -1 - source.
  std::vector<std::int64_t> arc_source;
  const ShortlistEntry* list_entries = nullptr;  ///< the left side's
  std::vector<ScoredPair> extra;
};

/// Preconditions: `lists` come from build_shortlists(ir, ...) (depths
/// set); extra pairs are eligible and not on the candidate side's lists.
CandidateGraph build_candidate_graph(const IndexedRound& ir,
                                     const Shortlists& lists,
                                     CandidateSide side,
                                     std::int64_t placement_bonus,
                                     std::span<const ScoredPair> extra);

/// Drops every arc (veteran v, posting p) that `anchors` does not allow
/// (partner_anchors.h). cut_units stay: they describe the lists.
void drop_disallowed_arcs(CandidateGraph& graph, const PartnerAnchors& anchors);

/// Drops every arc of the veterans marked in `veteran_out` (by slot) and
/// sets each posting's capacity to `openings` (by slot). cut_units stay:
/// they describe the lists, not the restricted graph.
void restrict_candidate_graph(CandidateGraph& graph,
                              const std::vector<std::uint8_t>& veteran_out,
                              const std::vector<Openings>& openings);

}  // namespace vetmatch
