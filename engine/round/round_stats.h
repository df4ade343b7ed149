// The round's statistics, computed from its inputs and outcome.
//
// Contract: pure function of the indexed round and the policy outcome;
// ratios are 0 when their denominator is 0. Seconds are filled by run_round.
#pragma once

#include "engine/policies/policy.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

RoundStats compute_stats(const IndexedRound& ir, const PolicyOutcome& outcome);

}  // namespace vetmatch
