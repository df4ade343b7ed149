// The quality figures of every result's stats (engine/round/round_stats.h,
// coverage.h, no_eligible.h) against a brute-force recount on random
// rounds (every pair looked at with tests/reference/brute_force.h), run
// with 1 and 2 threads; the reason given for each veteran with no eligible
// posting, on hand-made rounds with ties; and the edge cases (empty round,
// all taken, all not looking, all withdrawn, all ineligible).
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/round/run_round.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_stable.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

RoundResult run_with_threads(const Round& round, int threads,
                             bool policy = true) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  RunOptions options;
  options.run_policy = policy;
  return run_round(round, options);
}

// The reason for one veteran, from every pair: nullopt when some posting of
// the round is eligible.
std::optional<NoEligibleReason> reference_reason(
    const test::ReferenceRound& ref, VeteranIndex v) {
  const Round& round = ref.round();
  std::map<Ineligibility, int> count;
  int postings = 0;
  for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
    if (ref.is_withdrawn(p)) continue;
    ++postings;
    const Ineligibility rule = ref.eligibility(v, p);
    if (rule == Ineligibility::kEligible) return std::nullopt;
    ++count[rule];
  }
  if (postings == 0) return NoEligibleReason::kNoPostings;
  // The most postings; std::map walks rules in eligibility.h's order, and
  // only a larger count replaces the best, so ties go to the earlier rule.
  Ineligibility best = Ineligibility::kEligible;
  int most = 0;
  for (const auto& [rule, n] : count) {
    if (n > most) {
      best = rule;
      most = n;
    }
  }
  return no_eligible_reason(best);
}

struct Recount {
  RoundStats stats;
  std::map<VeteranIndex, NoEligibleReason> reasons;
};

Recount recount(const Round& round, const RoundResult& result) {
  const test::ReferenceRound ref(round);
  Recount r;
  RoundStats& s = r.stats;
  std::vector<const Assignment*> assignment(round.veterans.size(), nullptr);
  for (const Assignment& a : result.assignments) assignment[a.veteran] = &a;
  for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
    if (ref.is_taken(v)) {
      ++s.veterans_taken;
      continue;
    }
    if (ref.is_not_looking(v)) {
      ++s.veterans_not_looking;
      continue;
    }
    const Veteran& vet = round.veterans[v];
    const bool placed = assignment[v] != nullptr;
    ++s.veterans;
    std::vector<Coverage*> counts = {&s.by_group[std::size_t(vet.group)]};
    for (std::size_t f = 0; f < 4; ++f) {
      if (vet.priority & (1u << f)) counts.push_back(&s.by_priority[f]);
    }
    for (Coverage* c : counts) {
      ++c->veterans;
      if (placed) ++c->assigned;
    }
    if (vet.priority != 0) {
      ++s.priority_veterans;
      if (placed) ++s.priority_assigned;
    }
    if (const auto reason = reference_reason(ref, v)) {
      r.reasons[v] = *reason;
      ++s.no_eligible_posting;
      ++s.no_eligible_by_reason[std::size_t(*reason)];
    }
  }
  for (Coverage& c : s.by_group) {
    c.coverage = c.veterans ? double(c.assigned) / double(c.veterans) : 0.0;
  }
  for (Coverage& c : s.by_priority) {
    c.coverage = c.veterans ? double(c.assigned) / double(c.veterans) : 0.0;
  }
  for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
    ++(ref.is_withdrawn(p) ? s.postings_withdrawn : s.postings);
    s.openings += ref.openings_left(p);
  }
  double km = 0.0;
  for (const Assignment& a : result.assignments) {
    ++s.assigned;
    s.total_score += ref.score(a.veteran, a.posting).score;
    km += ref.score(a.veteran, a.posting).distance_km;
  }
  s.unassigned = std::int64_t(result.unassigned.size());
  s.coverage = s.veterans ? double(s.assigned) / double(s.veterans) : 0.0;
  s.fill_rate = s.openings ? double(s.assigned) / double(s.openings) : 0.0;
  s.mean_score = s.assigned ? s.total_score / double(s.assigned) : 0.0;
  s.mean_distance_km = s.assigned ? km / double(s.assigned) : 0.0;
  return r;
}

void expect_coverage(const Coverage& got, const Coverage& want,
                     const std::string& what) {
  EXPECT_EQ(got.veterans, want.veterans) << what;
  EXPECT_EQ(got.assigned, want.assigned) << what;
  EXPECT_DOUBLE_EQ(got.coverage, want.coverage) << what;
}

void expect_recount(const Round& round, const RoundResult& result) {
  const Recount want = recount(round, result);
  const RoundStats& got = result.stats;
  const RoundStats& w = want.stats;
  EXPECT_EQ(got.veterans, w.veterans);
  EXPECT_EQ(got.veterans_taken, w.veterans_taken);
  EXPECT_EQ(got.veterans_not_looking, w.veterans_not_looking);
  EXPECT_EQ(got.postings, w.postings);
  EXPECT_EQ(got.postings_withdrawn, w.postings_withdrawn);
  EXPECT_EQ(got.openings, w.openings);
  EXPECT_EQ(got.assigned, w.assigned);
  EXPECT_EQ(got.unassigned, w.unassigned);
  EXPECT_EQ(got.priority_veterans, w.priority_veterans);
  EXPECT_EQ(got.priority_assigned, w.priority_assigned);
  EXPECT_DOUBLE_EQ(got.coverage, w.coverage);
  EXPECT_DOUBLE_EQ(got.fill_rate, w.fill_rate);
  EXPECT_NEAR(got.total_score, w.total_score, 1e-9);
  EXPECT_NEAR(got.mean_score, w.mean_score, 1e-12);
  EXPECT_NEAR(got.mean_distance_km, w.mean_distance_km,
              1e-9 * (1 + w.mean_distance_km));
  for (std::size_t g = 0; g < 4; ++g) {
    expect_coverage(got.by_group[g], w.by_group[g],
                    "group " + std::to_string(g));
  }
  for (std::size_t f = 0; f < 4; ++f) {
    expect_coverage(got.by_priority[f], w.by_priority[f],
                    "priority " + std::to_string(f));
  }
  // Counted when a policy ran (checked against the brute force below).
  if (result.policy) {
    EXPECT_GE(got.blocking_pairs, 0);
  } else {
    EXPECT_EQ(got.blocking_pairs, -1);
  }
  EXPECT_EQ(got.no_eligible_posting, w.no_eligible_posting);
  EXPECT_EQ(got.no_eligible_by_reason, w.no_eligible_by_reason);
  // The groups partition the round; coverage overall is theirs summed.
  std::int64_t in_groups = 0;
  for (const Coverage& c : got.by_group) in_groups += c.veterans;
  EXPECT_EQ(in_groups, got.veterans);

  // Each unassigned veteran: no eligible posting (with the reference's
  // reason) exactly when the reference finds none.
  for (const Unassigned& u : result.unassigned) {
    const auto it = want.reasons.find(u.veteran);
    if (it == want.reasons.end()) {
      EXPECT_EQ(u.reason, UnassignedReason::kEligiblePostingsFull);
      EXPECT_FALSE(u.excluded_by.has_value());
    } else {
      EXPECT_EQ(u.reason, UnassignedReason::kNoEligiblePosting);
      ASSERT_TRUE(u.excluded_by.has_value()) << round.veterans[u.veteran].id;
      EXPECT_EQ(*u.excluded_by, it->second) << round.veterans[u.veteran].id;
    }
  }
  if (result.policy) {
    // Nobody with no eligible posting is assigned.
    for (const Assignment& a : result.assignments) {
      EXPECT_FALSE(want.reasons.contains(a.veteran));
    }
  }
}

// Every field, bit for bit.
void expect_same_stats(const RoundStats& a, const RoundStats& b) {
  EXPECT_EQ(a.veterans, b.veterans);
  EXPECT_EQ(a.assigned, b.assigned);
  EXPECT_EQ(a.total_score, b.total_score);
  EXPECT_EQ(a.mean_score, b.mean_score);
  EXPECT_EQ(a.mean_distance_km, b.mean_distance_km);
  EXPECT_EQ(a.no_eligible_posting, b.no_eligible_posting);
  EXPECT_EQ(a.no_eligible_by_reason, b.no_eligible_by_reason);
  for (std::size_t g = 0; g < 4; ++g) {
    EXPECT_EQ(a.by_group[g].assigned, b.by_group[g].assigned);
    EXPECT_EQ(a.by_priority[g].assigned, b.by_priority[g].assigned);
  }
}

class RandomStatsTest : public ::testing::TestWithParam<int> {};

TEST_P(RandomStatsTest, MatchesABruteForceRecountWithOneAndTwoThreads) {
  const std::uint64_t seed = 1300 + GetParam();
  test::RandomRoundOptions options = test::varied_options(seed, 60);
  // Every third round with a commute limit for all and carry-over records,
  // so veterans with no eligible posting and every reason occur.
  if (GetParam() % 3 == 0) {
    options.round_commute_km = 3.0;
    options.not_looking_fraction = 0.2;
    options.withdrawn_fraction = 0.3;
  }
  const Round round = test::random_round(options, seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  const RoundResult one = run_with_threads(round, 1);
  const RoundResult two = run_with_threads(round, 2);
  expect_recount(round, one);
  expect_same_stats(one.stats, two.stats);
  // Shortlists only: the same round's figures, nothing assigned.
  const RoundResult lists = run_with_threads(round, 2, false);
  expect_recount(round, lists);
  EXPECT_EQ(lists.stats.no_eligible_posting, one.stats.no_eligible_posting);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomStatsTest, ::testing::Range(0, 60));

// With k = 0 both ways no veteran is on a list, so every one is scanned.
TEST(RoundStatsTest, ZeroLengthShortlistsScanEveryVeteran) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    test::RandomRoundOptions options = test::varied_options(seed + 1400, 50);
    options.veteran_k = 0;
    options.posting_k = 0;
    options.round_commute_km = 2.0;
    const Round round = test::random_round(options, seed + 1400);
    SCOPED_TRACE("seed " + std::to_string(seed + 1400));
    expect_recount(round, run_with_threads(round, 2));
  }
}

class EdgeCaseStatsTest : public ::testing::TestWithParam<test::NamedRound> {};

TEST_P(EdgeCaseStatsTest, MatchesABruteForceRecount) {
  const Round& round = GetParam().round;
  expect_recount(round, run_with_threads(round, 2));
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCaseStatsTest, ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

TEST(RoundStatsTest, EmptyRound) {
  const RoundResult r = run_round(Round{});
  EXPECT_EQ(r.stats.veterans, 0);
  EXPECT_EQ(r.stats.no_eligible_posting, 0);
  EXPECT_EQ(r.stats.total_score, 0.0);
  EXPECT_EQ(r.stats.mean_distance_km, 0.0);
  for (const Coverage& c : r.stats.by_group) EXPECT_EQ(c.coverage, 0.0);
}

TEST(RoundStatsTest, AllWithdrawnLeavesNoPostingsForAnyone) {
  const Round round = test::round_all_withdrawn(19);
  const RoundResult r = run_round(round);
  EXPECT_EQ(r.stats.postings, 0);
  EXPECT_EQ(r.stats.postings_withdrawn, std::int64_t(round.postings.size()));
  EXPECT_EQ(r.stats.openings, 0);
  EXPECT_TRUE(r.assignments.empty());
  EXPECT_TRUE(r.postings_by_id.empty());
  EXPECT_TRUE(r.shortlists.posting_entries.empty());
  EXPECT_EQ(r.stats.no_eligible_posting, r.stats.veterans);
  EXPECT_EQ(r.stats.no_eligible_by_reason[0], r.stats.veterans);
  ASSERT_FALSE(r.unassigned.empty());
  for (const Unassigned& u : r.unassigned) {
    EXPECT_EQ(u.excluded_by, NoEligibleReason::kNoPostings);
  }
}

TEST(RoundStatsTest, AllNotLookingLeavesNobodyInTheRound) {
  const Round round = test::round_all_not_looking(18);
  const RoundResult r = run_round(round);
  EXPECT_EQ(r.stats.veterans, 0);
  EXPECT_EQ(r.stats.veterans_taken, std::int64_t(round.taken.size()));
  EXPECT_EQ(r.stats.veterans_not_looking,
            std::int64_t(round.not_looking.size()));
  EXPECT_EQ(r.stats.veterans_taken + r.stats.veterans_not_looking,
            std::int64_t(round.veterans.size()));
  EXPECT_TRUE(r.assignments.empty());
  EXPECT_TRUE(r.unassigned.empty());
  EXPECT_TRUE(r.veterans_by_id.empty());
  EXPECT_TRUE(r.shortlists.veteran_entries.empty());
  EXPECT_EQ(r.stats.no_eligible_posting, 0);
}

TEST(RoundStatsTest, AllTakenCountsTakenNotNotLooking) {
  const Round round = test::round_all_veterans_taken(16);
  const RoundResult r = run_round(round);
  EXPECT_EQ(r.stats.veterans, 0);
  EXPECT_EQ(r.stats.veterans_taken, std::int64_t(round.veterans.size()));
  EXPECT_EQ(r.stats.veterans_not_looking, 0);
}

// One veteran, postings made to fail chosen rules.
class ReasonTest : public ::testing::Test {
 protected:
  ReasonTest() {
    Veteran v;
    v.id = "V1";
    v.location = {36.6, 114.5};
    v.wants = kind_bit(PostingKind::kJob);
    v.max_commute_km = 10.0;
    round_.veterans.push_back(v);
  }
  // A posting `km` km north of the veteran.
  void add_posting(const std::string& id, PostingKind kind, double km) {
    Posting p;
    p.id = id;
    p.employer = "E";
    p.kind = kind;
    p.location = {36.6 + km / 111.2, 114.5};
    round_.postings.push_back(p);
  }
  std::optional<NoEligibleReason> reason() {
    const RoundResult r = run_round(round_);
    EXPECT_EQ(r.unassigned.size() + r.assignments.size(), 1u);
    if (r.unassigned.empty()) return std::nullopt;
    return r.unassigned[0].excluded_by;
  }
  Round round_;
};

TEST_F(ReasonTest, TheRuleThatExcludesTheMostPostings) {
  add_posting("P1", PostingKind::kTraining, 1);  // kind
  add_posting("P2", PostingKind::kJob, 50);      // commute
  add_posting("P3", PostingKind::kJob, 60);      // commute
  EXPECT_EQ(reason(), NoEligibleReason::kBeyondCommute);
}

TEST_F(ReasonTest, TiesGoToTheEarlierRule) {
  add_posting("P1", PostingKind::kTraining, 1);  // kind
  add_posting("P2", PostingKind::kJob, 50);      // commute
  EXPECT_EQ(reason(), NoEligibleReason::kKindNotWanted);
}

TEST_F(ReasonTest, APostingCountsUnderItsFirstFailingRuleOnly) {
  // Far away and of the wrong kind: counted as kind, not commute.
  add_posting("P1", PostingKind::kTraining, 50);
  add_posting("P2", PostingKind::kIncubation, 50);
  add_posting("P3", PostingKind::kJob, 50);
  EXPECT_EQ(reason(), NoEligibleReason::kKindNotWanted);
}

TEST_F(ReasonTest, DeclinedAndFullPostings) {
  add_posting("P1", PostingKind::kJob, 1);
  add_posting("P2", PostingKind::kJob, 2);
  add_posting("P3", PostingKind::kJob, 3);
  round_.declined = {{"V1", "P1"}, {"V1", "P2"}};
  Veteran other;
  other.id = "V2";
  other.location = {36.6, 114.5};
  round_.veterans.push_back(other);
  round_.taken = {{"V2", "P3"}};
  EXPECT_EQ(reason(), NoEligibleReason::kDeclined);
  round_.declined.pop_back();  // P1 declined, P2 free: eligible.
  EXPECT_EQ(reason(), std::nullopt);
}

TEST_F(ReasonTest, WithdrawnPostingsAreNotCounted) {
  add_posting("P1", PostingKind::kTraining, 1);  // kind
  add_posting("P2", PostingKind::kJob, 50);      // commute
  add_posting("P3", PostingKind::kJob, 60);      // commute, withdrawn
  add_posting("P4", PostingKind::kJob, 1);       // eligible, withdrawn
  round_.withdrawn = {"P3", "P4"};
  EXPECT_EQ(reason(), NoEligibleReason::kKindNotWanted);
  round_.withdrawn = {"P1", "P2", "P3", "P4"};
  EXPECT_EQ(reason(), NoEligibleReason::kNoPostings);
}

}  // namespace
}  // namespace vetmatch

namespace vetmatch {
namespace {

// run_round counts blocking pairs for every policy under the round's
// posting ranking: equal to the brute-force count; zero for `stable`.
TEST(RoundStatsTest, BlockingPairsOfEveryPolicyMatchTheBruteForceCount) {
  int nonzero = 0;
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Round round = test::random_round(test::varied_options(seed, 40), seed);
    round.config.posting_ranking =
        seed % 2 ? PostingRanking::kPoints : PostingRanking::kScore;
    for (PolicyKind policy : {PolicyKind::kPointsOrder, PolicyKind::kOptimal,
                              PolicyKind::kStable}) {
      round.config.policy = policy;
      const RoundResult result = run_round(round);
      test::Placement placement(round.veterans.size(), kNoPosting);
      for (const Assignment& a : result.assignments) {
        placement[a.veteran] = a.posting;
      }
      const std::int64_t want = test::reference_blocking_pairs(
          round, placement, round.config.posting_ranking);
      EXPECT_EQ(result.stats.blocking_pairs, want) << to_string(policy);
      if (policy == PolicyKind::kStable) {
        EXPECT_EQ(want, 0);
      }
      nonzero += want > 0;
    }
  }
  EXPECT_GT(nonzero, 3);  // the count is not idle
}

}  // namespace
}  // namespace vetmatch
