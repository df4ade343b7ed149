// deeper_posting_lists() against build_shortlists(): for chosen postings
// at depths of their own, the same lists bit for bit as the shortlist pass
// builds at that depth (which shortlist_exactness_test checks against the
// brute force), with and without the dense veteran matrix, on seeded
// random rounds with ties, commute limits on the boundary, declines and
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

std::vector<DepthRequest> some_requests(const IndexedRound& ir,
                                        std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<DepthRequest> requests;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (rng() % 3 == 0) continue;
    const int depth = static_cast<int>(rng() % (ir.n_veterans + 3));
    requests.push_back({p, depth});
  }
  return requests;
}

void expect_lists_equal(const IndexedRound& ir,
                        const std::vector<DepthRequest>& requests,
                        const std::vector<std::vector<Rescored>>& got) {
  ASSERT_EQ(got.size(), requests.size());
  for (std::size_t j = 0; j < requests.size(); ++j) {
    const DepthRequest& r = requests[j];
    const Shortlists want = build_shortlists(ir, 0, r.depth);
    const auto list = want.of_posting(ir.posting_of[r.posting]);
    ASSERT_EQ(got[j].size(), list.size())
        << "posting slot " << r.posting << " depth " << r.depth;
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(ir.veteran_of[got[j][i].slot], list[i].index)
          << "posting slot " << r.posting << " entry " << i;
      EXPECT_EQ(got[j][i].score.score, list[i].score.score);
      EXPECT_EQ(got[j][i].score.skill, list[i].score.skill);
      EXPECT_EQ(got[j][i].score.distance_km, list[i].score.distance_km);
    }
  }
}

class DeeperListsTest : public ::testing::TestWithParam<int> {};

TEST_P(DeeperListsTest, EqualShortlistPassAtThatDepth) {
  const std::uint64_t seed = 3100 + GetParam();
  test::RandomRoundOptions o = test::varied_options(seed, 120);
  o.max_openings = 4;
  const Round round = test::random_round(o, seed);
  const IndexedRound ir = index_round(round);
  const std::vector<DepthRequest> requests = some_requests(ir, seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::vector<std::vector<Rescored>> one, two;
  {
    oneapi::tbb::global_control limit(
        oneapi::tbb::global_control::max_allowed_parallelism, 1);
    one = deeper_posting_lists(ir, requests);
  }
  {
    oneapi::tbb::global_control limit(
        oneapi::tbb::global_control::max_allowed_parallelism, 2);
    two = deeper_posting_lists(ir, requests);
  }
  expect_lists_equal(ir, requests, one);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t j = 0; j < one.size(); ++j) {
    ASSERT_EQ(one[j].size(), two[j].size());
    for (std::size_t i = 0; i < one[j].size(); ++i) {
      EXPECT_EQ(one[j][i].slot, two[j][i].slot);
      EXPECT_EQ(one[j][i].score.score, two[j][i].score.score);
    }
  }
  // Without the dense veteran matrix (a streamed index leaves it out), the
  // rows are rebuilt from the sparse ones.
  IndexedRound sparse_only = ir;
  sparse_only.veteran_matrix.resize(0, 0);
  expect_lists_equal(ir, requests, deeper_posting_lists(sparse_only, requests));
}

INSTANTIATE_TEST_SUITE_P(Seeds, DeeperListsTest, ::testing::Range(0, 40));

TEST(DeeperListsTest, NoRequestsOrNoVeterans) {
  const Round round = test::round_without_veterans(3);
  const IndexedRound ir = index_round(round);
  const std::vector<DepthRequest> requests = {{0, 5}};
  const auto lists = deeper_posting_lists(ir, requests);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_TRUE(lists[0].empty());
  EXPECT_TRUE(deeper_posting_lists(ir, {}).empty());
}

}  // namespace
}  // namespace vetmatch
