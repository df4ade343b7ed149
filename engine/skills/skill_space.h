// The occupation skill space: O*NET's 35 skill and 33 knowledge dimensions,
// each occupation's profile over them, and the crosswalks that turn the codes
// a round file names (CSCO 2022 and O*NET-SOC occupations, PLA specialty
// families, US military codes) into those profiles.
//
// Contract: a SkillSpace is plain data, filled by whoever owns the tables
// (the bundled one is datasets/skills/bundled_skill_space.h); the engine only
// reads it. Every OccupationProfile::profile has dimensions.size() entries in
// [0, 1], or is empty when the occupation has no civilian ratings. Every
// code a crosswalk names resolves in `onet`. Lookups take exact codes.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

/// One O*NET dimension. Ids are "skill.<name>" or "knowledge.<name>".
struct SkillDimension {
  std::string id;
  std::string name_en;
  std::string name_zh;
};

/// A code with a weight in (0, 1] (a crosswalk target).
struct WeightedCode {
  std::string code;
  double weight = 1.0;
};

struct OccupationProfile {
  std::string title;
  /// One weight per dimension, or empty: no civilian skill ratings.
  std::vector<double> profile;
};

/// A CSCO 2022 detailed occupation and the O*NET occupations it maps to.
struct CscoOccupation {
  std::string name;
  std::vector<WeightedCode> onet;  ///< Empty: not mapped.
  /// The mapping is borrowed from the mapped occupations of the same
  /// minor group (the first three levels of the code), not its own.
  bool borrowed = false;
};

/// A PLA military specialty family.
struct SpecialtyFamily {
  std::string name_zh;
  std::string name_en;
  std::vector<WeightedCode> onet;
  std::vector<WeightedCode> csco;
};

struct SkillSpace {
  std::vector<SkillDimension> dimensions;
  std::map<std::string, OccupationProfile, std::less<>> onet;
  std::map<std::string, CscoOccupation, std::less<>> csco;
  std::map<std::string, SpecialtyFamily, std::less<>> specialties;
  /// "<branch>:<code>" (e.g. "army:88M") -> O*NET codes in match order.
  std::map<std::string, std::vector<std::string>, std::less<>> us_military;
  /// O*NET code -> its related occupations (O*NET's primary tiers, short
  /// then long, in O*NET's order). Used to judge shortlists, not to score.
  std::map<std::string, std::vector<std::string>, std::less<>> related;
  /// True for "skill.*" and "knowledge.*" ids.
  static bool is_dimension_id(std::string_view skill_id);
};

}  // namespace vetmatch
