#include "engine/policies/policy.h"

#include "engine/policies/points_order.h"

namespace vetmatch {

PolicyOutcome run_policy(PolicyKind kind, const IndexedRound& ir,
                         const Shortlists& /*shortlists*/,
                         const ProgressFn& progress) {
  switch (kind) {
    case PolicyKind::kPointsOrder:
      return points_order(ir, progress);
  }
  return {};
}

}  // namespace vetmatch
