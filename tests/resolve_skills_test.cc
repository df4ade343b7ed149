// resolve_skills() (engine/skills/resolve_skills.h) on a small hand-made
// skill space: the O*NET part is the mean of the sources' weighted profiles,
// explicit dimensions override it, free tags stay, both parts get the
// documented norms (so the cosine splits as onet_share * cos(O*NET) + (1 -
// onet_share) * cos(tags)), unknown codes are errors with their field, codes
// without skills are warnings, records without codes are left as given.
#include "engine/skills/resolve_skills.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>

#include "engine/scoring/scorer.h"

namespace vetmatch {
namespace {

SkillSpace small_space() {
  SkillSpace s;
  s.dimensions = {{"skill.a", "A", "甲"},
                  {"skill.b", "B", "乙"},
                  {"knowledge.c", "C", "丙"}};
  s.onet["11-1111.00"] = {"One", {1.0, 0.0, 0.0}};
  s.onet["22-2222.00"] = {"Two", {0.0, 1.0, 0.0}};
  s.onet["33-3333.00"] = {"Three", {0.5, 0.5, 0.0}};
  s.onet["44-4444.00"] = {"Four", {0.0, 0.25, 1.0}};
  s.onet["55-5555.00"] = {"Military", {}};
  s.csco["4-02-01-01"] = {"驾驶员", {{"11-1111.00", 1.0}}, false};
  s.csco["4-02-01-02"] = {"借用", {{"11-1111.00", 1.0}}, true};
  s.csco["4-02-01-03"] = {"未映射", {}, false};
  s.specialties["driver"] = {"驾驶员",
                             "Driver",
                             {{"11-1111.00", 1.0}, {"22-2222.00", 0.5}},
                             {{"4-02-01-01", 1.0}}};
  s.specialties["clerk"] = {"文书", "Clerk", {{"44-4444.00", 1.0}}, {}};
  s.us_military["army:88M"] = {"11-1111.00"};
  s.us_military["army:11B"] = {"55-5555.00"};
  s.us_military["air_force:3D0X2"] = {};
  return s;
}

std::map<std::string, double> as_map(const std::vector<SkillWeight>& v) {
  std::map<std::string, double> m;
  for (const SkillWeight& s : v) m[s.skill] = s.weight;
  return m;
}

Veteran veteran(std::string id) {
  Veteran v;
  v.id = std::move(id);
  return v;
}

Posting posting(std::string id, std::string occupation) {
  Posting p;
  p.id = std::move(id);
  p.employer = "E";
  p.occupation = std::move(occupation);
  return p;
}

TEST(ResolveSkills, PostingOccupationBecomesItsProfile) {
  Round round;
  round.postings.push_back(posting("P1", "11-1111.00"));
  round.postings.push_back(posting("P2", "4-02-01-01"));
  const auto issues = resolve_skills(round, small_space());
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(as_map(round.postings[0].skills),
            (std::map<std::string, double>{{"skill.a", 1.0}}));
  EXPECT_EQ(as_map(round.postings[1].skills),
            (std::map<std::string, double>{{"skill.a", 1.0}}));
  EXPECT_TRUE(round.skills_resolved);
}

TEST(ResolveSkills, SpecialtyGivesWeightedProfileAndTagsTheirShare) {
  Round round;
  round.config.onet_share = 0.5;
  Veteran v = veteran("V1");
  v.specialties = {"driver"};
  round.veterans.push_back(v);
  v.id = "V2";
  v.skills = {{"safety", 0.5}, {"driving", 1.0}};
  round.veterans.push_back(v);
  ASSERT_TRUE(resolve_skills(round, small_space()).empty());
  // V1: only the O*NET part (2/3, 1/3), at norm 1.
  const auto m1 = as_map(round.veterans[0].skills);
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_NEAR(m1.at("skill.a"), 2 / std::sqrt(5.0), 1e-15);
  EXPECT_NEAR(m1.at("skill.b"), 1 / std::sqrt(5.0), 1e-15);
  // V2: O*NET part at norm sqrt(0.5); its tags (1, 0.5) likewise.
  const auto m = as_map(round.veterans[1].skills);
  const double o = std::sqrt(0.5) / std::sqrt(4.0 / 9 + 1.0 / 9);
  const double t = std::sqrt(0.5) / std::sqrt(1.25);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_NEAR(m.at("skill.a"), 2.0 / 3 * o, 1e-15);
  EXPECT_NEAR(m.at("skill.b"), 1.0 / 3 * o, 1e-15);
  EXPECT_NEAR(m.at("driving"), 1.0 * t, 1e-15);
  EXPECT_NEAR(m.at("safety"), 0.5 * t, 1e-15);
  // Sorted by id.
  const auto& skills = round.veterans[1].skills;
  for (std::size_t i = 1; i < skills.size(); ++i) {
    EXPECT_LT(skills[i - 1].skill, skills[i].skill);
  }
}

TEST(ResolveSkills, SourcesAreAveragedAndExplicitDimensionsOverride) {
  Round round;
  Veteran v = veteran("V1");
  v.specialties = {"clerk"};
  v.occupations = {"33-3333.00", "us:army:88M"};  // The last is an error.
  v.skills = {{"skill.b", 0.9}};
  round.veterans.push_back(v);
  Veteran w = veteran("V2");
  w.specialties = {"clerk", "us:army:88M"};
  w.occupations = {"33-3333.00"};
  w.skills = {{"knowledge.c", 0.2}};
  round.veterans.push_back(w);
  const auto issues = resolve_skills(round, small_space());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].index, 0);
  EXPECT_EQ(issues[0].field, "occupations/1");
  EXPECT_FALSE(issues[0].warning);
  // V2: mean of clerk (0, .25, 1), 88M (1, 0, 0), 33-3333 (.5, .5, 0) =
  // (.5, .25, 1/3); knowledge.c overridden to 0.2; only one part: unit norm.
  const auto m = as_map(round.veterans[1].skills);
  const double n = std::sqrt(0.25 + 0.0625 + 0.04);
  EXPECT_NEAR(m.at("skill.a"), 0.5 / n, 1e-15);
  EXPECT_NEAR(m.at("skill.b"), 0.25 / n, 1e-15);
  EXPECT_NEAR(m.at("knowledge.c"), 0.2 / n, 1e-15);
}

TEST(ResolveSkills, ShareZeroKeepsOnlyTagsAndOneOnlyOnet) {
  for (double share : {0.0, 1.0}) {
    Round round;
    round.config.onet_share = share;
    Veteran v = veteran("V1");
    v.specialties = {"driver"};
    v.skills = {{"safety", 1.0}, {"welding", 1.0}};
    round.veterans.push_back(v);
    ASSERT_TRUE(resolve_skills(round, small_space()).empty());
    const auto m = as_map(round.veterans[0].skills);
    ASSERT_EQ(m.size(), 2u) << share;
    EXPECT_EQ(m.count("safety"), share == 0.0 ? 1u : 0u);
    EXPECT_EQ(m.count("skill.a"), share == 1.0 ? 1u : 0u);
  }
}

TEST(ResolveSkills, CosineSplitsByTheShare) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  const SkillSpace space = small_space();
  const char* specialties[] = {"driver", "clerk"};
  const char* occupations[] = {"11-1111.00", "22-2222.00", "33-3333.00",
                               "44-4444.00"};
  for (double share : {0.0, 0.3, 0.5, 0.8, 1.0}) {
    for (int trial = 0; trial < 40; ++trial) {
      Round round;
      round.config.onet_share = share;
      Veteran v = veteran("V");
      v.specialties = {specialties[trial % 2]};
      v.skills = {{"driving", u(rng)}, {"welding", u(rng)}};
      Posting p = posting("P", occupations[trial % 4]);
      p.skills = {{"driving", u(rng)}, {"cooking", u(rng)}};
      // The parts' cosines, from the records before resolution.
      Round onet_only;
      onet_only.config.onet_share = 1.0;
      onet_only.veterans.push_back(v);
      onet_only.postings.push_back(p);
      round.veterans.push_back(v);
      round.postings.push_back(p);
      ASSERT_TRUE(resolve_skills(round, space).empty());
      ASSERT_TRUE(resolve_skills(onet_only, space).empty());
      const double cos_onet =
          score_pair(onet_only.veterans[0], onet_only.postings[0],
                     onet_only.config)
              .skill;
      // The tags of both, as given.
      std::map<std::string, double> a = {{"driving", v.skills[0].weight},
                                         {"welding", v.skills[1].weight}};
      const std::map<std::string, double> b = {{"driving", p.skills[0].weight},
                                               {"cooking", p.skills[1].weight}};
      double dot = a["driving"] * b.at("driving"), na = 0, nb = 0;
      for (const auto& [k, w] : a) na += w * w;
      for (const auto& [k, w] : b) nb += w * w;
      const double cos_tags = dot / std::sqrt(na * nb);
      const double got =
          score_pair(round.veterans[0], round.postings[0], round.config).skill;
      EXPECT_NEAR(got, share * cos_onet + (1 - share) * cos_tags, 1e-12)
          << "share " << share << " trial " << trial;
    }
  }
}

TEST(ResolveSkills, UnknownCodesAreErrorsAndEmptyOnesWarnings) {
  Round round;
  Veteran v = veteran("V1");
  v.specialties = {"tank_driver", "us:army:99Z", "us:army:11B",
                   "us:air_force:3D0X2", "us:army:88M"};
  v.occupations = {"12-3456.00", "9-99-99-99", "4-02-01-02", "4-02-01-03",
                   "55-5555.00"};
  round.veterans.push_back(v);
  round.postings.push_back(posting("P1", "driver"));
  const auto issues = resolve_skills(round, small_space());
  std::vector<std::pair<std::string, bool>> got;
  for (const auto& i : issues) got.emplace_back(i.field, i.warning);
  const std::vector<std::pair<std::string, bool>> want = {
      {"specialties/0", false}, {"specialties/1", false},
      {"specialties/2", true},  {"specialties/3", true},
      {"occupations/0", false}, {"occupations/1", false},
      {"occupations/2", true},  {"occupations/3", true},
      {"occupations/4", true},  {"occupation", false}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(issues.back().entity, Entity::kPosting);
  EXPECT_NE(issues[1].found.find("us:army:99Z"), std::string::npos);
}

TEST(ResolveSkills, RecordsWithoutCodesKeepTheirMapAndItIsIdempotent) {
  Round round;
  Veteran v = veteran("V1");
  v.skills = {{"welding", 0.3}, {"driving", 0.7}, {"skill.a", 0.2}};
  round.veterans.push_back(v);
  Posting p = posting("P1", "");
  p.skills = {{"z", 1.0}, {"a", 0.5}};
  round.postings.push_back(p);
  ASSERT_TRUE(resolve_skills(round, small_space()).empty());
  EXPECT_EQ(as_map(round.veterans[0].skills),
            (std::map<std::string, double>{
                {"driving", 0.7}, {"skill.a", 0.2}, {"welding", 0.3}}));
  EXPECT_EQ(round.veterans[0].skills[0].skill, "driving");
  EXPECT_EQ(round.postings[0].skills[0].skill, "a");

  Round twice;
  Veteran d = veteran("V1");
  d.specialties = {"driver"};
  twice.veterans.push_back(d);
  ASSERT_TRUE(resolve_skills(twice, small_space()).empty());
  const auto once = as_map(twice.veterans[0].skills);
  ASSERT_TRUE(resolve_skills(twice, small_space()).empty());
  EXPECT_EQ(as_map(twice.veterans[0].skills), once);
}

}  // namespace
}  // namespace vetmatch
