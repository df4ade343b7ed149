#include "engine/policies/policy.h"

#include <stdexcept>

#include "engine/policies/points_order.h"
#include "engine/policies/stable.h"

namespace vetmatch {

ShortlistDepth policy_shortlist_depth(const RoundConfig& config) {
  const ShortlistDepth own{config.veteran_shortlist_k,
                           config.posting_shortlist_k};
  switch (config.policy) {
    case PolicyKind::kPointsOrder:
    case PolicyKind::kOptimal:
      return own;
    case PolicyKind::kStable:
      return stable_shortlist_depth(config);
  }
  return own;
}

PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress) {
  switch (config.policy) {
    case PolicyKind::kPointsOrder:
      return points_order(ir, progress);
    case PolicyKind::kStable:
      return stable(config, ir, shortlists, progress);
    case PolicyKind::kOptimal:
      // Being built on branch issue5; never reaches main in this state.
      throw std::logic_error("policy not built yet");
  }
  return {};
}

}  // namespace vetmatch
