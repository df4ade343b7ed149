// The bundled skill-space tables (datasets/skills/bundled_skill_space.h),
// pinned: row counts, and known rows of each table (an O*NET dimension, a
// truck driver's profile, a US military code's civilian matches, a CSCO code's
// mapping, a PLA family's crosswalk), plus the borrowing rule for CSCO codes
// outside the mapping table.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "datasets/skills/bundled_skill_space.h"

namespace vetmatch {
namespace {

const SkillSpace& space() { return bundled_skill_space(); }

std::size_t dimension(const std::string& id) {
  const auto& dims = space().dimensions;
  const auto it =
      std::find_if(dims.begin(), dims.end(),
                   [&](const SkillDimension& d) { return d.id == id; });
  EXPECT_NE(it, dims.end()) << id;
  return static_cast<std::size_t>(it - dims.begin());
}

// The dimension ids of a profile's `n` largest weights.
std::vector<std::string> top(const std::vector<double>& profile, int n) {
  std::vector<std::size_t> order(profile.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(
      order.begin(), order.end(),
      [&](std::size_t a, std::size_t b) { return profile[a] > profile[b]; });
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(space().dimensions[order[i]].id);
  return out;
}

bool has_code(const std::vector<WeightedCode>& codes, const std::string& c) {
  return std::any_of(codes.begin(), codes.end(),
                     [&](const WeightedCode& w) { return w.code == c; });
}

TEST(SkillTables, Dimensions) {
  const auto& dims = space().dimensions;
  ASSERT_EQ(dims.size(), 68u);  // 35 skills, then 33 knowledge areas.
  EXPECT_EQ(dims[0].id, "skill.reading_comprehension");
  EXPECT_EQ(dims[0].name_en, "Reading Comprehension");
  EXPECT_FALSE(dims[0].name_zh.empty());
  EXPECT_EQ(dims[35].id.rfind("knowledge.", 0), 0u);
  for (std::size_t i = 0; i < dims.size(); ++i) {
    EXPECT_EQ(dims[i].id.rfind(i < 35 ? "skill." : "knowledge.", 0), 0u)
        << dims[i].id;
  }
  dimension("knowledge.transportation");
  dimension("skill.operation_and_control");
}

TEST(SkillTables, OccupationProfiles) {
  ASSERT_EQ(space().onet.size(), 1016u);
  std::size_t with_profile = 0;
  for (const auto& [code, occ] : space().onet) {
    if (occ.profile.empty()) {
      EXPECT_EQ(code.rfind("55-", 0), 0u) << code;  // Military-only codes.
      continue;
    }
    ++with_profile;
    ASSERT_EQ(occ.profile.size(), 68u) << code;
    EXPECT_GT(*std::max_element(occ.profile.begin(), occ.profile.end()), 0.0)
        << code;
  }
  EXPECT_EQ(with_profile, 997u);  // 879 rated + 118 from their SOC group.
  const OccupationProfile& truck = space().onet.at("53-3032.00");
  EXPECT_EQ(truck.title, "Heavy and Tractor-Trailer Truck Drivers");
  EXPECT_EQ(top(truck.profile, 2),
            (std::vector<std::string>{"knowledge.transportation",
                                      "skill.operation_and_control"}));
  EXPECT_NEAR(truck.profile[dimension("knowledge.transportation")], 0.497,
              5e-4);
  // A nurse's profile leads with medicine, not transportation.
  const OccupationProfile& nurse = space().onet.at("29-1141.00");
  EXPECT_GT(nurse.profile[dimension("knowledge.medicine_and_dentistry")],
            nurse.profile[dimension("knowledge.transportation")]);
}

TEST(SkillTables, UsMilitaryCrosswalk) {
  ASSERT_EQ(space().us_military.size(), 561u);
  const auto& truck = space().us_military.at("army:88M");
  EXPECT_NE(std::find(truck.begin(), truck.end(), "53-3032.00"), truck.end());
  std::size_t matched = 0;
  for (const auto& [code, targets] : space().us_military) {
    if (!targets.empty()) ++matched;
  }
  EXPECT_EQ(matched, 394u);
}

TEST(SkillTables, RelatedOccupations) {
  EXPECT_EQ(space().related.size(), 923u);
  const auto& related = space().related.at("53-3032.00");
  EXPECT_FALSE(related.empty());
}

TEST(SkillTables, CscoMapping) {
  std::size_t own = 0;
  for (const auto& [code, occ] : space().csco) {
    if (!occ.onet.empty() && !occ.borrowed) ++own;
  }
  EXPECT_GE(own, 150u);
  const CscoOccupation& truck = space().csco.at("4-02-02-02");
  EXPECT_EQ(truck.name, "道路货运汽车驾驶员L");
  ASSERT_FALSE(truck.onet.empty());
  EXPECT_EQ(truck.onet[0].code, "53-3032.00");
  EXPECT_EQ(truck.onet[0].weight, 1.0);
  EXPECT_FALSE(truck.borrowed);
  EXPECT_EQ(space().csco.at("4-07-05-01").onet[0].code, "33-9032.00");
}

TEST(SkillTables, CscoCodesOutsideTheTableBorrowFromTheirGroup) {
  // Every borrowed mapping is the mean over mapped codes of its group.
  std::size_t borrowed = 0;
  for (const auto& [code, occ] : space().csco) {
    if (!occ.borrowed) continue;
    ++borrowed;
    EXPECT_FALSE(occ.onet.empty()) << code;
    for (const WeightedCode& w : occ.onet) {
      EXPECT_GT(w.weight, 0.0);
      EXPECT_LE(w.weight, 1.0);
    }
  }
  EXPECT_GT(borrowed, 0u);
}

TEST(SkillTables, PlaSpecialtyFamilies) {
  std::size_t military = 0;
  for (const auto& [id, family] : space().specialties) {
    EXPECT_FALSE(family.onet.empty()) << id;
    EXPECT_FALSE(family.csco.empty()) << id;
    ++military;
  }
  EXPECT_GE(military, 40u);
  const SpecialtyFamily& driver = space().specialties.at("driver");
  EXPECT_EQ(driver.name_zh, "汽车驾驶员");
  EXPECT_TRUE(has_code(driver.onet, "53-3032.00"));
  EXPECT_TRUE(has_code(driver.csco, "4-02-02-02"));
  EXPECT_TRUE(has_code(space().specialties.at("cook").csco, "4-03-02-01"));
}

}  // namespace
}  // namespace vetmatch
