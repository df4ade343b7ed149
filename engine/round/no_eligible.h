// The veterans of a round with no eligible posting at all, and why.
//
// Contract: veterans_without_eligible_posting(ir, shortlists) returns, in
// slot order (veteran id order), every veteran of the round for whom no
// posting of the round (withdrawn ones are out) passes the hard rules of
// eligibility.h, each with its NoEligibleReason (round_result.h): the rule
// that fails first for the most postings, ties to the earlier rule, or
// kNoPostings when the round has no posting. `shortlists` must be
// build_shortlists(ir, ...)'s: shortlists are exact, so a veteran on any
// list (theirs or a posting's) has an eligible posting and is not scanned.
// Cost: one pass over the round's postings per veteran on no list, with the
// exact rules (pair_eval.h); the distance is computed only for pairs that
// pass rules 1-4, and a scan stops at the first eligible posting. With
// veteran_shortlist_k >= 1 only the veterans with no eligible posting are
// scanned; with both k = 0 every veteran is. Parallel over veterans; the
// result does not depend on the thread count.
#pragma once

#include <vector>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct NoEligibleVeteran {
  VeteranIndex veteran = kNoVeteran;  ///< Round index.
  NoEligibleReason reason = NoEligibleReason::kNoPostings;
};

std::vector<NoEligibleVeteran> veterans_without_eligible_posting(
    const IndexedRound& ir, const Shortlists& shortlists);

}  // namespace vetmatch
