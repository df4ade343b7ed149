// The seam between a round and its assignment policy.
//
// Contract: run_policy() dispatches on config.policy and returns the policy's
// assignments and unassigned veterans (Round index space, in the orders
// round_result.h documents). Every policy sees the same inputs: the indexed
// round and the shortlists already built, at the depth
// policy_shortlist_depth(config) asks for (later policies use them as their
// candidate graph). Policies are deterministic: same input, same outcome,
// whatever the thread count.
#pragma once

#include <optional>
#include <vector>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/util/progress.h"

namespace vetmatch {

struct PolicyOutcome {
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
  /// `stable` only.
  std::optional<StabilityReport> stability;
};

/// Shortlist lengths, veterans' and postings' side.
struct ShortlistDepth {
  int veteran_k = 0;
  int posting_k = 0;
};

/// The depth run_policy() needs the shortlists built at: the config's
/// (veteran_shortlist_k, posting_shortlist_k), or deeper where the policy's
/// candidate graph needs it (`stable`: see stable.h). run_round builds them
/// at this depth and cuts the result's copy to the config's.
ShortlistDepth policy_shortlist_depth(const RoundConfig& config);

/// `config` is the round's (policy and its options); `ir` was indexed from
/// a round with that config; `shortlists` were built at
/// policy_shortlist_depth(config).
PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress = {});

}  // namespace vetmatch
