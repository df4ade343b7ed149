#include "engine/scoring/eligibility.h"

namespace vetmatch {

std::string_view to_string(Ineligibility r) {
  switch (r) {
    case Ineligibility::kEligible:
      return "eligible";
    case Ineligibility::kKindNotWanted:
      return "kind_not_wanted";
    case Ineligibility::kSpouseNotAdmitted:
      return "spouse_not_admitted";
    case Ineligibility::kEducationTooLow:
      return "education_too_low";
    case Ineligibility::kMissingCertificate:
      return "missing_certificate";
    case Ineligibility::kBeyondCommute:
      return "beyond_commute";
    case Ineligibility::kDeclined:
      return "declined";
    case Ineligibility::kNoOpeningLeft:
      return "no_opening_left";
  }
  return "unknown";
}

}  // namespace vetmatch
