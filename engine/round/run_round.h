// The façade: run one matching round on a validated Round.
//
// Example usage:
//   Round round = ...;                      // from the JSON adapter
//   if (!validate(round).empty()) { ... }   // report every problem
//   RunOptions options;                     // policy from round.config
//   RoundResult result = run_round(round, options);
//
// Contract: precondition validate(round).empty(); run_round throws
// std::invalid_argument otherwise. It builds both shortlists, runs the
// policy (unless only shortlists are asked for) and fills the statistics.
// Whatever the policy, run_round sets each unassigned veteran's reason:
// kNoEligiblePosting with its excluded_by when no posting is eligible
// (no_eligible.h), else kEligiblePostingsFull. Withdrawn postings are left
// out of postings_by_id.
// Same round and options, same result, whatever the thread count (set by the
// caller with tbb::global_control).
#pragma once

#include <optional>

#include "engine/model/round.h"
#include "engine/round/round_result.h"
#include "engine/util/progress.h"

namespace vetmatch {

struct RunOptions {
  /// false: shortlists only, result.policy unset.
  bool run_policy = true;
  /// Overrides round.config.policy when set.
  std::optional<PolicyKind> policy;
  ProgressFn progress;
};

RoundResult run_round(const Round& round, const RunOptions& options = {});

}  // namespace vetmatch
