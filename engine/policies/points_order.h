// points_order: "sunlight placement" (阳光安置), serial dictatorship by
// placement points.
//
// Problem: veterans take turns in descending placement points, equal points
// by ascending id. At their turn a veteran takes the best-scoring eligible
// posting (score desc, id asc; scorer.h, eligibility.h) that still has an
// opening. Each pick records its turn, its rank among all postings eligible
// for the veteran at the start of the round (1 = their best), and how many
// of those still had an opening at the start of the turn (the pick
// included). A veteran who gets nothing is unassigned with reason
// no_eligible_posting (nothing was eligible at the start) or
// eligible_postings_full.
//
// Couples (config.couples == together; couples.h says who is a couple): a
// couple picks together at the turn of the partner who comes first, and
// the other partner's own turn is skipped. Both take postings with an
// opening, at most config.couple_max_km apart, the pair with the largest
// sum of the two scores (ties: the first partner's posting id, then the
// other's), or neither is placed. Both records carry the couple's turn;
// rank and open_postings are each partner's own, at that turn. A partner
// left out is unassigned with no_eligible_posting or
// eligible_postings_full when that is true of them alone, else with
// no_joint_placement. A veteran whose partner was placed in an earlier
// round picks alone at their own turn, among postings at most
// couple_max_km from the partner's (no_joint_placement when only postings
// farther away were open and eligible).
//
// Method: the turns are walked in order over each veteran's shortlist
// (their top veteran_shortlist_k eligible postings, so the first listed
// posting still open is the pick and its rank is its place in the list).
// Only a veteran whose full-length list is all taken searches further:
// among the postings still open (open_postings.h: grouped by static rules,
// scored through bounds, exactly only near the top), speculatively and in
// parallel for a block of turns ahead, checked serially against what the
// block's earlier turns took. Once nothing is open, the remaining turns
// only need their reasons. Ranks off the list and open_postings are
// counted after the walk, in parallel, from each posting's closing turn
// (turn_records.h). The outcome equals the textbook serial loop over exact
// scores (tests/reference/reference_points_order.h). The dense
// IndexedRound::veteran_matrix is not read.
//
// Precondition: `shortlists` were built from `ir` with veteran_k =
// config.veteran_shortlist_k (run_round does so).
// Same input, same outcome, whatever the thread count.
#pragma once

#include "engine/policies/policy.h"

namespace vetmatch {

PolicyOutcome points_order(const RoundConfig& config, const IndexedRound& ir,
                           const Shortlists& shortlists,
                           const ProgressFn& progress = {});

}  // namespace vetmatch
