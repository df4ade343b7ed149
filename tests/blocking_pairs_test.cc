// count_blocking_pairs() against the brute-force count
// (tests/reference/reference_stable.h) on seeded random rounds, for the
// outcomes of points_order, of stable and of random feasible assignments,
// under both posting rankings; without shortlists, with shortlists of
// random depths (what they prove is checked one by one, the rest scanned),
// with scans cut into chunks of a single veteran, and with veterans left
// out; 1 vs 2 threads the same.
#include "engine/quality/blocking_pairs.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <random>
#include <string>
#include <vector>

#include "engine/round/run_round.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_stable.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

// Each veteran of the round, in a random order, takes a random eligible
// posting with an opening left, or nothing.
std::vector<Assignment> random_assignment(const Round& round,
                                          std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const test::ReferenceRound ref(round);
  std::vector<VeteranIndex> order = test::reference_veterans_by_id(round);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<int> left(round.postings.size());
  for (PostingIndex p = 0; p < PostingIndex(left.size()); ++p) {
    left[p] = ref.openings_left(p);
  }
  std::vector<Assignment> out;
  for (VeteranIndex v : order) {
    if (rng() % 4 == 0) continue;
    std::vector<test::ScoredPair> open;
    for (const test::ScoredPair& e : ref.eligible_postings(v)) {
      if (left[e.index] > 0) open.push_back(e);
    }
    if (open.empty()) continue;
    const test::ScoredPair& pick = open[rng() % open.size()];
    --left[pick.index];
    Assignment a;
    a.veteran = v;
    a.posting = pick.index;
    a.score = pick.score;
    out.push_back(a);
  }
  return out;
}

test::Placement placement_of(const Round& round,
                             const std::vector<Assignment>& assignments) {
  test::Placement placement(round.veterans.size(), -1);
  for (const Assignment& a : assignments) placement[a.veteran] = a.posting;
  return placement;
}

void expect_count(const Round& round, const IndexedRound& ir,
                  const std::vector<Assignment>& assignments,
                  const BlockingPairOptions& options,
                  const std::vector<bool>& skip = {}) {
  const std::vector<std::int64_t> want =
      test::reference_blocking_pairs_by_veteran(
          round, placement_of(round, assignments), options.ranking, skip);
  std::int64_t pairs = 0, veterans = 0;
  for (std::int64_t c : want) {
    pairs += c;
    veterans += c > 0;
  }
  for (int threads : {1, 2}) {
    oneapi::tbb::global_control limit(
        oneapi::tbb::global_control::max_allowed_parallelism, threads);
    const BlockingPairCount got =
        count_blocking_pairs(ir, assignments, options);
    EXPECT_EQ(got.pairs, pairs) << threads << " threads";
    EXPECT_EQ(got.veterans, veterans) << threads << " threads";
  }
}

class BlockingPairsTest : public ::testing::TestWithParam<int> {};

TEST_P(BlockingPairsTest, EqualsBruteForce) {
  const std::uint64_t seed = 4400 + GetParam();
  test::RandomRoundOptions o = test::varied_options(seed, 70);
  o.max_openings = std::vector<int>{1, 3, 20}[seed % 3];
  Round round = test::random_round(o, seed);
  const IndexedRound ir = index_round(round);
  std::mt19937_64 rng(seed);
  const int k1 = int(rng() % 6), k2 = int(rng() % 6);
  const Shortlists lists = build_shortlists(ir, k1, k2);

  for (PostingRanking ranking :
       {PostingRanking::kScore, PostingRanking::kPoints}) {
    round.config.posting_ranking = ranking;
    RunOptions points;
    points.policy = PolicyKind::kPointsOrder;
    RunOptions stable;
    stable.policy = PolicyKind::kStable;
    const std::vector<std::vector<Assignment>> outcomes = {
        run_round(round, points).assignments,
        run_round(round, stable).assignments,
        random_assignment(round, seed),
        {}};
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " ranking " +
                   std::string(to_string(ranking)) + " outcome " +
                   std::to_string(i) + " lists " + std::to_string(k1) + "/" +
                   std::to_string(k2));
      BlockingPairOptions options;
      options.ranking = ranking;
      expect_count(round, ir, outcomes[i], options);
      options.shortlists = &lists;
      options.veteran_k = k1;
      options.posting_k = k2;
      expect_count(round, ir, outcomes[i], options);
      options.veterans_per_scan = 1;
      expect_count(round, ir, outcomes[i], options);
      // Lists of each posting's own depth (as optimal asks for them).
      {
        BlockingPairOptions each = options;
        ShortlistOptions depth;
        depth.veteran_k = k1;
        depth.posting_k = 0;
        for (std::int32_t p = 0; p < ir.n_postings; ++p) {
          depth.posting_k_each.push_back(int(rng() % 8));
          depth.posting_k = std::max(depth.posting_k, depth.posting_k_each[p]);
        }
        const Shortlists deep = build_shortlists(ir, depth);
        each.shortlists = &deep;
        each.posting_k = depth.posting_k;
        each.posting_k_each = depth.posting_k_each;
        expect_count(round, ir, outcomes[i], each);
      }
      // Some veterans left out as a pair's veteran.
      std::vector<bool> skip(round.veterans.size());
      options.skip_veteran.assign(round.veterans.size(), 0);
      for (std::size_t v = 0; v < skip.size(); ++v) {
        skip[v] = rng() % 3 == 0;
        options.skip_veteran[v] = skip[v];
      }
      expect_count(round, ir, outcomes[i], options, skip);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, BlockingPairsTest, ::testing::Range(0, 60));

// The points_order outcome is stable under the points ranking (serial
// dictatorship), and a stable outcome has none under its own ranking.
TEST(BlockingPairsTest, StableOutcomesHaveNone) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    Round round = test::random_round(test::varied_options(seed + 77), seed);
    const IndexedRound ir = index_round(round);
    BlockingPairOptions options;
    options.ranking = PostingRanking::kPoints;
    EXPECT_EQ(
        count_blocking_pairs(ir, run_round(round).assignments, options).pairs,
        0);
    round.config.policy = PolicyKind::kStable;
    options.ranking = PostingRanking::kScore;
    EXPECT_EQ(
        count_blocking_pairs(ir, run_round(round).assignments, options).pairs,
        0);
  }
}

// Nobody placed: every eligible pair blocks.
TEST(BlockingPairsTest, EmptyOutcomeCountsEveryEligiblePair) {
  const Round round = test::random_round(test::varied_options(5), 5);
  const IndexedRound ir = index_round(round);
  const test::ReferenceRound ref(round);
  std::int64_t eligible = 0;
  for (VeteranIndex v : test::reference_veterans_by_id(round)) {
    eligible += std::int64_t(ref.eligible_postings(v).size());
  }
  EXPECT_EQ(count_blocking_pairs(ir, {}, {}).pairs, eligible);
}

}  // namespace
}  // namespace vetmatch
