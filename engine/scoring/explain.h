// Why a pair scored what it did, in terms of the skills the two share.
//
// Contract: top_shared_skills() returns the skills both records name, each
// with its share of the skill cosine, a_s * b_s / (|a| * |b|) (the shares of
// all shared skills sum to PairScore::skill), largest first, ties by skill
// id, at most `limit` of them, none with a zero share. Fast when both skills
// maps are sorted by id (resolve_skills() leaves them so); correct either way.
#pragma once

#include <string_view>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

struct SkillShare {
  std::string_view skill;  ///< Points into the veteran's skills map.
  double share = 0.0;
};

std::vector<SkillShare> top_shared_skills(const Veteran& veteran,
                                          const Posting& posting, int limit);

}  // namespace vetmatch
