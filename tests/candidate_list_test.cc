// CandidateList (candidate_list.h) and its scans (estimate_scan.h) against
// plain references: on random streams of offers, with ties, few distinct
// values, k larger than the stream, k = 0 and every tail length of the
// eight-item steps, the list's threshold never passes the k-th best
// estimate seen less the margin, and after finish() it keeps exactly the
// offered items at or above its threshold, among them every item within
// the margin of the k-th best.
#include "engine/shortlist/candidate_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "engine/shortlist/estimate_scan.h"

namespace vetmatch {
namespace {

std::vector<EstimatedId> random_items(std::mt19937& rng, std::size_t n,
                                      int distinct) {
  std::uniform_int_distribution<int> level(0, distinct - 1);
  std::vector<EstimatedId> items(n);
  for (std::size_t i = 0; i < n; ++i) {
    items[i] = {static_cast<float>(level(rng)) / distinct - 0.25f,
                static_cast<std::int32_t>(i)};
  }
  return items;
}

// Every length from 1 to 40 (all tails of the eight-item steps) and
// thresholds at, between and beyond the values.
TEST(EstimateScanTest, AgreesWithThePortableScans) {
  std::mt19937 rng(7);
  for (std::size_t n = 1; n <= 40; ++n) {
    for (int distinct : {1, 3, 1000}) {
      const std::vector<EstimatedId> items = random_items(rng, n, distinct);
      float lo = 0, hi = 0, lo_ref = 0, hi_ref = 0;
      estimate_scan::range(items.data(), n, lo, hi);
      estimate_scan::range_portable(items.data(), n, lo_ref, hi_ref);
      EXPECT_EQ(lo, lo_ref);
      EXPECT_EQ(hi, hi_ref);
      for (float x : {lo - 1.0f, lo, (lo + hi) / 2, hi, hi + 1.0f,
                      items[n / 2].estimate}) {
        EXPECT_EQ(estimate_scan::count_at_least(items.data(), n, x),
                  estimate_scan::count_at_least_portable(items.data(), n, x));
        std::vector<EstimatedId> a = items, b = items;
        const std::size_t kept = estimate_scan::keep_at_least(a.data(), n, x);
        ASSERT_EQ(kept, estimate_scan::keep_at_least_portable(b.data(), n, x));
        for (std::size_t i = 0; i < kept; ++i) {
          EXPECT_EQ(a[i].id, b[i].id) << "n " << n << " x " << x;
          EXPECT_EQ(a[i].estimate, b[i].estimate);
        }
      }
    }
  }
}

TEST(EstimateScanTest, KeepsInOrderAndCounts) {
  std::vector<EstimatedId> items = {{0.5f, 1}, {0.1f, 2}, {0.7f, 3},
                                    {0.5f, 4}, {0.2f, 5}, {0.9f, 6},
                                    {0.5f, 7}, {0.0f, 8}, {0.6f, 9}};
  EXPECT_EQ(estimate_scan::count_at_least(items.data(), items.size(), 0.5f),
            6u);
  const std::size_t kept =
      estimate_scan::keep_at_least(items.data(), items.size(), 0.5f);
  ASSERT_EQ(kept, 6u);
  const std::int32_t ids[] = {1, 3, 4, 6, 7, 9};
  for (std::size_t i = 0; i < kept; ++i) EXPECT_EQ(items[i].id, ids[i]);
}

// The k-th largest of `estimates` (-infinity when there are fewer).
float kth_best(std::vector<float> estimates, int k) {
  if (k == 0) return std::numeric_limits<float>::infinity();
  if (estimates.size() < static_cast<std::size_t>(k)) {
    return -std::numeric_limits<float>::infinity();
  }
  std::nth_element(estimates.begin(), estimates.begin() + (k - 1),
                   estimates.end(), std::greater<float>());
  return estimates[k - 1];
}

TEST(CandidateListTest, KeepsWhatTheContractAsksOnRandomStreams) {
  std::mt19937 rng(11);
  int streams = 0;
  for (int k : {0, 1, 2, 7, 10, 50, 64}) {
    for (std::size_t n : {0u, 1u, 9u, 50u, 75u, 76u, 77u, 400u, 3000u}) {
      for (int distinct : {2, 20, 100000}) {
        for (float margin : {0.0f, 1e-3f, 0.05f}) {
          ++streams;
          const std::vector<EstimatedId> offers =
              random_items(rng, n, distinct);
          CandidateList list(k, margin);
          std::vector<float> seen;
          for (const EstimatedId& o : offers) {
            list.offer(o.estimate, o.id);
            seen.push_back(o.estimate);
            // Never above the k-th best so far less the margin (checked
            // after every offer of the shorter streams).
            if (n > 400 && seen.size() % 97 != 0) continue;
            ASSERT_LE(list.threshold(), kth_best(seen, k) - margin)
                << "k " << k << " after " << seen.size() << " offers";
          }
          list.finish();
          const float kth = kth_best(seen, k);
          const float threshold = list.threshold();
          ASSERT_LE(threshold, kth - margin);
          // Kept: exactly the offers at or above the threshold, in offer
          // order; so every offer within the margin of the k-th best.
          std::vector<std::int32_t> expected;
          for (const EstimatedId& o : offers) {
            if (o.estimate >= threshold) expected.push_back(o.id);
            if (k > 0 && o.estimate >= kth - margin) {
              ASSERT_GE(o.estimate, threshold);
            }
          }
          std::vector<std::int32_t> kept;
          for (const EstimatedId& i : list.items()) kept.push_back(i.id);
          ASSERT_EQ(kept, expected) << "k " << k << " n " << n;
          // finish() tightens to within an eighth of the margin (or the
          // float spacing) of the final k-th best.
          if (k > 0 && n > static_cast<std::size_t>(k) && margin > 0) {
            EXPECT_GE(threshold, kth - margin - margin / 8 - 1e-6f);
          }
        }
      }
    }
  }
  EXPECT_EQ(streams, 7 * 9 * 3 * 3);
}

TEST(CandidateListTest, EdgeCases) {
  CandidateList none(0, 0.01f);
  EXPECT_FALSE(none.offer(1.0f, 1));
  EXPECT_TRUE(none.items().empty());

  // Fewer offers than k: all kept, threshold stays -infinity.
  CandidateList few(10, 0.01f);
  for (int i = 0; i < 9; ++i) few.offer(0.1f * i, i);
  few.finish();
  EXPECT_EQ(few.items().size(), 9u);
  EXPECT_EQ(few.threshold(), -std::numeric_limits<float>::infinity());

  // All tied: all kept, however many.
  CandidateList tied(5, 0.0f);
  for (int i = 0; i < 1000; ++i) tied.offer(0.5f, i);
  tied.finish();
  EXPECT_EQ(tied.items().size(), 1000u);
  EXPECT_EQ(tied.threshold(), 0.5f);
}

}  // namespace
}  // namespace vetmatch
