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

std::string_view to_string(CandidateSide s) {
  switch (s) {
    case CandidateSide::kPostings:
      return "postings";
    case CandidateSide::kVeterans:
      return "veterans";
  }
  return "unknown";
}

std::string_view to_string(CertificateMethod m) {
  switch (m) {
    case CertificateMethod::kNone:
      return "none";
    case CertificateMethod::kListBounds:
      return "list_bounds";
    case CertificateMethod::kPairScan:
      return "pair_scan";
  }
  return "unknown";
}

}  // namespace vetmatch
