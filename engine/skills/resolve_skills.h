// Turns the codes of a round (veterans' specialties and occupations, postings'
// occupation) into skill vectors, in place.
//
// A record's vector has two parts:
//   * the O*NET part, over the dimensions of the SkillSpace: the mean over the
//     record's sources of each source's weighted mean occupation profile. A
//     source is one specialty (its O*NET targets and weights; a US code's
//     targets weigh equally), one held occupation (an O*NET code, or a CSCO
//     code's O*NET targets), or a posting's occupation. Explicit "skill.*" /
//     "knowledge.*" entries of the record's skills map override the mean for
//     their dimension.
//   * the tag part: the other (free) entries of the skills map (named
//     skills, certificates, software), exactly as given.
// When the record has at least one code, the map is rebuilt:
// each non-empty part is scaled to Euclidean norm sqrt(onet_share) (O*NET)
// and sqrt(1 - onet_share) (tags), or to norm 1 when it is the only part;
// zero entries are dropped. A record with no codes keeps its map as given.
// Because the skill score is the cosine of two maps, two records with both
// parts score onet_share * cos(O*NET parts) + (1 - onet_share) * cos(tags);
// tags one side names and the other does not count as a mismatch, as in any
// cosine.
//
// Contract: every record's skills end sorted by skill id. Unknown codes are
// errors (ValidationIssue with the field, e.g. "specialties/1"); a code that
// resolves but brings no skills (a US code mapped only to military-specific
// occupations, a CSCO code without its own mapping) is a warning. The round
// is usable when no error was returned. Calling it twice is harmless:
// resolved rounds are marked (Round::skills_resolved) and left alone.
#pragma once

#include <vector>

#include "engine/model/round.h"
#include "engine/model/validate.h"
#include "engine/skills/skill_space.h"

namespace vetmatch {

std::vector<ValidationIssue> resolve_skills(Round& round,
                                            const SkillSpace& space);

}  // namespace vetmatch
