// Semantic checks of a Round: every problem at once, never only the first.
//
// Contract: validate() returns one ValidationIssue per problem found (empty
// when the round is sound); it never throws for bad data. An issue names the
// record (entity + its index in the Round's vector, the file order) and the
// field as a JSON Pointer relative to the record, already escaped (RFC 6901),
// so an adapter can turn it into "/veterans/17/location/lat". Checked:
// empty and duplicate ids; references (posting.employer when employers are
// listed, partner, taken, declined) to unknown ids; self or one-sided
// partners; coordinates out of range or not finite; openings outside
// [1, kMaxOpenings]; skill weights outside (0, 1]; commute limits, points,
// weights and scales that are negative, zero where they must be positive, or
// not finite; contradictory posting flags; more taken places than openings;
// a veteran taken twice; withdrawn and not_looking ids that name no listed
// posting / veteran or are listed twice; a veteran both taken and
// not_looking (an error rather than a precedence rule: the file must say
// which, since the two are counted apart).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

enum class Entity {
  kConfig,
  kVeteran,
  kPosting,
  kEmployer,
  kTaken,
  kDeclined,
  kWithdrawn,
  kNotLooking
};

/// The round-file array (or object) an entity lives in: "veterans", ...
std::string_view to_string(Entity e);

struct ValidationIssue {
  Entity entity = Entity::kConfig;
  int index = -1;        ///< Position in the entity's vector; -1 for config.
  std::string field;     ///< JSON Pointer relative to the record, e.g.
                         ///< "location/lat"; empty for the whole record.
  std::string expected;  ///< What a sound value would be.
  std::string found;     ///< What was there, printed for a person.
  /// A warning: the round is usable, but the person should know (a region
  /// that fell back to its city, a code that brings no skills).
  bool warning = false;
};

std::vector<ValidationIssue> validate(const Round& round);

/// Escapes one JSON Pointer reference token ("~" -> "~0", "/" -> "~1").
std::string escape_pointer_token(std::string_view token);

}  // namespace vetmatch
