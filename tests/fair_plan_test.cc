// `fair plan` (engine/fair/plan.h) and the fit table it works from
// (engine/fair/fair_fits.h), on seeded random fairs and the named edge
// cases: the fit table equals the brute-force scorer's; no booth over its
// capacity, no veteran over their visit limit, every planned pair fits;
// the floor (veterans with a booth) and the total fit equal LEMON's
// optimum on an independent formulation (tests/support/lemon_covering.h);
// lists are in their documented orders; requested counts and short
// reasons are what their definitions say; the plan file is byte-identical
// with 1 and 2 threads.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <map>
#include <set>

#include "adapters/json/fair_plan_writer.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/plan.h"
#include "engine/policies/optimal_costs.h"
#include "tests/support/fair_reference.h"
#include "tests/support/lemon_covering.h"
#include "tests/support/random_fair.h"

namespace vetmatch {
namespace {

using test::RefFit;

test::RandomFairOptions options_for(std::uint64_t seed) {
  test::RandomFairOptions o;
  o.veterans = int(seed % 25);
  o.booths = 1 + int(seed % 6);
  o.pool = int(seed % 3);
  o.extra_postings = int(seed % 9);
  o.max_capacity = 1 + int(seed % 5);
  o.max_visits = 1 + int(seed % 3);
  return o;
}

void expect_fits_equal(const FairFits& fits,
                       const std::vector<std::vector<RefFit>>& ref) {
  ASSERT_EQ(std::size_t(fits.veteran_count()), ref.size());
  for (std::size_t v = 0; v < ref.size(); ++v) {
    const auto got = fits.of(VeteranIndex(v));
    ASSERT_EQ(got.size(), ref[v].size()) << "veteran " << v;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].unit, ref[v][i].unit);
      EXPECT_EQ(got[i].posting, ref[v][i].posting);
      EXPECT_EQ(got[i].score.score, ref[v][i].score.score);  // bitwise
      EXPECT_EQ(got[i].score.distance_km, ref[v][i].score.distance_km);
    }
  }
}

// The optimum by LEMON: veterans on the left (bonus per veteran covered),
// booths on the right, weights max(1, units) from the reference fits.
test::LemonCovering lemon_optimum(const Fair& fair,
                                  const std::vector<std::vector<RefFit>>& ref) {
  BMatchingGraph g;
  g.left_count = std::int32_t(ref.size());
  g.right_count = std::int32_t(fair.booths.size());
  g.left_capacity = fair.visit_limit;
  for (const Booth& b : fair.booths) g.right_capacity.push_back(b.capacity);
  g.arc_begin.push_back(0);
  std::int64_t slots = 1;
  for (std::size_t v = 0; v < ref.size(); ++v) {
    for (const RefFit& f : ref[v]) {
      if (f.unit >= g.right_count) continue;
      g.arc_right.push_back(f.unit);
      g.arc_weight.push_back(
          std::max<std::int64_t>(1, score_units(f.score.score)));
    }
    g.arc_begin.push_back(std::int64_t(g.arc_right.size()));
    slots += fair.visit_limit[v];
  }
  // Another lexicographic bonus than the plan's: 2^21 per possible pair.
  return test::lemon_covering_bmatching(g, slots << 21);
}

// Every documented property of a plan, checked from the definitions.
void check_plan(const Fair& fair, const FairPlan& plan,
                const std::vector<std::vector<RefFit>>& ref) {
  const std::int32_t booths = std::int32_t(fair.booths.size());
  const std::vector<Veteran>& vets = fair.round.veterans;
  std::map<std::pair<VeteranIndex, std::int32_t>, const RefFit*> fit;
  for (std::size_t v = 0; v < ref.size(); ++v) {
    for (const RefFit& f : ref[v]) {
      if (f.unit < booths) fit[{VeteranIndex(v), f.unit}] = &f;
    }
  }
  // Visits: each a fitting pair with its best posting, at most once.
  std::set<std::pair<VeteranIndex, std::int32_t>> seen;
  std::vector<std::int32_t> load(booths, 0), visits(vets.size(), 0);
  for (const Visit& visit : plan.visits) {
    const auto key = std::make_pair(visit.veteran, visit.booth);
    ASSERT_TRUE(fit.contains(key)) << "a planned pair that does not fit";
    EXPECT_TRUE(seen.insert(key).second) << "a pair planned twice";
    EXPECT_EQ(visit.posting, fit[key]->posting);
    EXPECT_EQ(visit.score.score, fit[key]->score.score);
    ++load[visit.booth];
    ++visits[visit.veteran];
  }
  std::int64_t units = 0;
  for (const Visit& visit : plan.visits) {
    units += std::max<std::int64_t>(1, score_units(visit.score.score));
  }
  EXPECT_EQ(units, plan.stats.total_fit_units);
  for (std::int32_t b = 0; b < booths; ++b) {
    EXPECT_LE(load[b], fair.booths[b].capacity) << "booth over capacity";
  }
  for (std::size_t v = 0; v < vets.size(); ++v) {
    EXPECT_LE(visits[v], fair.visit_limit[v]) << "veteran over limit";
  }
  // Booths in the fair's order, invites by fit desc then veteran id.
  ASSERT_EQ(plan.booths.size(), fair.booths.size());
  std::size_t listed = 0;
  for (std::int32_t b = 0; b < booths; ++b) {
    const BoothPlan& bp = plan.booths[b];
    EXPECT_EQ(bp.booth, b);
    EXPECT_EQ(bp.capacity, fair.booths[b].capacity);
    EXPECT_EQ(std::int32_t(bp.invites.size()), load[b]);
    listed += bp.invites.size();
    for (std::size_t i = 1; i < bp.invites.size(); ++i) {
      const Visit& a = plan.visits[bp.invites[i - 1]];
      const Visit& c = plan.visits[bp.invites[i]];
      EXPECT_TRUE(a.score.score > c.score.score ||
                  (a.score.score == c.score.score &&
                   vets[a.veteran].id < vets[c.veteran].id));
    }
    for (std::int32_t i : bp.invites) EXPECT_EQ(plan.visits[i].booth, b);
  }
  EXPECT_EQ(listed, plan.visits.size());
  // Requested, eligible and ranks from the definition.
  std::vector<std::int32_t> requested(booths, 0), eligible(booths, 0);
  std::map<std::pair<VeteranIndex, std::int32_t>, std::int32_t> rank;
  for (std::size_t v = 0; v < ref.size(); ++v) {
    std::vector<const RefFit*> mine;
    for (const RefFit& f : ref[v]) {
      if (f.unit < booths) mine.push_back(&f);
    }
    std::sort(mine.begin(), mine.end(), [&](const RefFit* a, const RefFit* c) {
      if (a->score.score != c->score.score) {
        return a->score.score > c->score.score;
      }
      return fair.booths[a->unit].id < fair.booths[c->unit].id;
    });
    for (std::size_t r = 0; r < mine.size(); ++r) {
      ++eligible[mine[r]->unit];
      if (r < std::size_t(fair.visit_limit[v])) ++requested[mine[r]->unit];
      rank[{VeteranIndex(v), mine[r]->unit}] = std::int32_t(r + 1);
    }
  }
  for (std::int32_t b = 0; b < booths; ++b) {
    EXPECT_EQ(plan.booths[b].requested, requested[b]);
    EXPECT_EQ(plan.booths[b].eligible, eligible[b]);
  }
  for (const Visit& visit : plan.visits) {
    EXPECT_EQ(visit.rank, (rank[{visit.veteran, visit.booth}]));
  }
  // Routes: every veteran once, in id order; booths by fit desc, booth id;
  // short reasons as defined.
  ASSERT_EQ(plan.routes.size(), vets.size());
  std::int64_t short_total = 0;
  for (std::size_t i = 0; i < plan.routes.size(); ++i) {
    const VeteranRoute& route = plan.routes[i];
    const VeteranIndex v = route.veteran;
    if (i > 0) {
      EXPECT_LT(vets[plan.routes[i - 1].veteran].id, vets[v].id);
    }
    EXPECT_EQ(route.limit, fair.visit_limit[v]);
    std::int32_t elig = 0;
    for (const RefFit& f : ref[v]) elig += f.unit < booths ? 1 : 0;
    EXPECT_EQ(route.eligible_booths, elig);
    EXPECT_EQ(std::int32_t(route.route.size()), visits[v]);
    for (std::size_t k = 1; k < route.route.size(); ++k) {
      const Visit& a = plan.visits[route.route[k - 1]];
      const Visit& c = plan.visits[route.route[k]];
      EXPECT_TRUE(a.score.score > c.score.score ||
                  (a.score.score == c.score.score &&
                   fair.booths[a.booth].id < fair.booths[c.booth].id));
    }
    const std::int32_t got = std::int32_t(route.route.size());
    if (got == route.limit) {
      EXPECT_EQ(route.short_reason, ShortReason::kNone);
      continue;
    }
    ++short_total;
    if (elig == 0) {
      EXPECT_EQ(route.short_reason, ShortReason::kNoEligibleBooth);
    } else if (got == elig) {
      EXPECT_EQ(route.short_reason, ShortReason::kFewerEligibleBooths);
    } else {
      EXPECT_EQ(route.short_reason, ShortReason::kBoothsFull);
      // Every fitting booth not on the route is full.
      for (const RefFit& f : ref[v]) {
        if (f.unit >= booths || seen.contains({v, f.unit})) continue;
        EXPECT_EQ(load[f.unit], fair.booths[f.unit].capacity)
            << "a fitting booth with room left to a veteran short of limit";
      }
    }
  }
  EXPECT_EQ(plan.congestion.veterans_short, short_total);
  EXPECT_EQ(plan.congestion.short_no_eligible_booth +
                plan.congestion.short_fewer_eligible_booths +
                plan.congestion.short_booths_full,
            short_total);
  EXPECT_TRUE(plan.stats.proven_optimal);
}

TEST(FairPlanTest, RandomFairsAreFeasibleOptimalAndOrdered) {
  int with_visits = 0;
  for (std::uint64_t seed = 1; seed <= 250; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    const Fair fair = test::random_fair(options_for(seed), seed);
    const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
    const FairFits fits = compute_fair_fits(fair);
    expect_fits_equal(fits, ref);
    const FairPlan plan = plan_fair(fair, fits);
    check_plan(fair, plan, ref);
    const test::LemonCovering lemon = lemon_optimum(fair, ref);
    EXPECT_EQ(plan.stats.all.planned, lemon.covered) << "the floor";
    EXPECT_TRUE(plan.stats.total_fit_units == lemon.weight) << "total fit";
    with_visits += plan.visits.empty() ? 0 : 1;
  }
  EXPECT_GT(with_visits, 150);
}

TEST(FairPlanTest, LargerFairsEqualLemon) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(::testing::Message() << "seed " << seed);
    test::RandomFairOptions o;
    o.veterans = 120;
    o.booths = 12;
    o.pool = 2;
    o.extra_postings = 40;
    o.max_capacity = 12;
    o.max_visits = 4;
    const Fair fair = test::random_fair(o, seed + 1000);
    const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
    const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
    check_plan(fair, plan, ref);
    const test::LemonCovering lemon = lemon_optimum(fair, ref);
    EXPECT_EQ(plan.stats.all.planned, lemon.covered);
    EXPECT_TRUE(plan.stats.total_fit_units == lemon.weight);
  }
}

TEST(FairPlanTest, EdgeCases) {
  for (std::uint64_t seed : {3u, 4u}) {
    for (const test::NamedFair& named : test::edge_case_fairs(seed)) {
      SCOPED_TRACE(named.name);
      const Fair& fair = named.fair;
      const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
      const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
      check_plan(fair, plan, ref);
      const test::LemonCovering lemon = lemon_optimum(fair, ref);
      EXPECT_EQ(plan.stats.all.planned, lemon.covered);
      if (named.name == "zero_capacity" || named.name == "all_ineligible" ||
          named.name == "no_booths" || named.name == "no_veterans") {
        EXPECT_TRUE(plan.visits.empty());
      }
      if (named.name == "all_ineligible") {
        EXPECT_EQ(plan.congestion.short_no_eligible_booth,
                  std::int64_t(fair.round.veterans.size()));
      }
      if (named.name == "all_tied") {
        // Equal fits everywhere: each booth invites the lowest veteran
        // ids it can, and the floor covers min(veterans, capacity).
        std::int64_t capacity = 0;
        for (const Booth& b : fair.booths) capacity += b.capacity;
        EXPECT_EQ(plan.stats.all.planned,
                  std::min<std::int64_t>(
                      capacity, std::int64_t(fair.round.veterans.size())));
      }
    }
  }
}

TEST(FairPlanTest, FloorBeatsTotalFit) {
  // Two veterans, one booth of capacity 1 and one of capacity 1: A fits
  // both booths well, B fits only booth x, badly. The best total fit sends
  // A to both; the floor sends B to x and A to y.
  test::RandomFairOptions o;
  o.veterans = 2;
  o.booths = 2;
  o.extra_postings = 0;
  Fair fair = test::random_fair(o, 7);
  Round& r = fair.round;
  for (Veteran& v : r.veterans) {
    v.skills = {{"a", 1.0}};
    v.location = {36.0, 114.0};
    v.wants = kAllPostingKinds;
    v.group = Group::kSoldier;
    v.max_commute_km.reset();
    v.industries.clear();
    v.certificates.clear();
  }
  r.veterans[1].skills = {{"b", 1.0}};
  for (Posting& p : r.postings) {
    p.skills = {{"a", 1.0}};
    p.location = {36.0, 114.0};
    p.required_certificates.clear();
    p.min_education = Education::kNone;
    p.kind = PostingKind::kJob;
    p.veterans_only = false;
  }
  r.postings[fair.booths[0].postings[0]].skills = {{"a", 1.0}, {"b", 0.1}};
  r.declined.clear();
  r.config.weights = {1.0, 0.0, 0.0};
  fair.settings.min_fit = 0.0;
  fair.visit_limit = {2, 2};
  for (Booth& b : fair.booths) b.capacity = 1;
  const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
  EXPECT_EQ(plan.stats.all.planned, 2);
  EXPECT_EQ(plan.stats.interviews, 2);
}

TEST(FairPlanTest, SameBytesWithOneAndTwoThreads) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    test::RandomFairOptions o;
    o.veterans = 300;
    o.booths = 20;
    o.extra_postings = 60;
    o.max_capacity = 20;
    const Fair fair = test::random_fair(o, seed + 77);
    PlanWriteOptions write;
    write.include_timings = false;
    std::string one, two;
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
      one = plan_to_json(fair, plan_fair(fair, compute_fair_fits(fair)), write);
    }
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
      two = plan_to_json(fair, plan_fair(fair, compute_fair_fits(fair)), write);
    }
    EXPECT_EQ(one, two) << "seed " << seed;
  }
}

TEST(FairPlanTest, RefusesFitsOfAnotherFair) {
  test::RandomFairOptions o;
  const Fair a = test::random_fair(o, 1);
  o.veterans = 3;
  const Fair b = test::random_fair(o, 2);
  EXPECT_THROW(plan_fair(a, compute_fair_fits(b)), std::invalid_argument);
}

}  // namespace
}  // namespace vetmatch
