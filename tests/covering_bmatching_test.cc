// The covering b-matching (engine/assignment/covering_bmatching.h): bonus x
// covered nodes + weight. On seeded random graphs its value equals an
// exhaustive search's (tiny graphs) and LEMON's on a formulation of its own
// (tests/support/lemon_covering.h), with the bonus on either side; a
// lexicographic bonus covers as many nodes as any b-matching can; the
// solver's proof holds; bonus 0 is the plain b-matching.
#include "engine/assignment/covering_bmatching.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "tests/support/lemon_bmatching.h"
#include "tests/support/lemon_covering.h"

namespace vetmatch {
namespace {

BMatchingGraph random_graph(std::uint64_t seed, int max_left, int max_right,
                            double density) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  BMatchingGraph g;
  g.left_count = std::int32_t(uniform(0, max_left));
  g.right_count = std::int32_t(uniform(0, max_right));
  const int weight_kind = int(uniform(0, 2));
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    g.left_capacity.push_back(std::int32_t(uniform(0, 3)));
  }
  for (std::int32_t r = 0; r < g.right_count; ++r) {
    g.right_capacity.push_back(std::int32_t(uniform(0, 3)));
  }
  g.arc_begin.push_back(0);
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int32_t r = 0; r < g.right_count; ++r) {
      if (std::uniform_real_distribution<double>(0, 1)(rng) >= density) {
        continue;
      }
      g.arc_right.push_back(r);
      std::int64_t w = 0;
      if (weight_kind == 0) w = uniform(1, 4);  // many ties
      if (weight_kind == 1) w = uniform(1, 1'048'576);
      if (weight_kind == 2) w = uniform(-2, 3);  // zero and negative
      g.arc_weight.push_back(w);
    }
    g.arc_begin.push_back(std::int64_t(g.arc_right.size()));
  }
  return g;
}

// The transpose: right nodes become left nodes.
BMatchingGraph transpose(const BMatchingGraph& g) {
  BMatchingGraph t;
  t.left_count = g.right_count;
  t.right_count = g.left_count;
  t.left_capacity = g.right_capacity;
  t.right_capacity = g.left_capacity;
  std::vector<std::vector<std::pair<std::int32_t, std::int64_t>>> rows(
      g.right_count);
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      rows[g.arc_right[a]].push_back({l, g.arc_weight[a]});
    }
  }
  t.arc_begin.push_back(0);
  for (const auto& row : rows) {
    for (const auto& [l, w] : row) {
      t.arc_right.push_back(l);
      t.arc_weight.push_back(w);
    }
    t.arc_begin.push_back(std::int64_t(t.arc_right.size()));
  }
  return t;
}

struct Value {
  std::int64_t covered = 0;
  __int128 weight = 0;
};

// Every subset of arcs within the capacities: the best bonus x covered left
// nodes + weight.
Value exhaustive(const BMatchingGraph& g, std::int64_t bonus) {
  const std::int64_t arcs = g.arc_count();
  std::vector<std::int32_t> arc_left(arcs);
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      arc_left[a] = l;
    }
  }
  Value best;
  __int128 best_total = 0;
  for (std::uint32_t mask = 0; mask < (1u << arcs); ++mask) {
    std::vector<std::int32_t> left(g.left_count, 0), right(g.right_count, 0);
    Value v;
    bool ok = true;
    for (std::int64_t a = 0; a < arcs && ok; ++a) {
      if (!(mask & (1u << a))) continue;
      ok = ++left[arc_left[a]] <= g.left_capacity[arc_left[a]] &&
           ++right[g.arc_right[a]] <= g.right_capacity[g.arc_right[a]];
      v.weight += g.arc_weight[a];
    }
    if (!ok) continue;
    for (std::int32_t c : left) v.covered += c > 0 ? 1 : 0;
    const __int128 total = __int128(bonus) * v.covered + v.weight;
    if (total > best_total) {
      best_total = total;
      best = v;
    }
  }
  return best;
}

__int128 total(std::int64_t bonus, std::int64_t covered, __int128 weight) {
  return __int128(bonus) * covered + weight;
}

// A lexicographic bonus for the graph: more than any difference of total
// weights (negative weights count too).
std::int64_t lexicographic_bonus(const BMatchingGraph& g) {
  std::int64_t sum = 0;
  for (std::int64_t w : g.arc_weight) sum += w > 0 ? w : -w;
  return sum + 1;
}

TEST(CoveringBMatchingTest, EqualsExhaustiveSearchOnTinyGraphs) {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    const BMatchingGraph g = random_graph(seed, 4, 4, 0.5);
    if (g.arc_count() > 12) continue;
    for (std::int64_t bonus :
         {std::int64_t{0}, std::int64_t{3}, lexicographic_bonus(g)}) {
      SCOPED_TRACE(::testing::Message()
                   << "seed " << seed << " bonus " << bonus);
      const CoveringSolution s = solve_covering_bmatching(g, bonus);
      const Value want = exhaustive(g, bonus);
      EXPECT_TRUE(total(bonus, s.covered, s.weight) ==
                  total(bonus, want.covered, want.weight));
      EXPECT_TRUE(s.proven);
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(CoveringBMatchingTest, EqualsLemonOnEitherSide) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const BMatchingGraph g = random_graph(seed, 25, 25, 0.25);
    const std::int64_t bonus =
        seed % 3 == 0 ? std::int64_t(seed % 7) : lexicographic_bonus(g);
    const test::LemonCovering lemon = test::lemon_covering_bmatching(g, bonus);
    const CoveringSolution left = solve_covering_bmatching(g, bonus);
    EXPECT_TRUE(total(bonus, left.covered, left.weight) ==
                total(bonus, lemon.covered, lemon.weight));
    EXPECT_TRUE(left.proven);
    // The same problem with the graph transposed and the bonus on the
    // right; arc_used comes back by the given (transposed) graph's arcs.
    const BMatchingGraph t = transpose(g);
    const CoveringSolution right =
        solve_covering_bmatching(t, bonus, CoverSide::kRight);
    EXPECT_TRUE(total(bonus, right.covered, right.weight) ==
                total(bonus, lemon.covered, lemon.weight));
    EXPECT_TRUE(right.proven);
    if (bonus == lexicographic_bonus(g)) {
      EXPECT_EQ(left.covered, lemon.covered);
      EXPECT_TRUE(left.weight == lemon.weight);
      EXPECT_EQ(right.covered, lemon.covered);
    }
    // Capacities hold on the arcs reported.
    std::vector<std::int32_t> load_l(t.left_count, 0), load_r(t.right_count);
    for (std::int32_t l = 0; l < t.left_count; ++l) {
      for (std::int64_t a = t.arc_begin[l]; a < t.arc_begin[l + 1]; ++a) {
        if (!right.arc_used[a]) continue;
        ++load_l[l];
        ++load_r[t.arc_right[a]];
      }
    }
    for (std::int32_t l = 0; l < t.left_count; ++l) {
      EXPECT_LE(load_l[l], t.left_capacity[l]);
    }
    for (std::int32_t r = 0; r < t.right_count; ++r) {
      EXPECT_LE(load_r[r], t.right_capacity[r]);
    }
  }
}

TEST(CoveringBMatchingTest, BonusZeroIsThePlainBMatching) {
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const BMatchingGraph g = random_graph(seed, 20, 20, 0.3);
    const CoveringSolution s = solve_covering_bmatching(g, 0);
    const test::LemonSolution lemon =
        test::lemon_bmatching(g, test::LemonAlgorithm::kNetworkSimplex);
    EXPECT_TRUE(s.weight == lemon.weight) << "seed " << seed;
    EXPECT_EQ(covering_gadget(g, 0).right_count, g.right_count);
  }
}

TEST(CoveringBMatchingTest, GadgetAddsOnePrivateNodePerCoverableNode) {
  BMatchingGraph g;
  g.left_count = 3;
  g.right_count = 1;
  g.left_capacity = {3, 1, 2};
  g.right_capacity = {2};
  g.arc_begin = {0, 1, 2, 2};  // node 2 has no arc: nothing to cover
  g.arc_right = {0, 0};
  g.arc_weight = {5, 7};
  const BMatchingGraph left = covering_gadget(g, 100);
  EXPECT_EQ(left.right_count, 2);  // only node 0 has cap >= 2 and an arc
  EXPECT_EQ(left.right_capacity[1], 2);
  EXPECT_EQ(left.arc_weight,
            (std::vector<std::int64_t>{105, 100, 100, 107}));  // 2 parallel
  const BMatchingGraph right = covering_gadget(g, 100, CoverSide::kRight);
  EXPECT_EQ(right.left_count, 4);  // right node 0 (cap 2) gets a private
  EXPECT_EQ(right.left_capacity[3], 1);
  // Both left nodes want the one right node of capacity 2; covering both
  // is worth 2 x 100 + 12.
  const CoveringSolution s = solve_covering_bmatching(g, 100);
  EXPECT_EQ(s.covered, 2);
  EXPECT_TRUE(s.weight == 12);
}

TEST(CoveringBMatchingTest, RefusesBadInput) {
  BMatchingGraph g;
  g.left_count = 1;
  g.right_count = 1;
  g.left_capacity = {1};
  g.right_capacity = {1};
  g.arc_begin = {0, 1};
  g.arc_right = {0};
  g.arc_weight = {std::int64_t{1} << 59};
  EXPECT_THROW(solve_covering_bmatching(g, -1), std::invalid_argument);
  EXPECT_THROW(solve_covering_bmatching(g, std::int64_t{1} << 60),
               std::invalid_argument);
  g.arc_right = {3};
  EXPECT_THROW(solve_covering_bmatching(g, 1), std::invalid_argument);
}

}  // namespace
}  // namespace vetmatch
