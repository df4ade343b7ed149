// `stable` (without couples) against the textbook deferred acceptance over
// full preference lists (tests/reference/reference_stable.h): the same
// placement on seeded random rounds with ties and capacities up to 20, both
// posting rankings, run through run_round and directly on shallow
// shortlists (so that the certificate fails and the deepening runs); zero
// blocking pairs by the brute-force count; the outcome's invariants; the
// named edge cases; 1 vs 2 threads identical.
#include "engine/policies/stable.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/model/validate.h"
#include "engine/round/run_round.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_stable.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

Round with_config(Round round, PostingRanking ranking) {
  round.config.policy = PolicyKind::kStable;
  round.config.posting_ranking = ranking;
  return round;
}

std::string describe(const Round& round, const test::Placement& placement) {
  std::ostringstream out;
  for (VeteranIndex v = 0; v < VeteranIndex(placement.size()); ++v) {
    if (placement[v] < 0) continue;
    out << round.veterans[v].id << "->" << round.postings[placement[v]].id
        << " ";
  }
  return out.str();
}

test::Placement placement_of(const Round& round,
                             const std::vector<Assignment>& assignments) {
  test::Placement placement(round.veterans.size(), -1);
  for (const Assignment& a : assignments) placement[a.veteran] = a.posting;
  return placement;
}

// What must hold of any outcome: each veteran of the round exactly once,
// pairs eligible, openings respected, orders, scores exact.
void expect_invariants(const Round& round,
                       const std::vector<Assignment>& assignments,
                       const std::vector<Unassigned>& unassigned) {
  const test::ReferenceRound ref(round);
  std::set<VeteranIndex> seen;
  std::map<PostingIndex, int> used;
  std::string previous;
  for (const Assignment& a : assignments) {
    EXPECT_TRUE(seen.insert(a.veteran).second) << round.veterans[a.veteran].id;
    EXPECT_EQ(ref.eligibility(a.veteran, a.posting), Ineligibility::kEligible);
    EXPECT_NEAR(a.score.score, ref.score(a.veteran, a.posting).score, 1e-9);
    EXPECT_EQ(a.turn, 0);
    ++used[a.posting];
    if (!previous.empty()) {
      EXPECT_LT(previous, round.veterans[a.veteran].id) << "id order";
    }
    previous = round.veterans[a.veteran].id;
  }
  for (const auto& [p, n] : used) EXPECT_LE(n, ref.openings_left(p));
  previous.clear();
  for (const Unassigned& u : unassigned) {
    EXPECT_TRUE(seen.insert(u.veteran).second) << round.veterans[u.veteran].id;
    const bool any = !ref.eligible_postings(u.veteran).empty();
    EXPECT_EQ(u.reason, any ? UnassignedReason::kEligiblePostingsFull
                            : UnassignedReason::kNoEligiblePosting);
    if (!previous.empty()) {
      EXPECT_LT(previous, round.veterans[u.veteran].id);
    }
    previous = round.veterans[u.veteran].id;
  }
  EXPECT_EQ(seen.size(), test::reference_veterans_by_id(round).size());
}

void expect_equals_reference(const Round& round,
                             const std::vector<Assignment>& assignments,
                             const std::vector<Unassigned>& unassigned,
                             const std::optional<StabilityReport>& report) {
  const PostingRanking ranking = round.config.posting_ranking;
  const test::Placement expected =
      test::reference_deferred_acceptance(round, ranking);
  const test::Placement got = placement_of(round, assignments);
  EXPECT_EQ(got, expected) << "engine:    " << describe(round, got)
                           << "\nreference: " << describe(round, expected);
  EXPECT_EQ(test::reference_blocking_pairs(round, got, ranking), 0);
  expect_invariants(round, assignments, unassigned);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->blocking_pairs, 0);
}

RoundResult run_with_threads(const Round& round, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  return run_round(round);
}

void expect_identical(const RoundResult& a, const RoundResult& b) {
  ASSERT_EQ(a.assignments.size(), b.assignments.size());
  for (std::size_t i = 0; i < a.assignments.size(); ++i) {
    const Assignment& x = a.assignments[i];
    const Assignment& y = b.assignments[i];
    EXPECT_TRUE(x.veteran == y.veteran && x.posting == y.posting &&
                x.score.score == y.score.score &&
                x.score.distance_km == y.score.distance_km)
        << "assignment " << i;
  }
  ASSERT_EQ(a.unassigned.size(), b.unassigned.size());
  for (std::size_t i = 0; i < a.unassigned.size(); ++i) {
    EXPECT_EQ(a.unassigned[i].veteran, b.unassigned[i].veteran);
    EXPECT_EQ(a.unassigned[i].reason, b.unassigned[i].reason);
  }
  ASSERT_EQ(a.stability.has_value(), b.stability.has_value());
  if (a.stability) {
    EXPECT_EQ(a.stability->proposals, b.stability->proposals);
    EXPECT_EQ(a.stability->deepening_rounds, b.stability->deepening_rounds);
    EXPECT_EQ(a.stability->candidate_arcs, b.stability->candidate_arcs);
  }
}

test::RandomRoundOptions stable_options(std::uint64_t seed, int max_size) {
  test::RandomRoundOptions o = test::varied_options(seed, max_size);
  o.max_openings = std::vector<int>{1, 2, 5, 20}[seed % 4];
  o.p_partner = 0.0;
  return o;
}

class RandomStableTest : public ::testing::TestWithParam<int> {};

// Through run_round: shortlists at stable_shortlist_depth(), both rankings.
TEST_P(RandomStableTest, EqualsTextbookDeferredAcceptance) {
  const std::uint64_t seed = 7000 + GetParam();
  const test::RandomRoundOptions o = stable_options(seed, 90);
  for (PostingRanking ranking :
       {PostingRanking::kScore, PostingRanking::kPoints}) {
    const Round round = with_config(test::random_round(o, seed), ranking);
    SCOPED_TRACE("seed " + std::to_string(seed) + " ranking " +
                 std::string(to_string(ranking)) + ": " +
                 std::to_string(round.veterans.size()) + " veterans, " +
                 std::to_string(round.postings.size()) + " postings");
    ASSERT_TRUE(validate(round).empty());
    const RoundResult one = run_with_threads(round, 1);
    EXPECT_EQ(one.policy, PolicyKind::kStable);
    expect_equals_reference(round, one.assignments, one.unassigned,
                            one.stability);
    const RoundResult two = run_with_threads(round, 2);
    expect_identical(one, two);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomStableTest, ::testing::Range(0, 80));

// Directly on shallow shortlists: most postings fail the certificate at
// first and are deepened, some several times.
class ShallowStableTest : public ::testing::TestWithParam<int> {};

TEST_P(ShallowStableTest, DeepensToTheSameMatching) {
  const std::uint64_t seed = 8000 + GetParam();
  test::RandomRoundOptions o = stable_options(seed, 150);
  o.taken_fraction = 0.05;
  const Round round =
      with_config(test::random_round(o, seed), PostingRanking::kScore);
  const IndexedRound ir = index_round(round);
  const ShortlistDepth depth{1 + int(seed % 3), 1 + int(seed % 4)};
  const Shortlists lists =
      build_shortlists(ir, depth.veteran_k, depth.posting_k);
  SCOPED_TRACE("seed " + std::to_string(seed) + " depth " +
               std::to_string(depth.veteran_k) + "/" +
               std::to_string(depth.posting_k));
  const PolicyOutcome out = stable(round.config, ir, lists, depth);
  expect_equals_reference(round, out.assignments, out.unassigned,
                          out.stability);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ShallowStableTest, ::testing::Range(0, 40));

// Over the shallow rounds, both kinds of deepening run (the cheaper side
// is deepened: few failing veterans or few failing postings).
TEST(StableTest, BothSidesGetDeepened) {
  std::int64_t postings = 0, veterans = 0;
  for (std::uint64_t seed = 8000; seed < 8040; ++seed) {
    test::RandomRoundOptions o = stable_options(seed, 150);
    o.taken_fraction = 0.05;
    const Round round =
        with_config(test::random_round(o, seed), PostingRanking::kScore);
    const IndexedRound ir = index_round(round);
    const ShortlistDepth depth{1 + int(seed % 3), 1 + int(seed % 4)};
    const PolicyOutcome out =
        stable(round.config, ir,
               build_shortlists(ir, depth.veteran_k, depth.posting_k), depth);
    postings += out.stability->postings_deepened;
    veterans += out.stability->veterans_deepened;
  }
  EXPECT_GT(postings, 0);
  EXPECT_GT(veterans, 0);
}

TEST(StableTest, ShallowListsNeedDeepening) {
  // Scarce openings and many similar veterans: postings' first few
  // veterans go elsewhere, so lists of depth 1 must be deepened.
  test::RandomRoundOptions o;
  o.veterans = 400;
  o.postings = 120;
  o.max_openings = 8;
  o.skill_vocabulary = 4;
  o.p_shared_location = 0.5;
  o.p_partner = 0.0;
  const Round round =
      with_config(test::random_round(o, 11), PostingRanking::kScore);
  const IndexedRound ir = index_round(round);
  const Shortlists lists = build_shortlists(ir, 1, 1);
  const PolicyOutcome out = stable(round.config, ir, lists, {1, 1});
  ASSERT_TRUE(out.stability.has_value());
  EXPECT_GE(out.stability->deepening_rounds, 2);
  expect_equals_reference(round, out.assignments, out.unassigned,
                          out.stability);
  // The same matching from lists deep enough to need no deepening.
  const Shortlists deep = build_shortlists(ir, 1000, 1000);
  const PolicyOutcome again = stable(round.config, ir, deep, {1000, 1000});
  EXPECT_EQ(again.stability->deepening_rounds, 0);
  EXPECT_EQ(placement_of(round, again.assignments),
            placement_of(round, out.assignments));
}

// With posting_ranking score every posting and veteran rank by the pair's
// score, so the stable matching is the greedy one over pairs by score
// (desc), veteran id, posting id: an independent check of the reference.
TEST(StableTest, ScoreRankingIsGreedyOverPairs) {
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    const Round round = with_config(
        test::random_round(stable_options(seed + 9000, 60), seed + 9000),
        PostingRanking::kScore);
    const test::ReferenceRound ref(round);
    struct Pair {
      double score;
      VeteranIndex v;
      PostingIndex p;
    };
    std::vector<Pair> pairs;
    for (VeteranIndex v : test::reference_veterans_by_id(round)) {
      for (const test::ScoredPair& e : ref.eligible_postings(v)) {
        pairs.push_back({e.score.score, v, e.index});
      }
    }
    std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
      if (a.score != b.score) return a.score > b.score;
      if (a.v != b.v) return round.veterans[a.v].id < round.veterans[b.v].id;
      return round.postings[a.p].id < round.postings[b.p].id;
    });
    test::Placement greedy(round.veterans.size(), -1);
    std::vector<int> left(round.postings.size());
    for (PostingIndex p = 0; p < PostingIndex(left.size()); ++p) {
      left[p] = ref.openings_left(p);
    }
    for (const Pair& pair : pairs) {
      if (greedy[pair.v] >= 0 || left[pair.p] <= 0) continue;
      greedy[pair.v] = pair.p;
      --left[pair.p];
    }
    EXPECT_EQ(
        test::reference_deferred_acceptance(round, PostingRanking::kScore),
        greedy)
        << "seed " << seed;
    EXPECT_EQ(placement_of(round, run_round(round).assignments), greedy)
        << "seed " << seed;
  }
}

class EdgeCaseStableTest : public ::testing::TestWithParam<test::NamedRound> {};

TEST_P(EdgeCaseStableTest, EqualsReference) {
  for (PostingRanking ranking :
       {PostingRanking::kScore, PostingRanking::kPoints}) {
    const Round round = with_config(GetParam().round, ranking);
    const RoundResult r = run_round(round);
    expect_equals_reference(round, r.assignments, r.unassigned, r.stability);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCaseStableTest, ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

// Three veterans, two postings of one opening, worked by hand: the two
// rankings give different matchings.
TEST(StableTest, HandWorkedRound) {
  Round round;
  auto veteran = [](std::string id, double lat, double points) {
    Veteran v;
    v.id = std::move(id);
    v.location = {lat, 120.0};
    v.skills = {{"weld", 1.0}};
    v.points = points;
    return v;
  };
  // a sits on p1, b between, c far; c has the most points.
  round.veterans = {veteran("a", 30.0, 10), veteran("b", 30.04, 20),
                    veteran("c", 30.3, 90)};
  Posting p1;
  p1.id = "p1";
  p1.employer = "e";
  p1.location = {30.0, 120.0};
  p1.skills = {{"weld", 1.0}};
  Posting p2 = p1;
  p2.id = "p2";
  p2.location = {30.1, 120.0};
  round.postings = {p1, p2};

  // By score: a takes p1 (the best pair), b p2 (b is nearer p2 than c).
  Round by_score = with_config(round, PostingRanking::kScore);
  RoundResult r = run_round(by_score);
  EXPECT_EQ(placement_of(by_score, r.assignments), (test::Placement{0, 1, -1}));
  // By points: c (90) prefers p2 and gets it; b (20) then takes p1 over a.
  Round by_points = with_config(round, PostingRanking::kPoints);
  r = run_round(by_points);
  EXPECT_EQ(placement_of(by_points, r.assignments),
            (test::Placement{-1, 0, 1}));
  ASSERT_EQ(r.unassigned.size(), 1u);
  EXPECT_EQ(r.unassigned[0].reason, UnassignedReason::kEligiblePostingsFull);
}

}  // namespace
}  // namespace vetmatch
