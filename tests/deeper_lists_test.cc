// ListDeepener against build_shortlists(): for chosen postings (and chosen
// veterans) at depths of their own, the same lists bit for bit as the
// shortlist pass builds at that depth (which shortlist_exactness_test checks
// against the brute force), with and without the dense veteran matrix, on
// seeded random rounds with ties, commute limits on the boundary, declines and
// postings without openings; and 1 vs 2 threads identical.
#include "engine/shortlist/deeper_lists.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <random>
#include <string>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

std::vector<DepthRequest> some_requests(std::int32_t owners,
                                        std::int32_t partners,
                                        std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<DepthRequest> requests;
  for (std::int32_t o = 0; o < owners; ++o) {
    if (rng() % 3 == 0) continue;
    const int depth = static_cast<int>(rng() % (partners + 3));
    requests.push_back({o, depth});
  }
  return requests;
}

// `got[j]` is request j's list; the shortlist pass at that depth is the
// expectation.
void expect_lists_equal(const IndexedRound& ir, bool postings,
                        const std::vector<DepthRequest>& requests,
                        const std::vector<std::vector<Rescored>>& got) {
  ASSERT_EQ(got.size(), requests.size());
  for (std::size_t j = 0; j < requests.size(); ++j) {
    const DepthRequest& r = requests[j];
    const Shortlists want = postings ? build_shortlists(ir, 0, r.depth)
                                     : build_shortlists(ir, r.depth, 0);
    const auto list = postings ? want.of_posting(ir.posting_of[r.owner])
                               : want.of_veteran(ir.veteran_of[r.owner]);
    const std::vector<std::int32_t>& index_of =
        postings ? ir.veteran_of : ir.posting_of;
    ASSERT_EQ(got[j].size(), list.size())
        << (postings ? "posting" : "veteran") << " slot " << r.owner
        << " depth " << r.depth;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(index_of[got[j][i].slot], list[i].index)
          << "slot " << r.owner << " entry " << i;
      EXPECT_EQ(got[j][i].score.score, list[i].score.score);
      EXPECT_EQ(got[j][i].score.skill, list[i].score.skill);
      EXPECT_EQ(got[j][i].score.distance_km, list[i].score.distance_km);
    }
  }
}

std::vector<std::vector<Rescored>> lists_with_threads(
    const IndexedRound& ir, bool postings,
    const std::vector<DepthRequest>& requests, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  ListDeepener deepener(ir);
  return postings ? deepener.posting_lists(requests)
                  : deepener.veteran_lists(requests);
}

class DeeperListsTest : public ::testing::TestWithParam<int> {};

TEST_P(DeeperListsTest, EqualShortlistPassAtThatDepth) {
  const std::uint64_t seed = 3100 + GetParam();
  test::RandomRoundOptions o = test::varied_options(seed, 120);
  o.max_openings = 4;
  const Round round = test::random_round(o, seed);
  const IndexedRound ir = index_round(round);
  // Without the dense veteran matrix (a streamed index leaves it out), the
  // rows are rebuilt from the sparse ones.
  IndexedRound sparse_only = ir;
  sparse_only.veteran_matrix.resize(0, 0);
  for (bool postings : {true, false}) {
    const std::vector<DepthRequest> requests =
        postings ? some_requests(ir.n_postings, ir.n_veterans, seed)
                 : some_requests(ir.n_veterans, ir.n_postings, seed);
    SCOPED_TRACE("seed " + std::to_string(seed) +
                 (postings ? " postings' lists" : " veterans' lists"));
    const auto one = lists_with_threads(ir, postings, requests, 1);
    const auto two = lists_with_threads(ir, postings, requests, 2);
    expect_lists_equal(ir, postings, requests, one);
    ASSERT_EQ(one.size(), two.size());
    for (std::size_t j = 0; j < one.size(); ++j) {
      ASSERT_EQ(one[j].size(), two[j].size());
      for (std::size_t i = 0; i < one[j].size(); ++i) {
        EXPECT_EQ(one[j][i].slot, two[j][i].slot);
        EXPECT_EQ(one[j][i].score.score, two[j][i].score.score);
      }
    }
    expect_lists_equal(ir, postings, requests,
                       lists_with_threads(sparse_only, postings, requests, 2));
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, DeeperListsTest, ::testing::Range(0, 40));

TEST(DeeperListsTest, NoRequestsOrNoPartners) {
  const Round round = test::round_without_veterans(3);
  const IndexedRound ir = index_round(round);
  ListDeepener deepener(ir);
  const std::vector<DepthRequest> requests = {{0, 5}};
  const auto lists = deepener.posting_lists(requests);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_TRUE(lists[0].empty());
  EXPECT_TRUE(deepener.posting_lists({}).empty());
}

}  // namespace
}  // namespace vetmatch
