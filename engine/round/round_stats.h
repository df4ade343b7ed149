// The round's statistics, computed from its inputs and outcome.
//
// Contract: pure function of the indexed round, the policy outcome and the
// veterans with no eligible posting (no_eligible.h); ratios are 0 when
// their denominator is 0. Coverage, group and priority figures and the
// score and distance means come from coverage_figures() (coverage.h), the
// same code `vetmatch eval` reports with. blocking_pairs is left at -1 (not
// counted). Seconds are filled by run_round.
#pragma once

#include <span>

#include "engine/policies/policy.h"
#include "engine/round/no_eligible.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

RoundStats compute_stats(const IndexedRound& ir, const PolicyOutcome& outcome,
                         std::span<const NoEligibleVeteran> no_eligible);

}  // namespace vetmatch
