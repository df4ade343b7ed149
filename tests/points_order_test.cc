// points_order through run_round against the textbook serial dictatorship
// (tests/reference/reference_points_order.h): assignments (veteran, posting,
// turn, rank, open_postings, score) and unassigned veterans (veteran,
// reason, turn) equal, on 60+ seeded random rounds, rounds with resolved-
// like skill vectors (dense profile plus rare tags) under shortlists of
// every depth, a round large enough for several blocks of turns, and the
// named edge cases. Also the outcome's own invariants (openings respected,
// each veteran at most once, every pair eligible, orders) and 1 vs 2
// threads identical. Couples: points_order_couples_test.cc.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/model/validate.h"
#include "engine/round/run_round.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_points_order.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

constexpr double kTolerance = 1e-9;

RoundResult run_with_threads(const Round& round, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  return run_round(round);
}

std::string describe(const Round& round, const Assignment& a) {
  std::ostringstream out;
  out.precision(17);
  out << "turn " << a.turn << ": " << round.veterans[a.veteran].id << " -> "
      << round.postings[a.posting].id << " rank " << a.rank << " open "
      << a.open_postings << " score " << a.score.score;
  return out.str();
}

std::string describe(const Round& round, const Unassigned& u) {
  std::ostringstream out;
  out << round.veterans[u.veteran].id << " " << to_string(u.reason) << " turn "
      << u.turn;
  return out.str();
}

bool same_pair_score_within(const PairScore& a, const PairScore& b,
                            double tolerance) {
  return std::abs(a.score - b.score) <= tolerance &&
         std::abs(a.skill - b.skill) <= tolerance &&
         std::abs(a.location - b.location) <= tolerance &&
         std::abs(a.preference - b.preference) <= tolerance &&
         std::abs(a.distance_km - b.distance_km) <= tolerance;
}

void expect_matches_reference(const Round& round, const RoundResult& engine,
                              const test::ReferenceOutcome& reference) {
  EXPECT_EQ(engine.assignments.size(), reference.assignments.size())
      << "number of assignments";
  for (std::size_t i = 0;
       i < engine.assignments.size() && i < reference.assignments.size(); ++i) {
    const Assignment& e = engine.assignments[i];
    const Assignment& r = reference.assignments[i];
    const bool same = e.veteran == r.veteran && e.posting == r.posting &&
                      e.turn == r.turn && e.rank == r.rank &&
                      e.open_postings == r.open_postings &&
                      same_pair_score_within(e.score, r.score, kTolerance);
    if (!same) {
      ADD_FAILURE() << "assignment " << i << ": engine " << describe(round, e)
                    << "; reference " << describe(round, r);
      return;  // Later turns follow from this one.
    }
  }
  EXPECT_EQ(engine.unassigned.size(), reference.unassigned.size())
      << "number of unassigned";
  for (std::size_t i = 0;
       i < engine.unassigned.size() && i < reference.unassigned.size(); ++i) {
    const Unassigned& e = engine.unassigned[i];
    const Unassigned& r = reference.unassigned[i];
    if (e.veteran != r.veteran || e.reason != r.reason || e.turn != r.turn) {
      ADD_FAILURE() << "unassigned " << i << ": engine " << describe(round, e)
                    << "; reference " << describe(round, r);
      return;
    }
  }
}

// What must hold of any points_order outcome, whatever the reference says.
void expect_invariants(const Round& round, const RoundResult& result) {
  const test::ReferenceRound ref(round);
  ASSERT_EQ(result.policy, PolicyKind::kPointsOrder);
  std::map<PostingIndex, int> used;
  std::set<VeteranIndex> seen;
  int previous_turn = 0;
  for (const Assignment& a : result.assignments) {
    ASSERT_GE(a.veteran, 0);
    ASSERT_LT(a.veteran, VeteranIndex(round.veterans.size()));
    ASSERT_GE(a.posting, 0);
    ASSERT_LT(a.posting, PostingIndex(round.postings.size()));
    EXPECT_TRUE(seen.insert(a.veteran).second)
        << round.veterans[a.veteran].id << " assigned twice";
    EXPECT_FALSE(ref.is_out(a.veteran)) << round.veterans[a.veteran].id;
    EXPECT_EQ(ref.eligibility(a.veteran, a.posting), Ineligibility::kEligible)
        << describe(round, a);
    EXPECT_GT(a.turn, previous_turn) << "assignments in turn order";
    previous_turn = a.turn;
    EXPECT_GE(a.rank, 1);
    EXPECT_GE(a.open_postings, 1);
    ++used[a.posting];
  }
  for (const auto& [p, count] : used) {
    EXPECT_LE(count, ref.openings_left(p)) << round.postings[p].id;
  }
  std::string previous_id;
  for (const Unassigned& u : result.unassigned) {
    EXPECT_TRUE(seen.insert(u.veteran).second)
        << round.veterans[u.veteran].id << " listed twice";
    EXPECT_FALSE(ref.is_out(u.veteran));
    if (!previous_id.empty()) {
      EXPECT_LT(previous_id, round.veterans[u.veteran].id)
          << "unassigned in id order";
    }
    previous_id = round.veterans[u.veteran].id;
  }
  // Every veteran of the round has exactly one outcome, turns 1..n.
  std::size_t in_round = 0;
  for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
    if (!ref.is_out(v)) ++in_round;
  }
  EXPECT_EQ(seen.size(), in_round);
  std::set<int> turns;
  for (const Assignment& a : result.assignments) turns.insert(a.turn);
  for (const Unassigned& u : result.unassigned) turns.insert(u.turn);
  EXPECT_EQ(turns.size(), in_round);
  if (!turns.empty()) {
    EXPECT_EQ(*turns.begin(), 1);
    EXPECT_EQ(*turns.rbegin(), int(in_round));
  }
}

void expect_identical(const RoundResult& a, const RoundResult& b) {
  ASSERT_EQ(a.assignments.size(), b.assignments.size());
  for (std::size_t i = 0; i < a.assignments.size(); ++i) {
    const Assignment& x = a.assignments[i];
    const Assignment& y = b.assignments[i];
    EXPECT_TRUE(x.veteran == y.veteran && x.posting == y.posting &&
                x.turn == y.turn && x.rank == y.rank &&
                x.open_postings == y.open_postings &&
                same_pair_score_within(x.score, y.score, 0.0))
        << "assignment " << i;
  }
  ASSERT_EQ(a.unassigned.size(), b.unassigned.size());
  for (std::size_t i = 0; i < a.unassigned.size(); ++i) {
    EXPECT_TRUE(a.unassigned[i].veteran == b.unassigned[i].veteran &&
                a.unassigned[i].reason == b.unassigned[i].reason &&
                a.unassigned[i].turn == b.unassigned[i].turn)
        << "unassigned " << i;
  }
}

void check_round(const Round& round) {
  ASSERT_TRUE(validate(round).empty());
  const test::ReferenceOutcome reference = test::reference_points_order(round);
  const RoundResult one = run_with_threads(round, 1);
  const RoundResult two = run_with_threads(round, 2);
  {
    SCOPED_TRACE("1 thread vs reference");
    expect_matches_reference(round, one, reference);
  }
  {
    SCOPED_TRACE("invariants");
    expect_invariants(round, one);
  }
  {
    SCOPED_TRACE("1 thread vs 2 threads");
    expect_identical(one, two);
  }
}

std::string size_note(const Round& r) {
  std::ostringstream out;
  out << r.veterans.size() << " veterans, " << r.postings.size()
      << " postings, " << r.taken.size() << " taken";
  return out.str();
}

class RandomPointsOrderTest : public ::testing::TestWithParam<int> {};

TEST_P(RandomPointsOrderTest, MatchesReference) {
  const std::uint64_t seed = GetParam();
  test::RandomRoundOptions o = test::varied_options(seed + 500);
  // Scarcity makes the order matter: usually fewer openings than veterans.
  if (seed % 3 == 0) o.max_openings = 1;
  const Round round = test::random_round(o, seed + 500);
  SCOPED_TRACE("seed " + std::to_string(seed + 500) + " (varied_options(" +
               std::to_string(seed + 500) + ")" +
               (seed % 3 == 0 ? ", max_openings 1" : "") +
               "): " + size_note(round));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomPointsOrderTest, ::testing::Range(1, 65));

// Up to ~300 a side.
class LargerPointsOrderTest : public ::testing::TestWithParam<int> {};

TEST_P(LargerPointsOrderTest, MatchesReference) {
  const std::uint64_t seed = GetParam();
  test::RandomRoundOptions o = test::varied_options(seed, 300);
  o.veterans = 250 + int(seed % 50);
  o.postings = 100 + int(seed % 200);
  const Round round = test::random_round(o, seed);
  SCOPED_TRACE("seed " + std::to_string(seed) + ": " + size_note(round));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LargerPointsOrderTest,
                         ::testing::Values(2001, 2002, 2003, 2004));

// Enough postings that turns are resolved in several chunks, with scarce
// openings and many ties in points and scores.
TEST(PointsOrderTest, ManyChunksWithTies) {
  test::RandomRoundOptions o;
  o.veterans = 1100;
  o.postings = 4200;
  o.skill_vocabulary = 5;
  o.p_duplicate_posting = 0.3;
  o.p_duplicate_veteran = 0.2;
  o.p_shared_location = 0.5;
  o.max_openings = 1;
  o.points_levels = 2;
  o.p_near_duplicate = 0.2;
  o.p_commute_on_boundary = 0.2;
  o.p_wants_subset = 0.2;
  o.round_commute_km = 20.0;
  o.taken_fraction = 0.1;
  o.veteran_k = 2;
  o.posting_k = 2;
  const Round round = test::random_round(o, 77);
  check_round(round);
}

// Skill vectors like resolved ones: a dense profile over 50 skills (more
// than the score bounds' projection keeps, so it leaves a residual) plus
// rare tags (summed apart from the projection), continuous weights, and
// enough postings per veteran that the bounds, not the one-by-one path,
// decide. Shortlists of 0, 1, 3 and 10 postings.
class WideSkillsPointsOrderTest : public ::testing::TestWithParam<int> {};

TEST_P(WideSkillsPointsOrderTest, MatchesReference) {
  const std::uint64_t seed = GetParam();
  test::RandomRoundOptions o = test::varied_options(seed + 900, 300);
  o.veterans = 120 + int(seed * 53 % 130);
  o.postings = 100 + int(seed * 37 % 150);
  o.skill_vocabulary = 150;
  o.dense_skills = 50;
  o.skill_density = 0.6;
  o.rare_skill_density = 0.03;
  o.p_empty_skills = 0.05;
  o.weight_set.clear();
  o.max_openings = 1 + int(seed % 2);
  o.veteran_k = std::vector<int>{0, 1, 3, 10}[seed % 4];
  const Round round = test::random_round(o, seed + 900);
  SCOPED_TRACE("seed " + std::to_string(seed + 900) + ", k " +
               std::to_string(o.veteran_k) + ": " + size_note(round));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, WideSkillsPointsOrderTest,
                         ::testing::Range(1, 9));

// One round under shortlists of every depth from none to all: the list
// only changes how the turns are found, never their outcome.
TEST(PointsOrderTest, SameOutcomeWhateverTheShortlistDepth) {
  test::RandomRoundOptions o = test::varied_options(41, 200);
  o.veterans = 220;
  o.postings = 160;
  o.skill_vocabulary = 120;
  o.dense_skills = 40;
  o.skill_density = 0.5;
  o.max_openings = 2;
  o.round_commute_km = 0.0;
  o.p_veteran_commute = 0.3;
  Round round = test::random_round(o, 41);
  const test::ReferenceOutcome reference = test::reference_points_order(round);
  for (const int k : {0, 1, 2, 5, 1000}) {
    SCOPED_TRACE("veteran_shortlist_k " + std::to_string(k));
    round.config.veteran_shortlist_k = k;
    const RoundResult result = run_with_threads(round, 2);
    expect_matches_reference(round, result, reference);
    expect_invariants(round, result);
  }
}

class EdgeCasePointsOrderTest
    : public ::testing::TestWithParam<test::NamedRound> {};

TEST_P(EdgeCasePointsOrderTest, MatchesReference) {
  check_round(GetParam().round);
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCasePointsOrderTest,
    ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

TEST(PointsOrderTest, EdgeCaseOutcomes) {
  {
    const Round round = test::round_all_ineligible(5);
    const RoundResult r = run_round(round);
    EXPECT_TRUE(r.assignments.empty());
    ASSERT_EQ(r.unassigned.size(), round.veterans.size());
    for (const Unassigned& u : r.unassigned) {
      EXPECT_EQ(u.reason, UnassignedReason::kNoEligiblePosting);
    }
  }
  {
    // Full postings are not eligible (rule 7): nothing was eligible.
    const Round round = test::round_all_openings_taken(5);
    const RoundResult r = run_round(round);
    EXPECT_TRUE(r.assignments.empty());
    EXPECT_EQ(r.unassigned.size(), round.veterans.size() - round.taken.size());
    for (const Unassigned& u : r.unassigned) {
      EXPECT_EQ(u.reason, UnassignedReason::kNoEligiblePosting);
    }
  }
  {
    const RoundResult r = run_round(test::round_all_veterans_taken(5));
    EXPECT_TRUE(r.assignments.empty());
    EXPECT_TRUE(r.unassigned.empty());
  }
  {
    const RoundResult r = run_round(test::round_without_postings(5));
    EXPECT_TRUE(r.assignments.empty());
    for (const Unassigned& u : r.unassigned) {
      EXPECT_EQ(u.reason, UnassignedReason::kNoEligiblePosting);
    }
  }
}

// A small round worked by hand: three veterans, two postings of one opening.
TEST(PointsOrderTest, HandWorkedRound) {
  Round round;
  auto veteran = [](std::string id, double points) {
    Veteran v;
    v.id = std::move(id);
    v.location = {30.0, 120.0};
    v.skills = {{"weld", 1.0}};
    v.points = points;
    return v;
  };
  // Equal points: "v10" < "v9" byte-wise, so v10 goes first.
  round.veterans = {veteran("v9", 50), veteran("v10", 50), veteran("v2", 80)};
  Posting near;
  near.id = "p2";
  near.employer = "e";
  near.location = {30.0, 120.0};
  near.skills = {{"weld", 1.0}};
  Posting far = near;
  far.id = "p1";
  far.location = {30.1, 120.0};
  round.postings = {far, near};

  const RoundResult r = run_round(round);
  ASSERT_EQ(r.assignments.size(), 2u);
  // Turn 1: v2 (80 points) takes p2, the nearer.
  EXPECT_EQ(r.assignments[0].veteran, 2);
  EXPECT_EQ(r.assignments[0].posting, 1);
  EXPECT_EQ(r.assignments[0].turn, 1);
  EXPECT_EQ(r.assignments[0].rank, 1);
  EXPECT_EQ(r.assignments[0].open_postings, 2);
  // Turn 2: v10 gets what is left, p1, its second choice.
  EXPECT_EQ(r.assignments[1].veteran, 1);
  EXPECT_EQ(r.assignments[1].posting, 0);
  EXPECT_EQ(r.assignments[1].turn, 2);
  EXPECT_EQ(r.assignments[1].rank, 2);
  EXPECT_EQ(r.assignments[1].open_postings, 1);
  // Turn 3: v9 finds both full.
  ASSERT_EQ(r.unassigned.size(), 1u);
  EXPECT_EQ(r.unassigned[0].veteran, 0);
  EXPECT_EQ(r.unassigned[0].reason, UnassignedReason::kEligiblePostingsFull);
  EXPECT_EQ(r.unassigned[0].turn, 3);

  // The reference works the same round out the same way.
  const test::ReferenceOutcome ref = test::reference_points_order(round);
  ASSERT_EQ(ref.assignments.size(), 2u);
  EXPECT_EQ(ref.assignments[1].veteran, 1);
  EXPECT_EQ(ref.assignments[1].rank, 2);
  ASSERT_EQ(ref.unassigned.size(), 1u);
  EXPECT_EQ(ref.unassigned[0].turn, 3);
}

TEST(PointsOrderTest, PolicyOverrideAndShortlistOnly) {
  const Round round = test::random_round(test::varied_options(3), 3);
  RunOptions explicit_policy;
  explicit_policy.policy = PolicyKind::kPointsOrder;
  const RoundResult a = run_round(round);
  const RoundResult b = run_round(round, explicit_policy);
  expect_identical(a, b);
  RunOptions shortlist_only;
  shortlist_only.run_policy = false;
  const RoundResult c = run_round(round, shortlist_only);
  EXPECT_FALSE(c.policy.has_value());
  EXPECT_TRUE(c.assignments.empty());
  EXPECT_TRUE(c.unassigned.empty());
}

}  // namespace
}  // namespace vetmatch
