#include "engine/round/round_result.h"

namespace vetmatch {

std::string_view to_string(UnassignedReason r) {
  switch (r) {
    case UnassignedReason::kNoEligiblePosting:
      return "no_eligible_posting";
    case UnassignedReason::kEligiblePostingsFull:
      return "eligible_postings_full";
  }
  return "unknown";
}

std::string_view to_string(StabilityReport::Method m) {
  switch (m) {
    case StabilityReport::Method::kDeferredAcceptance:
      return "deferred_acceptance";
    case StabilityReport::Method::kSerialDictatorship:
      return "serial_dictatorship";
    case StabilityReport::Method::kRothPeranson:
      return "roth_peranson";
  }
  return "unknown";
}

}  // namespace vetmatch
