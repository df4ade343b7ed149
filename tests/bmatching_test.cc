// The b-matching solver (engine/assignment/bmatching.h) on seeded random
// graphs: its weight equals LEMON NetworkSimplex's on the same graph
// (tests/support/lemon_bmatching.h), an exhaustive search's on tiny
// graphs, its duals pass check_bmatching() (the optimality proof), and bad
// graphs are refused. Graphs have ties (weights from small sets), zero and
// negative weights, zero capacities and right capacities above 1.
#include "engine/assignment/bmatching.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "engine/assignment/bmatching_check.h"
#include "tests/support/lemon_bmatching.h"

namespace vetmatch {
namespace {

struct GraphShape {
  int max_left = 12;
  int max_right = 20;
  int max_left_capacity = 4;
  int max_right_capacity = 1;
  double density = 0.3;
};

BMatchingGraph random_graph(const GraphShape& shape, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  BMatchingGraph g;
  g.left_count = std::int32_t(uniform(0, shape.max_left));
  g.right_count = std::int32_t(uniform(0, shape.max_right));
  // Weights: a small set (many ties), a wide range, or big-M plus a little
  // (the coverage_first form).
  const int weight_kind = int(uniform(0, 2));
  const std::int64_t big = std::int64_t{1} << 40;
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    g.left_capacity.push_back(
        std::int32_t(uniform(0, shape.max_left_capacity)));
  }
  for (std::int32_t r = 0; r < g.right_count; ++r) {
    g.right_capacity.push_back(std::int32_t(
        uniform(0, 9) == 0 ? 0 : uniform(1, shape.max_right_capacity)));
  }
  g.arc_begin.push_back(0);
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int32_t r = 0; r < g.right_count; ++r) {
      if (std::uniform_real_distribution<double>(0, 1)(rng) >= shape.density) {
        continue;
      }
      g.arc_right.push_back(r);
      std::int64_t w = 0;
      if (weight_kind == 0) w = uniform(-1, 4);
      if (weight_kind == 1) w = uniform(0, 1'000'000);
      if (weight_kind == 2) w = big + uniform(0, 3);
      g.arc_weight.push_back(w);
    }
    g.arc_begin.push_back(std::int64_t(g.arc_right.size()));
  }
  return g;
}

__int128 weight_of(const BMatchingGraph& g, const BMatchingSolution& s) {
  __int128 total = 0;
  for (std::int64_t a = 0; a < g.arc_count(); ++a) {
    if (s.arc_used[a]) total += g.arc_weight[a];
  }
  return total;
}

// Every subset of arcs within the capacities; the best weight.
__int128 exhaustive_best(const BMatchingGraph& g) {
  const std::int64_t arcs = g.arc_count();
  std::vector<std::int32_t> arc_left(arcs);
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      arc_left[a] = l;
    }
  }
  __int128 best = 0;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << arcs); ++mask) {
    std::vector<int> left(g.left_count, 0), right(g.right_count, 0);
    __int128 total = 0;
    bool ok = true;
    for (std::int64_t a = 0; a < arcs && ok; ++a) {
      if (!(mask >> a & 1)) continue;
      ok = ++left[arc_left[a]] <= g.left_capacity[arc_left[a]] &&
           ++right[g.arc_right[a]] <= g.right_capacity[g.arc_right[a]];
      total += g.arc_weight[a];
    }
    if (ok && total > best) best = total;
  }
  return best;
}

// Returns the arcs used.
std::int64_t expect_optimal(const BMatchingGraph& g, std::uint64_t seed) {
  const BMatchingSolution s = solve_bmatching(g);
  const BMatchingCheck check = check_bmatching(g, s);
  EXPECT_TRUE(check.ok) << "seed " << seed << ": " << check.problem;
  const test::LemonSolution lemon =
      test::lemon_bmatching(g, test::LemonAlgorithm::kNetworkSimplex);
  EXPECT_TRUE(weight_of(g, s) == lemon.weight) << "seed " << seed;
  EXPECT_EQ(s.used_arcs, std::count(s.arc_used.begin(), s.arc_used.end(), 1));
  return s.used_arcs;
}

TEST(BMatching, EqualsLemonOnRandomGraphs) {
  std::int64_t used = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    GraphShape shape;
    if (seed % 4 == 1) shape.max_right_capacity = 3;
    if (seed % 5 == 2) shape.density = 0.8;
    if (seed % 7 == 3) shape = {40, 120, 20, 1, 0.1};
    used += expect_optimal(random_graph(shape, seed), seed);
  }
  EXPECT_GT(used, 400 * 5);  // the graphs are not trivial
}

TEST(BMatching, EqualsExhaustiveSearchOnTinyGraphs) {
  int searched = 0;
  for (std::uint64_t seed = 1000; seed < 1400; ++seed) {
    GraphShape shape{5, 6, 2, 2, 0.5};
    const BMatchingGraph g = random_graph(shape, seed);
    if (g.arc_count() > 15) continue;
    const BMatchingSolution s = solve_bmatching(g);
    ASSERT_TRUE(check_bmatching(g, s).ok) << "seed " << seed;
    EXPECT_TRUE(weight_of(g, s) == exhaustive_best(g)) << "seed " << seed;
    searched += s.used_arcs > 1;
  }
  EXPECT_GT(searched, 100);  // most tiny graphs are not trivial
}

TEST(BMatching, CheckRejectsAWrongSolution) {
  const BMatchingGraph g = random_graph({6, 8, 2, 1, 0.6}, 7);
  BMatchingSolution s = solve_bmatching(g);
  ASSERT_TRUE(check_bmatching(g, s).ok);
  ASSERT_GT(g.arc_count(), 0);
  // Dropping every used arc keeps the duals but breaks slackness.
  BMatchingSolution empty = s;
  std::fill(empty.arc_used.begin(), empty.arc_used.end(), 0);
  if (s.used_arcs > 0) {
    EXPECT_FALSE(check_bmatching(g, empty).ok);
  }
  BMatchingSolution low = s;
  std::fill(low.left_dual.begin(), low.left_dual.end(), 0);
  std::fill(low.right_dual.begin(), low.right_dual.end(), 0);
  EXPECT_FALSE(check_bmatching(g, low).ok);
}

TEST(BMatching, EdgeCases) {
  BMatchingGraph empty;
  empty.arc_begin = {0};
  EXPECT_EQ(solve_bmatching(empty).used_arcs, 0);
  // One left node of capacity 0.
  BMatchingGraph zero;
  zero.left_count = 1;
  zero.right_count = 1;
  zero.left_capacity = {0};
  zero.right_capacity = {1};
  zero.arc_begin = {0, 1};
  zero.arc_right = {0};
  zero.arc_weight = {5};
  const BMatchingSolution s = solve_bmatching(zero);
  EXPECT_EQ(s.used_arcs, 0);
  EXPECT_TRUE(check_bmatching(zero, s).ok);
  // Bad graphs are refused.
  BMatchingGraph bad = zero;
  bad.arc_right = {1};
  EXPECT_THROW(solve_bmatching(bad), std::invalid_argument);
  bad = zero;
  bad.arc_weight = {std::int64_t{1} << 62};
  EXPECT_THROW(solve_bmatching(bad), std::invalid_argument);
}

}  // namespace
}  // namespace vetmatch
