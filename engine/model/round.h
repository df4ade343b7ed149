// The engine's whole input: veterans, postings, employers and the round's
// history (taken and declined pairs, postings withdrawn, veterans no longer
// looking), as plain structs.
//
// Contract: a Round is what the round file says, after types are checked and
// regions resolved to coordinates; nothing is derived yet. Records keep the
// order the file gave them, and a record's index in its vector is its
// VeteranIndex / PostingIndex. References between records (posting.employer,
// veteran.partner, taken, declined, withdrawn, not_looking) are external id
// strings; validate() checks that they resolve. Optional strings are empty
// when absent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/enums.h"
#include "engine/model/ids.h"
#include "engine/model/round_config.h"

namespace vetmatch {

/// WGS-84 degrees. lat in [-90, 90], lon in [-180, 180].
struct GeoPoint {
  double lat = 0.0;
  double lon = 0.0;
};

/// One entry of a skills map: skill id -> weight in (0, 1].
struct SkillWeight {
  std::string skill;
  double weight = 0.0;
};

struct Veteran {
  std::string id;
  std::string name;  ///< UTF-8, optional.
  Group group = Group::kSoldier;
  GeoPoint location;
  std::string region;  ///< 6-digit code the location came from, if any.
  std::vector<SkillWeight> skills;
  /// Military specialties: a PLA specialty family id from the bundled
  /// table ("driver"), or a US military code "us:<branch>:<code>"
  /// ("us:army:88M"). Turned into skills by resolve_skills().
  std::vector<std::string> specialties;
  /// Civilian occupations held: O*NET-SOC ("53-3032.00") or CSCO 2022
  /// ("4-02-01-01") codes. Turned into skills by resolve_skills().
  std::vector<std::string> occupations;
  std::vector<std::string> certificates;
  Education education = Education::kNone;
  PostingKindSet wants = kAllPostingKinds;
  std::vector<std::string> industries;   ///< Empty: any industry.
  std::optional<double> max_commute_km;  ///< Unset: the round's limit.
  Points points = 0.0;
  PrioritySet priority = 0;
  std::string partner;  ///< Id of a partner veteran, if any.
};

struct Posting {
  std::string id;
  std::string employer;  ///< Employer id (or name when no employers listed).
  PostingKind kind = PostingKind::kJob;
  std::string title;
  GeoPoint location;
  std::string region;  ///< 6-digit code the location came from, if any.
  Openings openings = 1;
  std::vector<SkillWeight> skills;
  /// The post's occupation: an O*NET-SOC or CSCO 2022 code; empty if none.
  /// Turned into skills by resolve_skills().
  std::string occupation;
  std::vector<std::string> required_certificates;
  Education min_education = Education::kNone;
  std::string industry;  ///< Empty: none given.
  bool veterans_only = false;
  bool spouses_welcome = false;
};

struct Employer {
  std::string id;
  std::string name;
  EmployerKind kind = EmployerKind::kEnterprise;
};

/// A (veteran id, posting id) pair, for "taken" and "declined".
struct PairRef {
  std::string veteran;
  std::string posting;
};

struct Round {
  RoundConfig config;
  std::vector<Veteran> veterans;
  std::vector<Posting> postings;
  std::vector<Employer> employers;
  /// Places filled in earlier rounds: each uses one opening of its posting
  /// and takes its veteran out of this round.
  std::vector<PairRef> taken;
  /// Pairs a veteran or employer declined before: never proposed again.
  std::vector<PairRef> declined;
  /// Postings withdrawn by their employer: ids of listed postings, each
  /// once. A withdrawn posting gets no assignment and is on no shortlist
  /// (its openings count as none left); places taken there before stay.
  std::vector<std::string> withdrawn;
  /// Veterans no longer looking: ids of listed veterans, each once, none of
  /// them also taken. Out of the round like veterans taken before, but
  /// counted apart in the statistics.
  std::vector<std::string> not_looking;
  /// Set by resolve_skills() (engine/skills/resolve_skills.h): the skills
  /// maps now hold the vectors derived from the records' codes.
  bool skills_resolved = false;
};

}  // namespace vetmatch
