// `fair invite` (engine/fair/invite.h) on seeded random fairs with small
// pools: the lazy greedy's choice equals a plain (non-lazy) greedy's
// (tests/support/fair_reference.h), turn by turn; its gain is at least
// (1 - 1/e) of the best gain found by exhaustive search over every set of
// at most `budget` entries, and its bound is at least that best gain; the
// gains, serves lists and flags are what their definitions say; ties go
// to the lower employer id; edge cases (budget 0, empty pool, budget
// beyond the pool, no veterans, nobody eligible).
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <set>

#include "adapters/json/fair_invite_writer.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/invite.h"
#include "engine/policies/optimal_costs.h"
#include "tests/support/fair_reference.h"
#include "tests/support/random_fair.h"

namespace vetmatch {
namespace {

using test::RefFit;

constexpr InviteObjective kObjectives[] = {InviteObjective::kCoverage,
                                           InviteObjective::kTotalFit};

test::RandomFairOptions options_for(std::uint64_t seed) {
  test::RandomFairOptions o;
  o.veterans = 1 + int(seed % 30);
  o.booths = int(seed % 3);
  o.pool = 1 + int(seed % 10);
  o.extra_postings = int(seed % 12);
  return o;
}

std::vector<std::int32_t> entries(const InviteResult& r) {
  std::vector<std::int32_t> out;
  for (const InviteChoice& c : r.chosen) out.push_back(c.entry);
  return out;
}

// Gains, serves and flags from the definitions, turn by turn.
void check_result(const Fair& fair, const std::vector<std::vector<RefFit>>& ref,
                  const InviteResult& r) {
  const std::int32_t booths = std::int32_t(fair.booths.size());
  std::vector<std::int32_t> chosen;
  test::InviteValue before = test::invite_value(fair, ref, chosen);
  EXPECT_EQ(r.covered_by_booths, before.covered);
  EXPECT_EQ(r.fit_units_by_booths, before.fit_units);
  for (std::size_t t = 0; t < r.chosen.size(); ++t) {
    const InviteChoice& c = r.chosen[t];
    EXPECT_EQ(c.turn, std::int32_t(t + 1));
    // Newly covered: veterans with a fit here and none before this turn.
    std::set<VeteranIndex> covered_before;
    for (std::size_t v = 0; v < ref.size(); ++v) {
      for (const RefFit& f : ref[v]) {
        const bool in =
            f.unit < booths || std::find(chosen.begin(), chosen.end(),
                                         f.unit - booths) != chosen.end();
        if (in) covered_before.insert(VeteranIndex(v));
      }
    }
    chosen.push_back(c.entry);
    const test::InviteValue after = test::invite_value(fair, ref, chosen);
    EXPECT_EQ(c.gain_veterans, after.covered - before.covered);
    EXPECT_EQ(c.gain_fit_units, after.fit_units - before.fit_units);
    before = after;
    std::size_t members = 0;
    for (std::size_t v = 0; v < ref.size(); ++v) {
      for (const RefFit& f : ref[v]) {
        if (f.unit != booths + c.entry) continue;
        ++members;
        const auto it = std::find_if(c.serves.begin(), c.serves.end(),
                                     [&](const InviteServed& s) {
                                       return s.veteran == VeteranIndex(v);
                                     });
        ASSERT_NE(it, c.serves.end());
        EXPECT_EQ(it->posting, f.posting);
        EXPECT_EQ(it->score.score, f.score.score);
        EXPECT_EQ(it->newly_covered, !covered_before.contains(VeteranIndex(v)));
      }
    }
    EXPECT_EQ(c.serves.size(), members);
    for (std::size_t i = 1; i < c.serves.size(); ++i) {
      const InviteServed& a = c.serves[i - 1];
      const InviteServed& b = c.serves[i];
      EXPECT_TRUE(a.score.score > b.score.score ||
                  (a.score.score == b.score.score &&
                   fair.round.veterans[a.veteran].id <
                       fair.round.veterans[b.veteran].id));
    }
  }
  EXPECT_EQ(r.covered, before.covered);
  EXPECT_EQ(r.fit_units, before.fit_units);
  // best: the veteran's best value over booths and chosen entries is here,
  // and no booth and no earlier choice has it.
  for (const InviteChoice& c : r.chosen) {
    for (const InviteServed& s : c.serves) {
      std::int64_t best = -1, here = score_units(s.score.score);
      bool earlier_equal = false;
      for (const RefFit& f : ref[s.veteran]) {
        const std::int64_t u = score_units(f.score.score);
        std::int32_t turn = -1;
        if (f.unit < booths) {
          turn = 0;
        } else {
          for (const InviteChoice& o : r.chosen) {
            if (booths + o.entry == f.unit) turn = o.turn;
          }
        }
        if (turn < 0) continue;
        best = std::max(best, u);
        if (turn < c.turn && u == here) earlier_equal = true;
      }
      EXPECT_EQ(s.best, here == best && !earlier_equal);
    }
  }
  std::int64_t not_covered = 0;
  for (std::size_t v = 0; v < ref.size(); ++v) {
    bool any = false;
    for (const RefFit& f : ref[v]) {
      any |= f.unit < booths || std::find(chosen.begin(), chosen.end(),
                                          f.unit - booths) != chosen.end();
    }
    not_covered += any ? 0 : 1;
  }
  EXPECT_EQ(std::int64_t(r.not_covered.size()), not_covered);
}

TEST(FairInviteTest, LazyEqualsPlainGreedyAndMeetsTheBound) {
  const double guarantee = 1.0 - std::exp(-1.0);
  int nontrivial = 0;
  for (std::uint64_t seed = 1; seed <= 160; ++seed) {
    const Fair fair = test::random_fair(options_for(seed), seed);
    const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
    const FairFits fits = compute_fair_fits(fair);
    const std::int32_t pool = std::int32_t(fair.pool.size());
    for (InviteObjective objective : kObjectives) {
      for (std::int32_t budget : {0, 1, 2, 3, pool, pool + 1}) {
        SCOPED_TRACE(::testing::Message()
                     << "seed " << seed << " " << to_string(objective)
                     << " budget " << budget);
        const InviteResult r = choose_invites(fair, fits, budget, objective);
        EXPECT_EQ(entries(r),
                  test::plain_greedy_invites(fair, ref, budget, objective));
        check_result(fair, ref, r);
        const std::int64_t base =
            test::primary(test::invite_value(fair, ref, {}), objective);
        const std::int64_t best =
            test::best_invite_value(fair, ref, budget, objective) - base;
        EXPECT_GE(double(r.gain), guarantee * double(best) - 1e-9);
        EXPECT_LE(r.gain, best);
        EXPECT_GE(r.gain_bound, best) << "the bound must hold";
        EXPECT_EQ(r.stopped_early, std::int32_t(r.chosen.size()) < budget);
        nontrivial += r.gain > 0 && r.gain < best ? 1 : 0;
      }
    }
  }
  // Some instances where greedy is not optimal, so the bound is exercised.
  EXPECT_GT(nontrivial, 0);
}

TEST(FairInviteTest, TiesGoToTheLowerEmployerId) {
  test::RandomFairOptions o;
  o.veterans = 6;
  o.booths = 0;
  o.pool = 5;
  o.extra_postings = 0;
  // Every pool entry serves every veteran equally: the first choice is the
  // lowest employer id, byte-wise, and nothing else adds anything.
  Fair fair = test::random_fair(o, 11);
  for (Veteran& v : fair.round.veterans) {
    v = [&] {
      Veteran copy = fair.round.veterans.front();
      copy.id = v.id;
      return copy;
    }();
    v.group = Group::kSoldier;
    v.wants = kAllPostingKinds;
    v.location = {36.5, 114.5};
    v.max_commute_km.reset();
  }
  for (Posting& p : fair.round.postings) {
    const std::string id = p.id, employer = p.employer;
    p = fair.round.postings.front();
    p.id = id;
    p.employer = employer;
    p.location = {36.5, 114.5};
    p.required_certificates.clear();
    p.min_education = Education::kNone;
  }
  fair.round.declined.clear();
  fair.settings.min_fit = 0.0;
  const FairFits fits = compute_fair_fits(fair);
  const InviteResult r =
      choose_invites(fair, fits, 3, InviteObjective::kCoverage);
  ASSERT_EQ(r.chosen.size(), 1u);
  std::string lowest = fair.pool.front().employer;
  for (const PoolEntry& e : fair.pool) lowest = std::min(lowest, e.employer);
  EXPECT_EQ(fair.pool[r.chosen[0].entry].employer, lowest);
  EXPECT_TRUE(r.stopped_early);
  EXPECT_EQ(r.covered, 6);
}

TEST(FairInviteTest, EdgeCases) {
  for (const test::NamedFair& named : test::edge_case_fairs(9)) {
    SCOPED_TRACE(named.name);
    const Fair& fair = named.fair;
    const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
    const FairFits fits = compute_fair_fits(fair);
    for (InviteObjective objective : kObjectives) {
      for (std::int32_t budget : {0, 1, 5}) {
        const InviteResult r = choose_invites(fair, fits, budget, objective);
        EXPECT_EQ(entries(r),
                  test::plain_greedy_invites(fair, ref, budget, objective));
        check_result(fair, ref, r);
        if (budget == 0) {
          EXPECT_TRUE(r.chosen.empty());
        }
        if (fair.round.veterans.empty() || named.name == "all_ineligible") {
          EXPECT_TRUE(r.chosen.empty());
          EXPECT_EQ(r.gain_bound, 0);
        }
      }
    }
  }
  EXPECT_THROW(
      choose_invites(test::edge_case_fairs(9)[0].fair,
                     compute_fair_fits(test::edge_case_fairs(9)[0].fair), -1,
                     InviteObjective::kCoverage),
      std::invalid_argument);
}

TEST(FairInviteTest, LazyEvaluatesLessOnBiggerPools) {
  test::RandomFairOptions o;
  o.veterans = 200;
  o.booths = 3;
  o.pool = 60;
  o.extra_postings = 100;
  const Fair fair = test::random_fair(o, 5);
  const FairFits fits = compute_fair_fits(fair);
  const std::vector<std::vector<RefFit>> ref = test::reference_fits(fair);
  const InviteResult r =
      choose_invites(fair, fits, 20, InviteObjective::kCoverage);
  EXPECT_EQ(entries(r), test::plain_greedy_invites(fair, ref, 20,
                                                   InviteObjective::kCoverage));
  // The plain greedy computes pool - t gains at turn t.
  std::int64_t plain = 0;
  for (std::size_t t = 0; t < r.chosen.size(); ++t) plain += 60 - t;
  EXPECT_LT(r.evaluations, plain);
}

TEST(FairInviteTest, SameBytesWithOneAndTwoThreads) {
  test::RandomFairOptions o;
  o.veterans = 300;
  o.booths = 5;
  o.pool = 30;
  o.extra_postings = 80;
  const Fair fair = test::random_fair(o, 3);
  InviteWriteOptions write;
  write.include_timings = false;
  std::string one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = invite_to_json(fair,
                         choose_invites(fair, compute_fair_fits(fair), 8,
                                        InviteObjective::kCoverage),
                         write);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = invite_to_json(fair,
                         choose_invites(fair, compute_fair_fits(fair), 8,
                                        InviteObjective::kCoverage),
                         write);
  }
  EXPECT_EQ(one, two);
}

}  // namespace
}  // namespace vetmatch
