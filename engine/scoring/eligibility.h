// The hard rules: may this veteran be proposed for this posting at all?
//
// Rules, checked in this order; the first that fails is the reason:
//   1. kKindNotWanted:       posting.kind is not in veteran.wants.
//   2. kSpouseNotAdmitted:   the veteran is a spouse and the posting is
//                            veterans_only or not spouses_welcome.
//   3. kEducationTooLow:     veteran.education < posting.min_education.
//   4. kMissingCertificate:  a required certificate is not held.
//   5. kBeyondCommute:       distance_km > the commute limit, which is
//                            veteran.max_commute_km, else the round's
//                            config.max_commute_km, else none.
//   6. kDeclined:            the pair is listed in round.declined.
//   7. kNoOpeningLeft:       the posting's openings are all used by taken.
// A veteran listed in round.taken is out of the round entirely (not a pair
// rule: run_round leaves them out before any pair is looked at).
#pragma once

#include <string_view>

namespace vetmatch {

enum class Ineligibility {
  kEligible,
  kKindNotWanted,
  kSpouseNotAdmitted,
  kEducationTooLow,
  kMissingCertificate,
  kBeyondCommute,
  kDeclined,
  kNoOpeningLeft,
};

std::string_view to_string(Ineligibility r);

}  // namespace vetmatch
