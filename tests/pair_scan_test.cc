// pairs_at_or_above() (engine/shortlist/pair_scan.h) against a brute-force
// pass over every pair with the exact rules and score (pair_eval.h): on
// seeded random rounds (varied sizes, geography, commute limits, ties,
// duplicates; a few with realistic skill dimensionality and ragged tiles)
// and the named edge cases, with floors drawn to hit the hard cases: no
// floor (-infinity), records left out (+infinity, NaN), floors equal to an
// exact pair score (the pair must be returned: the test is >=), and floors
// just above and below. Each round runs with 1 and 2 threads, with geo
// pruning on and off, and with both kernels; all must return exactly the
// reference's pairs, in (veteran, posting) order, with bitwise scores.
#include "engine/shortlist/pair_scan.h"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/scoring/pair_eval.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<ScoredPair> brute_force(const IndexedRound& ir,
                                    const std::vector<double>& vf,
                                    const std::vector<double>& pf) {
  std::vector<ScoredPair> out;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    for (std::int32_t p = 0; p < ir.n_postings; ++p) {
      if (std::isnan(vf[v]) || std::isnan(pf[p])) continue;
      const double km = exact_distance_km(ir, v, p);
      if (exact_eligibility(ir, v, p, km) != Ineligibility::kEligible) continue;
      const PairScore s = exact_score(ir, v, p, km);
      if (s.score >= vf[v] && s.score >= pf[p]) out.push_back({v, p, s});
    }
  }
  return out;
}

// Floors for one side: a mix of none, left out, exact pair scores (ties on
// the boundary), their float neighbours, and uniform values.
std::vector<double> draw_floors(std::size_t n,
                                const std::vector<double>& scores,
                                std::mt19937_64& rng, int style) {
  std::vector<double> out(n, -kInf);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (double& f : out) {
    const double r = unit(rng);
    if (style == 0) continue;  // no floors on this side
    if (r < 0.15) {
      f = -kInf;
    } else if (r < 0.22) {
      f = kInf;
    } else if (r < 0.25) {
      f = std::nan("");
    } else if (r < 0.7 && !scores.empty()) {
      f = scores[std::size_t(unit(rng) * scores.size()) % scores.size()];
      const double t = unit(rng);
      if (t < 0.2) f = std::nextafter(f, kInf);
      if (t > 0.8) f = std::nextafter(f, -kInf);
    } else {
      f = style == 1 ? unit(rng) : 0.3 + 0.6 * unit(rng);
    }
  }
  return out;
}

void expect_same(const std::vector<ScoredPair>& want,
                 const std::vector<ScoredPair>& got, const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (std::size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(want[i].veteran, got[i].veteran) << what << " at " << i;
    ASSERT_EQ(want[i].posting, got[i].posting) << what << " at " << i;
    ASSERT_EQ(0, std::memcmp(&want[i].score, &got[i].score, sizeof(PairScore)))
        << what << " at " << i;
  }
}

void check_round(const Round& round, std::uint64_t seed) {
  const IndexedRound ir = index_round(round);
  std::mt19937_64 rng(seed * 7919 + 1);
  // Exact scores of some eligible pairs, for floors on the boundary.
  std::vector<double> scores;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    for (std::int32_t p = 0; p < ir.n_postings; ++p) {
      if ((rng() & 7) != 0) continue;
      const double km = exact_distance_km(ir, v, p);
      if (exact_eligibility(ir, v, p, km) == Ineligibility::kEligible) {
        scores.push_back(exact_score(ir, v, p, km).score);
      }
    }
  }
  for (int trial = 0; trial < 3; ++trial) {
    const std::vector<double> vf =
        draw_floors(ir.n_veterans, scores, rng, trial == 2 ? 0 : 1 + trial);
    const std::vector<double> pf =
        draw_floors(ir.n_postings, scores, rng, trial == 0 ? 0 : 1 + trial % 2);
    const std::vector<ScoredPair> want = brute_force(ir, vf, pf);
    for (int threads : {1, 2}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                threads);
      for (bool geo : {true, false}) {
        for (bool portable : {false, true}) {
          for (bool bf16 : {false, true}) {
            PairScanOptions options;
            options.geo_pruning = geo;
            options.portable_kernel = portable;
            options.bf16 = bf16;
            expect_same(want, pairs_at_or_above(ir, vf, pf, options),
                        "seed " + std::to_string(seed) + " trial " +
                            std::to_string(trial) + " threads " +
                            std::to_string(threads) + " geo " +
                            std::to_string(geo) + " portable " +
                            std::to_string(portable) + " bf16 " +
                            std::to_string(bf16));
          }
        }
      }
    }
  }
}

TEST(PairScanTest, RandomRoundsEqualBruteForce) {
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    SCOPED_TRACE(seed);
    check_round(test::random_round(test::varied_options(seed, 150), seed),
                seed);
  }
}

TEST(PairScanTest, RealisticDimensionAndRaggedTiles) {
  for (std::uint64_t seed = 100; seed < 104; ++seed) {
    SCOPED_TRACE(seed);
    test::RandomRoundOptions o = test::varied_options(seed, 50);
    o.veterans = 790 + int(seed);  // past one block, ragged groups
    o.postings = 70 + int(seed);   // ragged panels
    o.skill_vocabulary = 240;
    o.skill_density = 0.05;
    o.box_degrees = 2.0;
    check_round(test::random_round(o, seed), seed);
  }
}

TEST(PairScanTest, EdgeCases) {
  std::uint64_t seed = 200;
  for (const test::NamedRound& named : test::edge_case_rounds()) {
    SCOPED_TRACE(named.name);
    check_round(named.round, seed++);
  }
}

TEST(PairScanTest, NoFloorsReturnsEveryEligiblePair) {
  const Round round = test::random_round(test::varied_options(7, 80), 7);
  const IndexedRound ir = index_round(round);
  const std::vector<double> vf(ir.n_veterans, -kInf);
  const std::vector<double> pf(ir.n_postings, -kInf);
  std::size_t eligible = 0;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    for (std::int32_t p = 0; p < ir.n_postings; ++p) {
      eligible += exact_eligibility(ir, v, p, exact_distance_km(ir, v, p)) ==
                  Ineligibility::kEligible;
    }
  }
  EXPECT_EQ(pairs_at_or_above(ir, vf, pf).size(), eligible);
}

}  // namespace
}  // namespace vetmatch
