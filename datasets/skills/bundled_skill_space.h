// The skill space bundled with vetmatch, built from the tables compiled in
// from datasets/tables/: onet_dimensions.tsv, onet_occupations.tsv,
// csco_occupations.tsv, csco_onet.tsv, specialties.tsv, us_military.tsv and
// onet_related.tsv
// (see datasets/README.md for what each holds and how it was made).
//
// Contract: bundled_skill_space() parses once, on first use (thread-safe),
// and throws std::runtime_error naming the table and line if a table is
// malformed or names an unknown code. CSCO codes without a row of their own
// in csco_onet.tsv borrow the mean mapping of the mapped codes in their group
// (detailed and minor-group codes: the minor group "4-02-01"; middle-group
// codes: the middle group "4-02"), marked `borrowed`. Only the military rows
// of specialties.tsv become specialty families (its civilian profiles serve
// the generator).
#pragma once

#include <string_view>

#include "engine/skills/skill_space.h"

namespace vetmatch {

const SkillSpace& bundled_skill_space();

/// The tables' text, for tests that build their own.
struct SkillSpaceTables {
  std::string_view onet_dimensions;
  std::string_view onet_occupations;
  std::string_view csco_occupations;
  std::string_view csco_onet;
  std::string_view specialties;
  std::string_view us_military;
  std::string_view onet_related;
};

SkillSpace parse_skill_space(const SkillSpaceTables& tables);

}  // namespace vetmatch
