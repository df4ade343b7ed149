#include "engine/policies/policy.h"

#include <stdexcept>

#include "engine/policies/optimal.h"
#include "engine/policies/points_order.h"

namespace vetmatch {

ShortlistOptions policy_shortlist_options(const RoundConfig& config,
                                          const IndexedRound& ir) {
  if (config.policy == PolicyKind::kOptimal) {
    return optimal_shortlist_options(config, ir);
  }
  ShortlistOptions options;
  options.veteran_k = config.veteran_shortlist_k;
  options.posting_k = config.posting_shortlist_k;
  return options;
}

PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress) {
  switch (config.policy) {
    case PolicyKind::kPointsOrder:
      return points_order(config, ir, shortlists, progress);
    case PolicyKind::kOptimal:
      return optimal(config, ir, shortlists, progress);
    case PolicyKind::kStable:
      // Being built on branch issue5; never reaches main in this state.
      throw std::logic_error("policy not built yet");
  }
  return {};
}

}  // namespace vetmatch
