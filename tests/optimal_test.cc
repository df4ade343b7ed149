// The `optimal` policy through run_round against independent oracles
// (tests/support/optimal_oracle.h): on 260 seeded random rounds (both
// objectives, up to 150 veterans, ties, capacities 0-20, candidate depths
// that do and do not suffice, exact mode on and off) its objective equals
// LEMON NetworkSimplex's over every eligible pair whenever it says it is
// certified (and exact mode always certifies); coverage_first places as
// many veterans as a max flow can; tiny rounds equal an exhaustive search.
// Also: every assignment eligible, capacities respected, the report
// consistent, the result's shortlists cut back to the config's k exactly,
// hand-built rounds where a shallow graph loses and the report says so,
// 1 vs 2 threads byte-identical, the result file valid against its schema,
// and the named edge cases.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "adapters/json/result_writer.h"
#include "engine/round/run_round.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_anchors.h"
#include "tests/support/lemon_bmatching.h"
#include "tests/support/optimal_oracle.h"
#include "tests/support/random_round.h"
#include "tests/support/schema_check.h"
#include "tests/support/shortlist_compare.h"

namespace vetmatch {
namespace {

std::string text(__int128 x) {
  std::string s = x < 0 ? "-" : "";
  unsigned __int128 u = x < 0 ? -x : x;
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + int(u % 10)));
    u /= 10;
  } while (u != 0);
  return s + digits;
}

RoundResult run_with_threads(const Round& round, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  return run_round(round);
}

// What must hold of any optimal outcome.
void expect_invariants(const Round& round, const RoundResult& result) {
  const test::ReferenceRound ref(round);
  ASSERT_EQ(result.policy, PolicyKind::kOptimal);
  ASSERT_TRUE(result.optimality.has_value());
  const OptimalityReport& report = *result.optimality;
  std::map<PostingIndex, int> used;
  std::set<VeteranIndex> seen;
  std::int64_t units = 0;
  for (const Assignment& a : result.assignments) {
    EXPECT_TRUE(seen.insert(a.veteran).second) << "assigned twice";
    EXPECT_FALSE(ref.is_out(a.veteran));
    EXPECT_EQ(ref.eligibility(a.veteran, a.posting), Ineligibility::kEligible);
    EXPECT_NEAR(a.score.score, ref.score(a.veteran, a.posting).score, 1e-9);
    ++used[a.posting];
    units += test::oracle_units(a.score.score);
  }
  for (const auto& [p, count] : used) {
    EXPECT_LE(count, ref.openings_left(p)) << round.postings[p].id;
  }
  for (std::size_t i = 1; i < result.assignments.size(); ++i) {
    EXPECT_LT(round.veterans[result.assignments[i - 1].veteran].id,
              round.veterans[result.assignments[i].veteran].id)
        << "assignments in veteran id order";
  }
  // A veteran whose partner was placed before (couples together) and who
  // is left out while an eligible posting, too far from the partner's,
  // still has an opening: no_joint_placement.
  const test::ReferenceAnchors anchors(round);
  for (const Assignment& a : result.assignments) {
    EXPECT_TRUE(anchors.allowed(a.veteran, a.posting))
        << round.veterans[a.veteran].id << " too far from their partner";
  }
  for (const Unassigned& u : result.unassigned) {
    EXPECT_TRUE(seen.insert(u.veteran).second) << "listed twice";
    const std::vector<test::ScoredPair> eligible =
        ref.eligible_postings(u.veteran);
    const bool open_left =
        anchors.anchored(u.veteran) &&
        std::any_of(eligible.begin(), eligible.end(),
                    [&](const test::ScoredPair& e) {
                      return used[e.index] < ref.openings_left(e.index);
                    });
    EXPECT_EQ(u.reason, eligible.empty() ? UnassignedReason::kNoEligiblePosting
                        : open_left      ? UnassignedReason::kNoJointPlacement
                                    : UnassignedReason::kEligiblePostingsFull);
  }
  EXPECT_EQ(seen.size(), test::reference_veterans_by_id(round).size());
  EXPECT_EQ(report.placed, std::int64_t(result.assignments.size()));
  EXPECT_EQ(report.score_units, units);
  EXPECT_EQ(report.certified, report.method != CertificateMethod::kNone);
  if (report.couples_repaired == 0) {
    EXPECT_EQ(report.certified, report.lists_at_risk == 0);
    if (round.config.exact) {
      EXPECT_TRUE(report.certified);
    }
  } else {
    EXPECT_FALSE(report.certified);
  }
  // The result's lists are the config's, exactly, though the policy asked
  // for deeper ones.
  EXPECT_EQ(
      test::expect_shortlists_match(round, result.shortlists,
                                    test::reference_shortlists(round), 1e-9),
      0);
}

// couples == together: no partner placed alone, placed couples within
// couple_max_km, the report's counts, and the bound above the result.
// Returns whether the policy had to repair a couple.
bool expect_couples_kept(const Round& round, const RoundResult& result) {
  const OptimalityReport& report = *result.optimality;
  EXPECT_TRUE(report.couples_together);
  std::map<VeteranIndex, PostingIndex> at;
  for (const Assignment& a : result.assignments) at[a.veteran] = a.posting;
  const auto couples = test::oracle_couples(round);
  std::int64_t placed = 0;
  for (const auto& [a, b] : couples) {
    const bool in_a = at.count(a) > 0, in_b = at.count(b) > 0;
    EXPECT_EQ(in_a, in_b) << "a partner placed alone: "
                          << round.veterans[in_a ? a : b].id;
    if (in_a && in_b) {
      ++placed;
      EXPECT_LE(test::reference_distance_km(round.postings[at[a]].location,
                                            round.postings[at[b]].location),
                round.config.couple_max_km);
    }
  }
  EXPECT_EQ(report.couples, std::int64_t(couples.size()));
  EXPECT_EQ(report.couples_placed, placed);
  const std::int64_t bonus = test::oracle_bonus(round, round.config.objective);
  const __int128 bound =
      __int128(report.bound_placed) * bonus + report.bound_score_units;
  EXPECT_TRUE(test::assignment_weight(round, round.config.objective,
                                      result.assignments) <= bound);
  if (report.couples_repaired == 0) {
    EXPECT_EQ(report.bound_placed, report.placed);
    EXPECT_EQ(report.bound_score_units, report.score_units);
  }
  return report.couples_repaired > 0;
}

struct Tally {
  int certified = 0;
  int warned = 0;           ///< not certified (lists at risk reported)
  int warned_and_lost = 0;  ///< ... and truly below the optimum
};

// The objective against LEMON over every eligible pair.
void expect_optimal(const Round& round, const RoundResult& result,
                    Tally& tally) {
  const OptimalObjective objective = round.config.objective;
  const BMatchingGraph full = test::full_eligible_graph(round, objective);
  const test::LemonSolution lemon =
      test::lemon_bmatching(full, test::LemonAlgorithm::kNetworkSimplex);
  const __int128 engine =
      test::assignment_weight(round, objective, result.assignments);
  const OptimalityReport& report = *result.optimality;
  EXPECT_LE(engine, lemon.weight);
  if (report.certified) {
    ++tally.certified;
    EXPECT_TRUE(engine == lemon.weight)
        << "engine " << text(engine) << " LEMON " << text(lemon.weight);
    if (objective == OptimalObjective::kCoverageFirst) {
      EXPECT_EQ(report.placed, test::lemon_max_cardinality(full));
    }
  } else {
    ++tally.warned;
    tally.warned_and_lost += engine < lemon.weight;
    EXPECT_GT(report.lists_at_risk, 0);
  }
}

Round random_optimal_round(std::uint64_t seed, OptimalObjective objective) {
  test::RandomRoundOptions options = test::varied_options(seed, 150);
  if (seed % 3 == 0) options.max_openings = 20;
  Round round = test::random_round(options, seed);
  round.config.policy = PolicyKind::kOptimal;
  round.config.objective = objective;
  round.config.candidate_k = std::vector<int>{1, 2, 3, 50}[seed % 4];
  round.config.exact = seed % 5 < 2;
  return round;
}

TEST(OptimalTest, EqualsLemonOnRandomRounds) {
  Tally tally;
  int instances = 0;
  for (std::uint64_t seed = 1; seed <= 130; ++seed) {
    for (OptimalObjective objective :
         {OptimalObjective::kCoverageFirst, OptimalObjective::kTotalScore}) {
      const Round round = random_optimal_round(seed, objective);
      SCOPED_TRACE("seed " + std::to_string(seed) + " " +
                   std::string(to_string(objective)));
      const RoundResult result = run_round(round);
      expect_invariants(round, result);
      if (HasFatalFailure()) return;
      expect_optimal(round, result, tally);
      ++instances;
    }
  }
  EXPECT_EQ(instances, 260);
  // Both outcomes of the proof occur, and a shallow graph sometimes does
  // lose (so the warning is not idle).
  EXPECT_GT(tally.certified, 150);
  EXPECT_GT(tally.warned, 5);
  EXPECT_GT(tally.warned_and_lost, 0);
}

TEST(OptimalTest, EqualsExhaustiveSearchOnTinyRounds) {
  int searched = 0;
  for (std::uint64_t seed = 500; seed < 1000; ++seed) {
    test::RandomRoundOptions options = test::varied_options(seed, 6);
    options.veterans = std::min(options.veterans, 6);
    options.postings = std::min(options.postings, 3);
    options.max_openings = 2;
    Round round = test::random_round(options, seed);
    round.config.policy = PolicyKind::kOptimal;
    round.config.objective = seed % 2 ? OptimalObjective::kTotalScore
                                      : OptimalObjective::kCoverageFirst;
    round.config.candidate_k = 1;
    round.config.exact = true;
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RoundResult result = run_round(round);
    expect_invariants(round, result);
    const BMatchingGraph full =
        test::full_eligible_graph(round, round.config.objective);
    EXPECT_TRUE(test::assignment_weight(round, round.config.objective,
                                        result.assignments) ==
                test::exhaustive_best_weight(full));
    searched += result.assignments.size() > 1;
  }
  // 47 of the 400 since random rounds may withdraw postings and have
  // veterans no longer looking (i5-carry); 50 before.
  EXPECT_GT(searched, 50);
}

TEST(OptimalTest, SameBytesOnOneAndTwoThreads) {
  for (OptimalObjective objective :
       {OptimalObjective::kCoverageFirst, OptimalObjective::kTotalScore}) {
    test::RandomRoundOptions options;
    options.veterans = 300;
    options.postings = 60;
    options.max_openings = 4;
    options.p_partner = 0.3;
    Round round = test::random_round(options, 42);
    round.config.policy = PolicyKind::kOptimal;
    round.config.objective = objective;
    round.config.couples = objective == OptimalObjective::kCoverageFirst
                               ? CouplesRule::kTogether
                               : CouplesRule::kIndependent;
    round.config.couple_max_km = 10.0;
    round.config.candidate_k = 2;
    round.config.exact = true;
    ResultWriteOptions write;
    write.include_timings = false;
    const std::string one =
        result_to_json(round, run_with_threads(round, 1), write);
    const std::string two =
        result_to_json(round, run_with_threads(round, 2), write);
    EXPECT_EQ(one, two);
    EXPECT_NE(one.find("\"optimality\""), std::string::npos);
    const std::string schema = std::string(VETMATCH_SOURCE_DIR) +
                               "/adapters/json/schema/result.schema.json";
    EXPECT_EQ(test_support::schema_problem(schema, one), "");
    EXPECT_EQ(test_support::schema_problem(
                  schema, result_to_json(round, run_round(round))),
              "");
  }
}

Round random_couples_round(std::uint64_t seed, int max_size) {
  test::RandomRoundOptions options = test::varied_options(seed, max_size);
  options.p_partner = 0.6;
  Round round = test::random_round(options, seed);
  round.config.policy = PolicyKind::kOptimal;
  round.config.couples = CouplesRule::kTogether;
  round.config.objective = seed % 2 ? OptimalObjective::kTotalScore
                                    : OptimalObjective::kCoverageFirst;
  round.config.couple_max_km =
      std::vector<double>{0.5, 5.0, 50.0}[seed % 3] * options.box_degrees;
  round.config.candidate_k = std::vector<int>{1, 3, 50}[seed % 3];
  round.config.exact = seed % 4 == 0;
  return round;
}

TEST(OptimalTest, CouplesStayTogetherOnRandomRounds) {
  Tally tally;
  int repaired = 0;
  int anchored_placed = 0;
  for (std::uint64_t seed = 2000; seed < 2120; ++seed) {
    const Round round = random_couples_round(seed, 120);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RoundResult result = run_round(round);
    const test::ReferenceAnchors anchors(round);
    for (const Assignment& a : result.assignments) {
      anchored_placed += anchors.anchored(a.veteran);
    }
    expect_invariants(round, result);
    if (HasFatalFailure()) return;
    repaired += expect_couples_kept(round, result);
    // Never above the optimum without the rule.
    const BMatchingGraph full =
        test::full_eligible_graph(round, round.config.objective);
    EXPECT_TRUE(
        test::assignment_weight(round, round.config.objective,
                                result.assignments) <=
        test::lemon_bmatching(full, test::LemonAlgorithm::kNetworkSimplex)
            .weight);
    if (result.optimality->couples_repaired == 0) {
      expect_optimal(round, result, tally);
    }
  }
  EXPECT_GT(repaired, 10);         // the repair runs, not only the easy case
  EXPECT_GT(anchored_placed, 10);  // partners placed before are exercised
}

// On tiny rounds the repaired result is checked against an exhaustive
// search that keeps couples together: never above it, and the relaxation's
// bound (exact mode: over all eligible pairs) never below it.
TEST(OptimalTest, CouplesAgainstExhaustiveSearchOnTinyRounds) {
  int repaired = 0, repaired_optimal = 0;
  for (std::uint64_t seed = 3000; seed < 3400; ++seed) {
    Round round = random_couples_round(seed, 6);
    round.veterans.resize(std::min<std::size_t>(round.veterans.size(), 6));
    for (Veteran& v : round.veterans) {  // partners cut off by the resize
      bool listed = false;
      for (const Veteran& w : round.veterans) listed |= w.id == v.partner;
      if (!listed) v.partner.clear();
    }
    round.taken.clear();
    round.declined.clear();
    round.withdrawn.clear();
    round.not_looking.clear();
    if (round.postings.size() > 3) round.postings.resize(3);
    round.config.exact = true;
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RoundResult result = run_round(round);
    expect_invariants(round, result);
    if (HasFatalFailure()) return;
    const bool was_repaired = expect_couples_kept(round, result);
    const OptimalObjective objective = round.config.objective;
    const BMatchingGraph full = test::full_eligible_graph(round, objective);
    const __int128 best =
        test::exhaustive_best_weight_with_couples(round, full);
    const __int128 got =
        test::assignment_weight(round, objective, result.assignments);
    EXPECT_TRUE(got <= best);
    const OptimalityReport& r = *result.optimality;
    EXPECT_TRUE(__int128(r.bound_placed) *
                        test::oracle_bonus(round, objective) +
                    r.bound_score_units ==
                test::exhaustive_best_weight(full));
    if (!was_repaired) {
      EXPECT_TRUE(got == best);
    }
    repaired += was_repaired;
    repaired_optimal += was_repaired && got == best;
  }
  EXPECT_GT(repaired, 10);
  std::printf("couples repaired in %d tiny rounds, optimal in %d of them\n",
              repaired, repaired_optimal);
}

class EdgeCaseOptimalTest : public ::testing::TestWithParam<test::NamedRound> {
};

TEST_P(EdgeCaseOptimalTest, EqualsLemon) {
  for (OptimalObjective objective :
       {OptimalObjective::kCoverageFirst, OptimalObjective::kTotalScore}) {
    Round round = GetParam().round;
    round.config.policy = PolicyKind::kOptimal;
    round.config.objective = objective;
    round.config.exact = true;
    const RoundResult result = run_round(round);
    expect_invariants(round, result);
    Tally tally;
    expect_optimal(round, result, tally);
    EXPECT_EQ(tally.certified, 1);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCaseOptimalTest, ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

Veteran veteran(const std::string& id, double lon) {
  Veteran v;
  v.id = id;
  v.location = {36.6, lon};
  v.skills = {{"driving", 1.0}};
  return v;
}

Posting posting(const std::string& id, double lon, Openings openings) {
  Posting p;
  p.id = id;
  p.employer = "E1";
  p.location = {36.6, lon};
  p.openings = openings;
  p.skills = {{"driving", 1.0}};
  return p;
}

// Two postings of one opening each both rank veteran a first (a tie with b
// broken by id): each posting's best 1 veteran is a, so a one-deep graph
// places only a. The report must say the depth could have cost
// optimality; exact mode must find b and place both.
TEST(OptimalTest, ShallowPostingListsAreFlaggedAndExactModeFixesThem) {
  Round round;
  round.veterans = {veteran("a", 114.5), veteran("b", 114.5)};
  round.postings = {posting("p1", 114.5, 1), posting("p2", 114.5, 1)};
  round.config.policy = PolicyKind::kOptimal;
  round.config.candidate_k = 1;
  round.config.veteran_shortlist_k = 0;
  round.config.posting_shortlist_k = 0;
  RoundResult shallow = run_round(round);
  ASSERT_TRUE(shallow.optimality.has_value());
  EXPECT_EQ(shallow.optimality->side, CandidateSide::kPostings);
  EXPECT_EQ(shallow.assignments.size(), 1u);
  EXPECT_FALSE(shallow.optimality->certified);
  EXPECT_EQ(shallow.optimality->lists_at_risk, 2);

  round.config.exact = true;
  RoundResult exact = run_round(round);
  EXPECT_EQ(exact.assignments.size(), 2u);
  EXPECT_TRUE(exact.optimality->certified);
  // The scan found b's pairs (both beat the duals), the graph grew and
  // its cut lists then passed the bound.
  EXPECT_EQ(exact.optimality->deepenings, 1);
  EXPECT_EQ(exact.optimality->pairs_added, 2);
  EXPECT_EQ(exact.optimality->method, CertificateMethod::kListBounds);

  round.config.exact = false;
  round.config.candidate_k = 2;
  RoundResult deep = run_round(round);
  EXPECT_EQ(deep.assignments.size(), 2u);
  EXPECT_TRUE(deep.optimality->certified);
  EXPECT_EQ(deep.optimality->method, CertificateMethod::kListBounds);
}

// Openings plentiful (6 for 2 veterans): the graph comes from the
// veterans' lists. Both veterans' best posting has one opening; with one
// posting each, one of them is left out, and the report says so (both
// lists: either veteran could move to p2).
TEST(OptimalTest, ShallowVeteranListsAreFlaggedAndExactModeFixesThem) {
  Round round;
  round.veterans = {veteran("a", 114.5), veteran("b", 114.5)};
  round.postings = {posting("p1", 114.5, 1), posting("p2", 114.6, 5)};
  round.config.policy = PolicyKind::kOptimal;
  round.config.candidate_k = 1;
  round.config.veteran_shortlist_k = 0;
  round.config.posting_shortlist_k = 0;
  RoundResult shallow = run_round(round);
  EXPECT_EQ(shallow.optimality->side, CandidateSide::kVeterans);
  EXPECT_EQ(shallow.assignments.size(), 1u);
  EXPECT_FALSE(shallow.optimality->certified);
  EXPECT_EQ(shallow.optimality->lists_at_risk, 2);

  round.config.exact = true;
  RoundResult exact = run_round(round);
  EXPECT_EQ(exact.assignments.size(), 2u);
  EXPECT_TRUE(exact.optimality->certified);
  // total_score also places both: the second posting scores above 0.
  round.config.objective = OptimalObjective::kTotalScore;
  EXPECT_EQ(run_round(round).assignments.size(), 2u);
}

// coverage_first gives up score for coverage; total_score does not. Scores
// are skill only: a -> p1 1.0, a -> p2 0.707, b -> p1 0.0, and b cannot
// reach p2 (beyond b's commute).
TEST(OptimalTest, ObjectivesDifferWhereCoverageCostsScore) {
  Round round;
  Veteran a = veteran("a", 114.50);
  Veteran b = veteran("b", 114.50);
  b.skills = {{"cooking", 1.0}};
  b.max_commute_km = 5.0;
  Posting p1 = posting("p1", 114.50, 1);
  Posting p2 = posting("p2", 114.60, 1);  // about 9 km east
  p2.skills = {{"driving", 1.0}, {"welding", 1.0}};
  round.veterans = {a, b};
  round.postings = {p1, p2};
  round.config.weights = {1.0, 0.0, 0.0};
  round.config.policy = PolicyKind::kOptimal;
  round.config.exact = true;
  const RoundResult coverage = run_round(round);
  ASSERT_EQ(coverage.assignments.size(), 2u);
  EXPECT_EQ(coverage.assignments[0].posting, 1);  // a -> p2
  EXPECT_EQ(coverage.assignments[1].posting, 0);  // b -> p1
  round.config.objective = OptimalObjective::kTotalScore;
  const RoundResult total = run_round(round);
  ASSERT_EQ(total.assignments.size(), 1u);
  EXPECT_EQ(total.assignments[0].posting, 0);  // a -> p1
  EXPECT_TRUE(total.optimality->certified);
  EXPECT_EQ(total.optimality->score_units, 1 << 20);
  EXPECT_GT(total.optimality->score_units, coverage.optimality->score_units);
}

// The relaxation places a at p1 and b at p3, 30 km apart; together they
// fit at p1 and p2 (1 km apart).
TEST(OptimalTest, ASplitCoupleIsRepaired) {
  Round round;
  Veteran a = veteran("a", 114.50);
  Veteran b = veteran("b", 114.80);
  a.partner = "b";
  b.partner = "a";
  b.skills = {{"welding", 1.0}};
  Posting p1 = posting("p1", 114.50, 1);
  Posting p2 = posting("p2", 114.51, 1);
  p2.skills = {{"driving", 1.0}, {"welding", 0.2}};
  Posting p3 = posting("p3", 114.80, 1);
  p3.skills = {{"welding", 1.0}};
  round.veterans = {a, b};
  round.postings = {p1, p2, p3};
  round.config.policy = PolicyKind::kOptimal;
  round.config.couples = CouplesRule::kTogether;
  round.config.couple_max_km = 5.0;
  const RoundResult result = run_round(round);
  ASSERT_EQ(result.assignments.size(), 2u);
  EXPECT_EQ(result.assignments[0].posting, 0);  // a -> p1
  EXPECT_EQ(result.assignments[1].posting, 1);  // b -> p2
  const OptimalityReport& r = *result.optimality;
  EXPECT_EQ(r.couples, 1);
  EXPECT_EQ(r.couples_placed, 1);
  EXPECT_EQ(r.couples_repaired, 1);
  EXPECT_FALSE(r.certified);
  EXPECT_GT(r.bound_score_units, r.score_units);
  // Independent partners: the relaxation itself.
  round.config.couples = CouplesRule::kIndependent;
  const RoundResult apart = run_round(round);
  EXPECT_EQ(apart.assignments[1].posting, 2);  // b -> p3
  EXPECT_FALSE(apart.optimality->couples_together);
}

}  // namespace
}  // namespace vetmatch
