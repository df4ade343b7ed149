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
#include "engine/shortlist/shortlist_builder.h"
#include "engine/util/progress.h"

namespace vetmatch {

struct PolicyOutcome {
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
  /// `optimal` only: what it proved (round_result.h).
  std::optional<OptimalityReport> optimality;
  /// `stable` only.
  std::optional<StabilityReport> stability;
};

/// Shortlist lengths, veterans' and postings' side.
struct ShortlistDepth {
  int veteran_k = 0;
  int posting_k = 0;
};

/// The shortlists a policy needs built before it runs: the config's k both
/// ways, deeper where the policy solves on them (optimal: its candidate
/// graph, engine/policies/optimal.h). run_round builds these once and cuts
/// the result's lists back to the config's k.
ShortlistOptions policy_shortlist_options(const RoundConfig& config,
                                          const IndexedRound& ir);

/// `config` is the round's (policy and its options); `ir` was indexed from
/// a round with that config; `shortlists` were built with
/// policy_shortlist_options(config, ir) (a policy that finds them too
/// shallow builds its own).
PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress = {});

}  // namespace vetmatch
