// top_shared_skills() (engine/scoring/explain.h): the shares sum to the
// skill cosine of score_pair(), come largest first with ties by id, respect
// the limit, and do not depend on the maps being sorted.
#include "engine/scoring/explain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "engine/scoring/scorer.h"

namespace vetmatch {
namespace {

TEST(Explain, SharesSumToTheSkillCosine) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> pick(0, 11);
  std::uniform_real_distribution<double> weight(0.01, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    Veteran v;
    Posting p;
    for (int i = 0; i < 6; ++i) {
      const std::string id = std::string("s").append(std::to_string(pick(rng)));
      const auto has = [&](const std::vector<SkillWeight>& m) {
        return std::any_of(m.begin(), m.end(),
                           [&](const SkillWeight& s) { return s.skill == id; });
      };
      if (!has(v.skills)) v.skills.push_back({id, weight(rng)});
      const std::string jd = std::string("s").append(std::to_string(pick(rng)));
      if (std::none_of(p.skills.begin(), p.skills.end(),
                       [&](const SkillWeight& s) { return s.skill == jd; })) {
        p.skills.push_back({jd, weight(rng)});
      }
    }
    const auto all = top_shared_skills(v, p, 100);
    double sum = 0.0;
    for (const SkillShare& s : all) sum += s.share;
    EXPECT_NEAR(sum, score_pair(v, p, RoundConfig{}).skill, 1e-12);
    for (std::size_t i = 1; i < all.size(); ++i) {
      EXPECT_TRUE(all[i - 1].share > all[i].share ||
                  (all[i - 1].share == all[i].share &&
                   all[i - 1].skill < all[i].skill));
    }
    const auto top2 = top_shared_skills(v, p, 2);
    ASSERT_EQ(top2.size(), std::min<std::size_t>(2, all.size()));
    for (std::size_t i = 0; i < top2.size(); ++i) {
      EXPECT_EQ(top2[i].skill, all[i].skill);
      EXPECT_EQ(top2[i].share, all[i].share);
    }
  }
}

TEST(Explain, EdgeCases) {
  Veteran v;
  Posting p;
  EXPECT_TRUE(top_shared_skills(v, p, 3).empty());
  v.skills = {{"a", 1.0}};
  EXPECT_TRUE(top_shared_skills(v, p, 3).empty());
  p.skills = {{"b", 1.0}};
  EXPECT_TRUE(top_shared_skills(v, p, 3).empty());
  p.skills.push_back({"a", 0.5});
  EXPECT_TRUE(top_shared_skills(v, p, 0).empty());
  const auto one = top_shared_skills(v, p, 3);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].skill, "a");
  EXPECT_NEAR(one[0].share, 0.5 / std::sqrt(1.25), 1e-15);
}

}  // namespace
}  // namespace vetmatch
