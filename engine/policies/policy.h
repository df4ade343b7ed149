// The seam between a round and its assignment policy.
//
// Contract: run_policy() dispatches on config.policy and returns the policy's
// assignments and unassigned veterans (Round index space, in the orders
// round_result.h documents). Every policy sees the same inputs: the indexed
// round and the shortlists already built (later policies use them as their
// candidate graph). Policies are deterministic: same input, same outcome,
// whatever the thread count.
#pragma once

#include <vector>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/util/progress.h"

namespace vetmatch {

struct PolicyOutcome {
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
};

/// `config` is the round's (policy and its options); `ir` was indexed from
/// a round with that config.
PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress = {});

}  // namespace vetmatch
