// points_order: "sunlight placement" (阳光安置), serial dictatorship by
// placement points.
//
// Problem: veterans take turns in descending placement points, equal points
// by ascending id. At their turn a veteran takes the best-scoring eligible
// posting (score desc, id asc; scorer.h, eligibility.h) that still has an
// opening. Each pick records its turn, its rank among all postings eligible
// for the veteran at the start of the round (1 = their best), and how many
// of those still had an opening at the turn (the pick included). A veteran
// who gets nothing is unassigned with reason no_eligible_posting (nothing
// was eligible at the start) or eligible_postings_full.
//
// Method: turns are processed in chunks. For a chunk, each veteran's
// eligible postings are found in parallel (float block scores with proven
// error bounds, pair_eval.h); the turns are then resolved one by one,
// scoring exactly only the open postings whose estimate is within the error
// bound of the best; finally each pick's rank and open count are filled in
// parallel. The outcome equals the textbook serial loop over exact scores.
// Work: O(N M d) for the estimates, in parallel; the serial part is a short
// walk down each veteran's best open postings.
//
// Same input, same outcome, whatever the thread count.
#pragma once

#include "engine/policies/policy.h"

namespace vetmatch {

PolicyOutcome points_order(const IndexedRound& ir,
                           const ProgressFn& progress = {});

}  // namespace vetmatch
