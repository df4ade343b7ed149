// `stable` with couples together (Roth-Peranson, couples_stable.h) on
// seeded random rounds full of partners, both posting rankings, through
// run_round and directly on shallow shortlists: never one partner placed
// alone, every placed couple within couple_max_km, openings and
// eligibility respected, and the instability the result reports equal to
// the brute force over all eligible pairs (blocking pairs of singles,
// blocking couples); rounds without couples give plain `stable`'s
// matching; 1 vs 2 threads identical; small rounds worked by hand.
#include "engine/policies/couples_stable.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/model/validate.h"
#include "engine/policies/stable.h"
#include "engine/round/run_round.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_stable.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

using CoupleList = std::vector<std::pair<VeteranIndex, VeteranIndex>>;

Round with_couples(Round round, PostingRanking ranking, double max_km) {
  round.config.policy = PolicyKind::kStable;
  round.config.posting_ranking = ranking;
  round.config.couples = CouplesRule::kTogether;
  round.config.couple_max_km = max_km;
  return round;
}

test::Placement placement_of(const Round& round,
                             const std::vector<Assignment>& assignments) {
  test::Placement placement(round.veterans.size(), -1);
  for (const Assignment& a : assignments) placement[a.veteran] = a.posting;
  return placement;
}

void expect_couples_outcome(const Round& round, const PolicyOutcome& out) {
  const test::ReferenceRound ref(round);
  const test::Placement placement = placement_of(round, out.assignments);
  // Each veteran of the round once; eligible pairs; openings respected.
  std::set<VeteranIndex> seen;
  std::map<PostingIndex, int> used;
  for (const Assignment& a : out.assignments) {
    EXPECT_TRUE(seen.insert(a.veteran).second);
    EXPECT_EQ(ref.eligibility(a.veteran, a.posting), Ineligibility::kEligible);
    ++used[a.posting];
  }
  for (const Unassigned& u : out.unassigned) {
    EXPECT_TRUE(seen.insert(u.veteran).second);
  }
  EXPECT_EQ(seen.size(), test::reference_veterans_by_id(round).size());
  for (const auto& [p, n] : used) EXPECT_LE(n, ref.openings_left(p));

  // Couples: together or not at all, within couple_max_km.
  const CoupleList couples = test::reference_couples(round);
  std::vector<bool> partnered(round.veterans.size(), false);
  std::int64_t placed = 0;
  for (const auto& [a, b] : couples) {
    partnered[a] = partnered[b] = true;
    EXPECT_EQ(placement[a] >= 0, placement[b] >= 0)
        << "one partner alone: " << round.veterans[a].id << " / "
        << round.veterans[b].id;
    if (placement[a] < 0 || placement[b] < 0) continue;
    ++placed;
    EXPECT_LE(
        test::reference_distance_km(round.postings[placement[a]].location,
                                    round.postings[placement[b]].location),
        round.config.couple_max_km);
  }
  ASSERT_TRUE(out.stability.has_value());
  const StabilityReport& r = *out.stability;
  if (couples.empty()) return;
  EXPECT_EQ(r.method, StabilityReport::Method::kRothPeranson);
  EXPECT_EQ(r.couples, std::int64_t(couples.size()));
  EXPECT_EQ(r.couples_placed, placed);

  // The reported instability is the brute force's.
  EXPECT_EQ(r.blocking_pairs,
            test::reference_blocking_pairs(
                round, placement, round.config.posting_ranking, partnered));
  CoupleList reported = r.blocking_couples;
  std::sort(reported.begin(), reported.end());
  CoupleList expected = test::reference_blocking_couples(
      round, placement, round.config.posting_ranking,
      round.config.couple_max_km);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(reported, expected);
}

test::RandomRoundOptions couple_options(std::uint64_t seed, int max_size) {
  test::RandomRoundOptions o = test::varied_options(seed, max_size);
  o.p_partner = std::vector<double>{0.3, 0.6, 1.0}[seed % 3];
  o.max_openings = std::vector<int>{1, 2, 4, 20}[seed % 4];
  return o;
}

double max_km_for(std::uint64_t seed, const test::RandomRoundOptions& o) {
  // From tighter than most pairs of postings to looser than all.
  return std::vector<double>{0.05, 0.3, 1.0, 3.0}[(seed / 4) % 4] *
         o.box_degrees * 111.0;
}

class RandomCouplesTest : public ::testing::TestWithParam<int> {};

TEST_P(RandomCouplesTest, TogetherAndInstabilityReported) {
  const std::uint64_t seed = 5200 + GetParam();
  const test::RandomRoundOptions o = couple_options(seed, 60);
  for (PostingRanking ranking :
       {PostingRanking::kScore, PostingRanking::kPoints}) {
    const Round round =
        with_couples(test::random_round(o, seed), ranking, max_km_for(seed, o));
    ASSERT_TRUE(validate(round).empty());
    SCOPED_TRACE("seed " + std::to_string(seed) + " ranking " +
                 std::string(to_string(ranking)) + ": " +
                 std::to_string(round.veterans.size()) + " veterans, " +
                 std::to_string(round.postings.size()) + " postings");
    RoundResult one, two;
    {
      oneapi::tbb::global_control limit(
          oneapi::tbb::global_control::max_allowed_parallelism, 1);
      one = run_round(round);
    }
    {
      oneapi::tbb::global_control limit(
          oneapi::tbb::global_control::max_allowed_parallelism, 2);
      two = run_round(round);
    }
    PolicyOutcome out;
    out.assignments = one.assignments;
    out.unassigned = one.unassigned;
    out.stability = one.stability;
    expect_couples_outcome(round, out);
    EXPECT_EQ(placement_of(round, one.assignments),
              placement_of(round, two.assignments));
    ASSERT_TRUE(two.stability.has_value());
    EXPECT_EQ(one.stability->proposals, two.stability->proposals);
    EXPECT_EQ(one.stability->blocking_couples, two.stability->blocking_couples);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomCouplesTest, ::testing::Range(0, 60));

// Shallow lists: the certificate fails, lists are deepened and the whole
// procedure runs again.
class ShallowCouplesTest : public ::testing::TestWithParam<int> {};

TEST_P(ShallowCouplesTest, TogetherAndInstabilityReported) {
  const std::uint64_t seed = 5600 + GetParam();
  test::RandomRoundOptions o = couple_options(seed, 100);
  o.taken_fraction = 0.05;
  for (PostingRanking ranking :
       {PostingRanking::kScore, PostingRanking::kPoints}) {
    const Round round =
        with_couples(test::random_round(o, seed), ranking, max_km_for(seed, o));
    const IndexedRound ir = index_round(round);
    const ShortlistDepth depth{1 + int(seed % 2), 1 + int(seed % 3)};
    SCOPED_TRACE("seed " + std::to_string(seed) + " ranking " +
                 std::string(to_string(ranking)));
    const PolicyOutcome out =
        stable(round.config, ir,
               build_shortlists(ir, depth.veteran_k, depth.posting_k), depth);
    expect_couples_outcome(round, out);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ShallowCouplesTest, ::testing::Range(0, 30));

// The random rounds above reach every path: couples placed and not,
// instability left, places reopened by couples, couples giving up (cycles)
// and (shallow lists) deepening.
TEST(CouplesStableTest, RandomRoundsCoverEveryPath) {
  std::int64_t placed = 0, unplaced = 0, couples_blocking = 0,
               singles_blocking = 0, reexaminations = 0, limits = 0,
               given_up = 0, deepenings = 0;
  for (std::uint64_t g = 0; g < 60; ++g) {
    const std::uint64_t seed = 5200 + g;
    const test::RandomRoundOptions o = couple_options(seed, 60);
    for (PostingRanking ranking :
         {PostingRanking::kScore, PostingRanking::kPoints}) {
      const Round round = with_couples(test::random_round(o, seed), ranking,
                                       max_km_for(seed, o));
      const RoundResult r = run_round(round);
      const StabilityReport& s = *r.stability;
      placed += s.couples_placed;
      unplaced += s.couples - s.couples_placed;
      couples_blocking += std::int64_t(s.blocking_couples.size());
      singles_blocking += s.blocking_pairs;
      reexaminations += s.couple_reexaminations;
      limits += s.couple_limit_reached;
      given_up += s.couples_given_up;
    }
  }
  for (std::uint64_t g = 0; g < 30; ++g) {
    const std::uint64_t seed = 5600 + g;
    test::RandomRoundOptions o = couple_options(seed, 100);
    o.taken_fraction = 0.05;
    const Round round =
        with_couples(test::random_round(o, seed), PostingRanking::kScore,
                     max_km_for(seed, o));
    const IndexedRound ir = index_round(round);
    const ShortlistDepth depth{1 + int(seed % 2), 1 + int(seed % 3)};
    deepenings +=
        stable(round.config, ir,
               build_shortlists(ir, depth.veteran_k, depth.posting_k), depth)
            .stability->deepening_rounds;
  }
  EXPECT_GT(placed, 0);
  EXPECT_GT(unplaced, 0);
  EXPECT_GT(couples_blocking, 0);
  EXPECT_GT(reexaminations, 0);
  EXPECT_GT(given_up, 0);
  EXPECT_GT(deepenings, 0);
  // Converged (no limit reached), no single is left blocking.
  EXPECT_EQ(limits, 0);
  EXPECT_EQ(singles_blocking, 0);
}

// Tight limits: couples give up after one displacement, or the application
// limit stops the procedure early; the outcome keeps every rule and says
// exactly what instability is left.
class LimitedCouplesTest : public ::testing::TestWithParam<int> {};

TEST_P(LimitedCouplesTest, OutcomeStillTogetherAndExact) {
  const std::uint64_t seed = 5800 + GetParam();
  const test::RandomRoundOptions o = couple_options(seed, 80);
  const Round round = with_couples(test::random_round(o, seed),
                                   PostingRanking::kScore, max_km_for(seed, o));
  const IndexedRound ir = index_round(round);
  const ShortlistDepth depth = stable_shortlist_depth(round.config);
  const Shortlists lists =
      build_shortlists(ir, depth.veteran_k, depth.posting_k);
  CouplesLimits limits;
  limits.max_displacements = 1;
  limits.applications_per_arc = 0;
  limits.applications_extra = 1 + std::int64_t(seed % 40);
  if (test::reference_couples(round).empty()) return;
  SCOPED_TRACE("seed " + std::to_string(seed));
  const PolicyOutcome out =
      couples_stable(round.config, ir, lists, depth, {}, limits);
  expect_couples_outcome(round, out);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LimitedCouplesTest, ::testing::Range(0, 30));

TEST(CouplesStableTest, LimitsAreReachedAndLeaveSinglesBlocking) {
  std::int64_t limits = 0, singles_blocking = 0;
  for (std::uint64_t g = 0; g < 30; ++g) {
    const std::uint64_t seed = 5800 + g;
    const test::RandomRoundOptions o = couple_options(seed, 80);
    const Round round =
        with_couples(test::random_round(o, seed), PostingRanking::kScore,
                     max_km_for(seed, o));
    if (test::reference_couples(round).empty()) continue;
    const IndexedRound ir = index_round(round);
    const ShortlistDepth depth = stable_shortlist_depth(round.config);
    CouplesLimits tight;
    tight.applications_per_arc = 0;
    tight.applications_extra = 1 + std::int64_t(seed % 40);
    const PolicyOutcome out =
        couples_stable(round.config, ir,
                       build_shortlists(ir, depth.veteran_k, depth.posting_k),
                       depth, {}, tight);
    limits += out.stability->couple_limit_reached;
    singles_blocking += out.stability->blocking_pairs;
  }
  EXPECT_GT(limits, 0);
  EXPECT_GT(singles_blocking, 0);
}

// Without couples in the round (nobody names anyone, or couples
// independent) the result is plain stable's: the textbook deferred
// acceptance, which with couples together keeps a veteran whose partner
// was placed before near the partner's posting (reference_anchors.h).
TEST(CouplesStableTest, NoCouplesIsPlainStable) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    test::RandomRoundOptions o = couple_options(seed + 5900, 60);
    const Round with = with_couples(test::random_round(o, seed + 5900),
                                    PostingRanking::kScore, 10.0);
    Round independent = with;
    independent.config.couples = CouplesRule::kIndependent;
    const test::Placement plain = test::reference_deferred_acceptance(
        independent, PostingRanking::kScore);
    EXPECT_EQ(placement_of(independent, run_round(independent).assignments),
              plain);
    if (test::reference_couples(with).empty()) {
      EXPECT_EQ(
          placement_of(with, run_round(with).assignments),
          test::reference_deferred_acceptance(with, PostingRanking::kScore));
    }
  }
}

Veteran person(std::string id, double lat, std::string partner = "") {
  Veteran v;
  v.id = std::move(id);
  v.location = {lat, 120.0};
  v.skills = {{"weld", 1.0}};
  v.partner = std::move(partner);
  return v;
}

Posting post(std::string id, double lat, int openings = 1) {
  Posting p;
  p.id = std::move(id);
  p.employer = "e";
  p.location = {lat, 120.0};
  p.skills = {{"weld", 1.0}};
  p.openings = openings;
  return p;
}

// A couple that cannot share a town stays out, and takes nothing alone;
// the single takes the posting the couple's better partner wanted.
TEST(CouplesStableTest, TooFarApartStaysOut) {
  Round round;
  round.veterans = {person("a", 30.0, "b"), person("b", 32.0, "a"),
                    person("s", 30.05)};
  round.postings = {post("p1", 30.0), post("p2", 32.0)};
  round = with_couples(round, PostingRanking::kScore, 50.0);
  const RoundResult r = run_round(round);
  const test::Placement placement = placement_of(round, r.assignments);
  EXPECT_EQ(placement, (test::Placement{-1, -1, 0}));
  ASSERT_TRUE(r.stability.has_value());
  EXPECT_EQ(r.stability->couples, 1);
  EXPECT_EQ(r.stability->couples_placed, 0);
  EXPECT_TRUE(r.stability->blocking_couples.empty());
  // With the couple independent both partners are placed.
  round.config.couples = CouplesRule::kIndependent;
  EXPECT_EQ(placement_of(round, run_round(round).assignments),
            (test::Placement{0, 1, -1}));
}

// A couple displaces a single from the posting it needs; the single goes
// on to the next posting. With max_km wide enough, the couple takes the
// two nearest postings (sum of scores).
TEST(CouplesStableTest, CoupleDisplacesSingle) {
  Round round;
  round.veterans = {person("a", 30.0, "b"), person("b", 30.0, "a"),
                    person("s", 30.015)};
  round.postings = {post("p1", 30.0, 2), post("p2", 30.04)};
  round = with_couples(round, PostingRanking::kScore, 10.0);
  const RoundResult r = run_round(round);
  // a and b both score best at p1 (two openings); s then takes p2.
  EXPECT_EQ(placement_of(round, r.assignments), (test::Placement{0, 0, 1}));
  EXPECT_EQ(r.stability->blocking_pairs, 0);
  EXPECT_TRUE(r.stability->blocking_couples.empty());
}

}  // namespace
}  // namespace vetmatch
