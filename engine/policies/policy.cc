#include "engine/policies/policy.h"

#include <stdexcept>

#include "engine/policies/optimal.h"
#include "engine/policies/points_order.h"
#include "engine/policies/stable.h"

namespace vetmatch {

ShortlistOptions policy_shortlist_options(const RoundConfig& config,
                                          const IndexedRound& ir) {
  if (config.policy == PolicyKind::kOptimal) {
    return optimal_shortlist_options(config, ir);
  }
  ShortlistOptions options;
  options.veteran_k = config.veteran_shortlist_k;
  options.posting_k = config.posting_shortlist_k;
  if (config.policy == PolicyKind::kStable) {
    const ShortlistDepth depth = stable_shortlist_depth(config);
    options.veteran_k = depth.veteran_k;
    options.posting_k = depth.posting_k;
  }
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
      return stable(config, ir, shortlists, progress);
  }
  return {};
}

}  // namespace vetmatch
