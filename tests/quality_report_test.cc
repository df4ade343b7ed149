// quality_report() (engine/quality/quality_report.h) on a hand-made round
// and result whose figures are worked out by hand in the comments.
#include "engine/quality/quality_report.h"

#include <gtest/gtest.h>

namespace vetmatch {
namespace {

SkillSpace space() {
  SkillSpace s;
  s.dimensions = {{"skill.a", "A", "甲"}};
  s.onet["11-1111.00"] = {"One", {1.0}};
  s.onet["22-2222.00"] = {"Two", {0.5}};
  s.onet["44-4444.00"] = {"Four", {0.2}};
  s.csco["4-02-01-01"] = {"驾驶员", {{"11-1111.00", 1.0}}, false};
  s.specialties["driver"] = {
      "驾驶员", "Driver", {{"11-1111.00", 1.0}}, {{"4-02-01-01", 1.0}}};
  s.us_military["army:88M"] = {"11-1111.00"};
  s.related["11-1111.00"] = {"22-2222.00"};
  return s;
}

PairScore pair(double km, double skill) {
  PairScore p;
  p.distance_km = km;
  p.skill = skill;
  return p;
}

TEST(QualityReport, HandWorkedExample) {
  Round round;
  round.config.veteran_shortlist_k = 2;
  const char* specialty[] = {"driver", "driver", "", "us:army:88M"};
  const Group group[] = {Group::kSoldier, Group::kNco, Group::kSpouse,
                         Group::kSoldier};
  for (int i = 0; i < 4; ++i) {
    Veteran v;
    v.id = std::string("V").append(std::to_string(i));
    v.group = group[i];
    if (*specialty[i]) v.specialties = {specialty[i]};
    round.veterans.push_back(v);
  }
  round.veterans[1].priority = priority_bit(PriorityFlag::kDisabled);
  // P0: a CSCO hit for drivers; P1: related to 11-1111.00; P2: unrelated;
  // P3: no occupation.
  for (const char* occupation :
       {"4-02-01-01", "22-2222.00", "44-4444.00", ""}) {
    Posting p;
    p.id = std::string("P").append(std::to_string(round.postings.size()));
    p.occupation = occupation;
    round.postings.push_back(p);
  }
  RoundResult r;
  // V0: [P2, P0] (hit second); V1: [P1, P2] (related only); V2: [P0];
  // V3: [P0] (hit first).
  r.shortlists.veteran_offsets = {0, 2, 4, 5, 6};
  r.shortlists.veteran_entries = {{2, pair(10, 0.1)}, {0, pair(2, 0.5)},
                                  {1, pair(6, 0.3)},  {2, pair(8, 0.1)},
                                  {0, pair(1, 0.9)},  {0, pair(4, 0.7)}};
  r.veterans_by_id = {0, 1, 2, 3};
  Assignment a;
  a.veteran = 0;
  a.posting = 0;
  a.score = pair(2, 0.5);
  r.assignments.push_back(a);
  a.veteran = 3;
  a.score = pair(4, 0.7);
  r.assignments.push_back(a);

  const QualityReport q = quality_report(round, r, space());
  EXPECT_EQ(q.veterans, 4);
  EXPECT_EQ(q.veterans_with_targets, 3);  // V0, V1, V3.
  EXPECT_EQ(q.veterans_with_hits, 3);     // P0 serves all three.
  ASSERT_EQ(q.recall.size(), 2u);         // k = 1 and 2 (the list length).
  EXPECT_EQ(q.recall[0].k, 1);
  EXPECT_DOUBLE_EQ(q.recall[0].recall, 1.0 / 3);  // V3.
  EXPECT_DOUBLE_EQ(q.recall[0].random_recall, 0.25);
  EXPECT_EQ(q.recall[1].k, 2);
  EXPECT_DOUBLE_EQ(q.recall[1].recall, 2.0 / 3);  // V0, V3.
  EXPECT_DOUBLE_EQ(q.recall[1].random_recall, 1 - 0.75 * 0.75);
  EXPECT_EQ(q.shortlist_entries, 5);  // V0 2, V1 2, V3 1.
  EXPECT_DOUBLE_EQ(q.crosswalk_hit_rate, 2.0 / 5);
  EXPECT_DOUBLE_EQ(q.related_hit_rate, 3.0 / 5);
  EXPECT_EQ(q.assigned.overall.assigned, 2);
  EXPECT_DOUBLE_EQ(q.assigned.overall.coverage, 0.5);
  EXPECT_EQ(q.assigned.by_group[0].veterans, 2);
  EXPECT_DOUBLE_EQ(q.assigned.by_group[0].coverage, 1.0);
  EXPECT_EQ(q.assigned.by_group[1].veterans, 1);
  EXPECT_DOUBLE_EQ(q.assigned.by_group[1].coverage, 0.0);
  EXPECT_EQ(q.assigned.by_group[2].veterans, 0);
  EXPECT_EQ(q.assigned.by_group[3].veterans, 1);
  EXPECT_EQ(q.assigned.by_priority[0].veterans, 1);
  EXPECT_EQ(q.assigned.by_priority[0].assigned, 0);
  EXPECT_DOUBLE_EQ(q.assigned.mean_distance_km, 3.0);
  EXPECT_DOUBLE_EQ(q.assigned.mean_skill, 0.6);
  EXPECT_DOUBLE_EQ(q.mean_shortlist_km, (10 + 2 + 6 + 8 + 1 + 4) / 6.0);
}

TEST(QualityReport, EmptyRoundGivesZeros) {
  const QualityReport q = quality_report(Round{}, RoundResult{}, space());
  EXPECT_EQ(q.veterans, 0);
  EXPECT_EQ(q.assigned.overall.coverage, 0.0);
  EXPECT_EQ(q.crosswalk_hit_rate, 0.0);
  for (const RecallAt& r : q.recall) EXPECT_EQ(r.recall, 0.0);
}

}  // namespace
}  // namespace vetmatch
