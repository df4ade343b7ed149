#include "engine/policies/policy.h"

#include <stdexcept>

#include "engine/policies/points_order.h"

namespace vetmatch {

PolicyOutcome run_policy(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& shortlists,
                         const ProgressFn& progress) {
  switch (config.policy) {
    case PolicyKind::kPointsOrder:
      return points_order(config, ir, shortlists, progress);
    case PolicyKind::kOptimal:
    case PolicyKind::kStable:
      // Being built on branch issue5; never reaches main in this state.
      throw std::logic_error("policy not built yet");
  }
  return {};
}

}  // namespace vetmatch
