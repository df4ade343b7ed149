#include "engine/round/round_result.h"

namespace vetmatch {

std::string_view to_string(UnassignedReason r) {
  switch (r) {
    case UnassignedReason::kNoEligiblePosting:
      return "no_eligible_posting";
    case UnassignedReason::kEligiblePostingsFull:
      return "eligible_postings_full";
    case UnassignedReason::kNoJointPlacement:
      return "no_joint_placement";
  }
  return "unknown";
}

}  // namespace vetmatch
