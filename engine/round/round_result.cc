#include "engine/round/round_result.h"

#include "engine/scoring/eligibility.h"

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

// A rule's value is its Ineligibility value (kNoPostings takes kEligible's
// place), so the names are eligibility.h's.
static_assert(static_cast<int>(NoEligibleReason::kKindNotWanted) ==
              static_cast<int>(Ineligibility::kKindNotWanted));
static_assert(static_cast<int>(NoEligibleReason::kNoOpeningLeft) ==
              static_cast<int>(Ineligibility::kNoOpeningLeft));

std::string_view to_string(NoEligibleReason r) {
  if (r == NoEligibleReason::kNoPostings) return "no_postings";
  return to_string(static_cast<Ineligibility>(r));
}

NoEligibleReason no_eligible_reason(Ineligibility rule) {
  return static_cast<NoEligibleReason>(rule);
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
