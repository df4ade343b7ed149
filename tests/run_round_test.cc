// run_round's façade duties: statistics recomputed from the round and the
// result (the quality figures in full: round_stats_test), veterans_by_id /
// postings_by_id in byte-wise id order (veterans taken or not looking and
// withdrawn postings left out), std::invalid_argument on a round validate()
// rejects, and rounds with no veterans or no postings.
#include "engine/round/run_round.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/model/validate.h"
#include "tests/reference/brute_force.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

// The statistics, recomputed from the round and the result's lists.
RoundStats expected_stats(const Round& round, const RoundResult& result) {
  const test::ReferenceRound ref(round);
  RoundStats s;
  for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
    if (ref.is_taken(v)) {
      ++s.veterans_taken;
    } else if (ref.is_not_looking(v)) {
      ++s.veterans_not_looking;
    } else {
      ++s.veterans;
      if (round.veterans[v].priority != 0) ++s.priority_veterans;
    }
  }
  for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
    ++(ref.is_withdrawn(p) ? s.postings_withdrawn : s.postings);
    s.openings += ref.openings_left(p);
  }
  s.assigned = std::int64_t(result.assignments.size());
  s.unassigned = std::int64_t(result.unassigned.size());
  double total = 0.0;
  for (const Assignment& a : result.assignments) {
    total += a.score.score;
    if (round.veterans[a.veteran].priority != 0) ++s.priority_assigned;
  }
  s.coverage = s.veterans > 0 ? double(s.assigned) / double(s.veterans) : 0.0;
  s.fill_rate = s.openings > 0 ? double(s.assigned) / double(s.openings) : 0.0;
  s.mean_score = s.assigned > 0 ? total / double(s.assigned) : 0.0;
  return s;
}

void expect_stats(const Round& round, const RoundResult& result) {
  const RoundStats want = expected_stats(round, result);
  const RoundStats& got = result.stats;
  EXPECT_EQ(got.veterans, want.veterans);
  EXPECT_EQ(got.veterans_taken, want.veterans_taken);
  EXPECT_EQ(got.veterans_not_looking, want.veterans_not_looking);
  EXPECT_EQ(got.postings, want.postings);
  EXPECT_EQ(got.postings_withdrawn, want.postings_withdrawn);
  EXPECT_EQ(got.openings, want.openings);
  EXPECT_EQ(got.assigned, want.assigned);
  EXPECT_EQ(got.unassigned, want.unassigned);
  EXPECT_EQ(got.priority_veterans, want.priority_veterans);
  EXPECT_EQ(got.priority_assigned, want.priority_assigned);
  EXPECT_NEAR(got.coverage, want.coverage, 1e-12);
  EXPECT_NEAR(got.fill_rate, want.fill_rate, 1e-12);
  EXPECT_NEAR(got.mean_score, want.mean_score, 1e-12);
  // With the policy run, every veteran of the round has an outcome.
  if (result.policy) {
    EXPECT_EQ(got.assigned + got.unassigned, got.veterans);
  }
}

void expect_orders(const Round& round, const RoundResult& result) {
  EXPECT_EQ(result.veterans_by_id, test::reference_veterans_by_id(round));
  EXPECT_EQ(result.postings_by_id, test::reference_postings_by_id(round));
}

class RandomRunRoundTest : public ::testing::TestWithParam<int> {};

TEST_P(RandomRunRoundTest, StatsAndOrders) {
  const std::uint64_t seed = GetParam();
  const Round round =
      test::random_round(test::varied_options(seed + 900), seed + 900);
  SCOPED_TRACE("seed " + std::to_string(seed + 900));
  const RoundResult full = run_round(round);
  expect_stats(round, full);
  expect_orders(round, full);
  RunOptions shortlist_only;
  shortlist_only.run_policy = false;
  const RoundResult lists = run_round(round, shortlist_only);
  expect_stats(round, lists);
  expect_orders(round, lists);
  EXPECT_EQ(lists.stats.assigned, 0);
  EXPECT_GE(full.seconds.prepare, 0.0);
  EXPECT_GE(full.seconds.shortlists, 0.0);
  EXPECT_GE(full.seconds.policy, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomRunRoundTest, ::testing::Range(1, 25));

class EdgeCaseRunRoundTest : public ::testing::TestWithParam<test::NamedRound> {
};

TEST_P(EdgeCaseRunRoundTest, StatsAndOrders) {
  const Round& round = GetParam().round;
  const RoundResult result = run_round(round);
  expect_stats(round, result);
  expect_orders(round, result);
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCaseRunRoundTest, ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

// Ids whose byte order is neither file order nor numeric order.
TEST(RunRoundTest, IdOrdersAreByteWise) {
  Round round;
  for (const char* id : {"v9", "v10", "V3", "v1", "v100", "\xE5\x88\x98"}) {
    Veteran v;
    v.id = id;
    round.veterans.push_back(v);
  }
  for (const char* id : {"p2", "P7", "p10", "p1", "p1a"}) {
    Posting p;
    p.id = id;
    p.employer = "e";
    round.postings.push_back(p);
  }
  round.taken = {{"v100", "p2"}};
  const RoundResult r = run_round(round);
  // "V3" < "v1" < "v10" < "v9" < "刘"; v100 was taken.
  EXPECT_EQ(r.veterans_by_id, (std::vector<VeteranIndex>{2, 3, 1, 0, 5}));
  // "P7" < "p1" < "p10" < "p1a" < "p2".
  EXPECT_EQ(r.postings_by_id, (std::vector<PostingIndex>{1, 3, 2, 4, 0}));
  EXPECT_EQ(r.stats.veterans, 5);
  EXPECT_EQ(r.stats.veterans_taken, 1);
  EXPECT_EQ(r.stats.openings, 4);
  EXPECT_EQ(r.stats.assigned, 4);
  EXPECT_EQ(r.stats.unassigned, 1);
  EXPECT_DOUBLE_EQ(r.stats.coverage, 0.8);
  EXPECT_DOUBLE_EQ(r.stats.fill_rate, 1.0);
}

TEST(RunRoundTest, ZeroVeterans) {
  const Round round = test::round_without_veterans(21);
  const RoundResult r = run_round(round);
  EXPECT_EQ(r.policy, PolicyKind::kPointsOrder);
  EXPECT_TRUE(r.assignments.empty());
  EXPECT_TRUE(r.unassigned.empty());
  EXPECT_TRUE(r.veterans_by_id.empty());
  EXPECT_EQ(r.shortlists.veteran_offsets, std::vector<std::size_t>{0});
  ASSERT_EQ(r.shortlists.posting_offsets.size(), round.postings.size() + 1);
  EXPECT_TRUE(r.shortlists.posting_entries.empty());
  EXPECT_EQ(r.stats.veterans, 0);
  EXPECT_EQ(r.stats.coverage, 0.0);
  EXPECT_EQ(r.stats.fill_rate, 0.0);
  EXPECT_EQ(r.stats.mean_score, 0.0);
  EXPECT_GT(r.stats.openings, 0);
}

TEST(RunRoundTest, ZeroPostings) {
  const Round round = test::round_without_postings(22);
  const RoundResult r = run_round(round);
  EXPECT_TRUE(r.assignments.empty());
  EXPECT_EQ(r.unassigned.size(), round.veterans.size());
  for (const Unassigned& u : r.unassigned) {
    EXPECT_EQ(u.reason, UnassignedReason::kNoEligiblePosting);
  }
  EXPECT_TRUE(r.postings_by_id.empty());
  EXPECT_EQ(r.shortlists.posting_offsets, std::vector<std::size_t>{0});
  ASSERT_EQ(r.shortlists.veteran_offsets.size(), round.veterans.size() + 1);
  EXPECT_TRUE(r.shortlists.veteran_entries.empty());
  EXPECT_EQ(r.stats.openings, 0);
  EXPECT_EQ(r.stats.fill_rate, 0.0);
  EXPECT_EQ(r.stats.coverage, 0.0);
}

TEST(RunRoundTest, EmptyRound) {
  const RoundResult r = run_round(Round{});
  EXPECT_TRUE(r.assignments.empty());
  EXPECT_TRUE(r.unassigned.empty());
  EXPECT_EQ(r.shortlists.veteran_offsets, std::vector<std::size_t>{0});
  EXPECT_EQ(r.shortlists.posting_offsets, std::vector<std::size_t>{0});
  EXPECT_EQ(r.stats.veterans, 0);
  EXPECT_EQ(r.stats.postings, 0);
}

TEST(RunRoundTest, ThrowsOnInvalidRound) {
  const Round good = test::random_round(test::RandomRoundOptions{}, 5);
  ASSERT_TRUE(validate(good).empty());
  ASSERT_NO_THROW(run_round(good));
  const std::vector<std::pair<std::string, std::function<void(Round&)>>>
      breaks = {
          {"duplicate veteran id",
           [](Round& r) { r.veterans[1].id = r.veterans[0].id; }},
          {"empty posting id", [](Round& r) { r.postings[0].id.clear(); }},
          {"zero openings", [](Round& r) { r.postings[0].openings = 0; }},
          {"too many openings",
           [](Round& r) { r.postings[0].openings = kMaxOpenings + 1; }},
          {"latitude 91", [](Round& r) { r.veterans[0].location.lat = 91; }},
          {"NaN longitude",
           [](Round& r) {
             r.postings[0].location.lon =
                 std::numeric_limits<double>::quiet_NaN();
           }},
          {"skill weight 0",
           [](Round& r) {
             r.veterans[0].skills = {{"weld", 0.0}};
           }},
          {"skill weight 1.5",
           [](Round& r) {
             r.postings[0].skills = {{"weld", 1.5}};
           }},
          {"weights sum 0",
           [](Round& r) {
             r.config.weights = {0, 0, 0};
           }},
          {"negative weight",
           [](Round& r) {
             r.config.weights = {-0.1, 1, 0};
           }},
          {"scale 0", [](Round& r) { r.config.distance_scale_km = 0; }},
          {"commute 0", [](Round& r) { r.config.max_commute_km = 0.0; }},
          {"veteran commute -1",
           [](Round& r) { r.veterans[0].max_commute_km = -1.0; }},
          {"k 1001", [](Round& r) { r.config.veteran_shortlist_k = 1001; }},
          {"k -1", [](Round& r) { r.config.posting_shortlist_k = -1; }},
          {"infinite points",
           [](Round& r) {
             r.veterans[0].points = std::numeric_limits<double>::infinity();
           }},
          {"no kinds wanted", [](Round& r) { r.veterans[0].wants = 0; }},
          {"unknown partner",
           [](Round& r) { r.veterans[0].partner = "nobody"; }},
          {"own partner",
           [](Round& r) { r.veterans[0].partner = r.veterans[0].id; }},
          {"contradictory flags",
           [](Round& r) {
             r.postings[0].veterans_only = true;
             r.postings[0].spouses_welcome = true;
           }},
          {"unknown taken posting",
           [](Round& r) {
             r.taken.push_back({r.veterans[0].id, "nowhere"});
           }},
          {"unknown declined veteran",
           [](Round& r) {
             r.declined.push_back({"nobody", r.postings[0].id});
           }},
          {"veteran taken twice",
           [](Round& r) {
             r.taken.clear();
             for (Posting& p : r.postings) p.openings = 5;
             r.taken.push_back({r.veterans[0].id, r.postings[0].id});
             r.taken.push_back({r.veterans[0].id, r.postings[1].id});
           }},
          {"more taken than openings",
           [](Round& r) {
             r.taken.clear();
             r.postings[0].openings = 1;
             r.taken.push_back({r.veterans[0].id, r.postings[0].id});
             r.taken.push_back({r.veterans[1].id, r.postings[0].id});
           }},
          {"unknown withdrawn posting",
           [](Round& r) { r.withdrawn.push_back("nowhere"); }},
          {"posting withdrawn twice",
           [](Round& r) {
             r.withdrawn = {r.postings[0].id, r.postings[0].id};
           }},
          {"unknown veteran not looking",
           [](Round& r) { r.not_looking.push_back("nobody"); }},
          {"veteran not looking twice",
           [](Round& r) {
             r.taken.clear();
             r.not_looking = {r.veterans[0].id, r.veterans[0].id};
           }},
          {"veteran taken and not looking",
           [](Round& r) {
             r.taken = {{r.veterans[0].id, r.postings[0].id}};
             r.not_looking = {r.veterans[0].id};
           }},
          {"unknown employer",
           [](Round& r) {
             ASSERT_FALSE(r.employers.empty());
             r.postings[0].employer = "no such employer";
           }},
      };
  for (const auto& [name, change] : breaks) {
    Round bad = good;
    // Partners could make a one-sided change valid or add issues; clear them.
    for (Veteran& v : bad.veterans) v.partner.clear();
    change(bad);
    ASSERT_FALSE(validate(bad).empty()) << name;
    EXPECT_THROW(run_round(bad), std::invalid_argument) << name;
    RunOptions shortlist_only;
    shortlist_only.run_policy = false;
    EXPECT_THROW(run_round(bad, shortlist_only), std::invalid_argument) << name;
  }
}

}  // namespace
}  // namespace vetmatch
