// points_order with couples placed together (config.couples = together)
// against the reference (tests/reference/reference_points_order.h): equal
// assignments and unassigned veterans on seeded random rounds with many
// partners (some one-sided, some with the partner taken in an earlier
// round) and couple_max_km from a few hundred metres to unlimited, plus the
// couple rules checked on the engine's own outcome: every placed couple
// within couple_max_km of each other and at one turn, never one partner
// placed without the other, a veteran whose partner was placed earlier
// within couple_max_km of that posting; and 1 vs 2 threads identical.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <map>
#include <sstream>
#include <string>

#include "engine/model/validate.h"
#include "engine/round/run_round.h"
#include "engine/scoring/geo.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_points_order.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

RoundResult run_with_threads(const Round& round, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  return run_round(round);
}

std::string describe(const Round& round, const Assignment& a) {
  std::ostringstream out;
  out.precision(17);
  out << "turn " << a.turn << ": " << round.veterans[a.veteran].id << " -> "
      << round.postings[a.posting].id << " rank " << a.rank << " open "
      << a.open_postings << " score " << a.score.score;
  return out.str();
}

std::string describe(const Round& round, const Unassigned& u) {
  return round.veterans[u.veteran].id + " " + std::string(to_string(u.reason)) +
         " turn " + std::to_string(u.turn);
}

void expect_equal(const Round& round, const RoundResult& engine,
                  const test::ReferenceOutcome& reference) {
  ASSERT_EQ(engine.assignments.size(), reference.assignments.size());
  for (std::size_t i = 0; i < engine.assignments.size(); ++i) {
    const Assignment& e = engine.assignments[i];
    const Assignment& r = reference.assignments[i];
    if (e.veteran != r.veteran || e.posting != r.posting || e.turn != r.turn ||
        e.rank != r.rank || e.open_postings != r.open_postings ||
        std::abs(e.score.score - r.score.score) > 1e-9) {
      ADD_FAILURE() << "assignment " << i << ": engine " << describe(round, e)
                    << "; reference " << describe(round, r);
      return;
    }
  }
  ASSERT_EQ(engine.unassigned.size(), reference.unassigned.size());
  for (std::size_t i = 0; i < engine.unassigned.size(); ++i) {
    const Unassigned& e = engine.unassigned[i];
    const Unassigned& r = reference.unassigned[i];
    if (e.veteran != r.veteran || e.reason != r.reason || e.turn != r.turn) {
      ADD_FAILURE() << "unassigned " << i << ": engine " << describe(round, e)
                    << "; reference " << describe(round, r);
      return;
    }
  }
}

// The couple rules, read off the outcome alone.
void expect_couple_rules(const Round& round, const RoundResult& result) {
  std::map<std::string, VeteranIndex> index;
  for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
    index[round.veterans[v].id] = v;
  }
  std::map<VeteranIndex, const Assignment*> placed;
  for (const Assignment& a : result.assignments) placed[a.veteran] = &a;
  std::map<VeteranIndex, const Unassigned*> left_out;
  for (const Unassigned& u : result.unassigned) left_out[u.veteran] = &u;
  std::map<std::string, std::string> taken_at;
  std::map<std::string, PostingIndex> posting_index;
  for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
    posting_index[round.postings[p].id] = p;
  }
  for (const PairRef& t : round.taken) taken_at[t.veteran] = t.posting;
  const double max_km = round.config.couple_max_km;
  for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
    const Veteran& self = round.veterans[v];
    if (self.partner.empty()) continue;
    const VeteranIndex w = index.at(self.partner);
    if (round.veterans[w].partner != self.id) continue;  // one-sided
    const bool v_in = placed.count(v) || left_out.count(v);
    const bool w_in = placed.count(w) || left_out.count(w);
    if (v_in && w_in) {
      EXPECT_EQ(placed.count(v), placed.count(w))
          << self.id << " and " << round.veterans[w].id
          << ": one partner placed without the other";
      if (placed.count(v) && placed.count(w)) {
        EXPECT_EQ(placed[v]->turn, placed[w]->turn);
        EXPECT_LE(great_circle_km(round.postings[placed[v]->posting].location,
                                  round.postings[placed[w]->posting].location),
                  max_km)
            << self.id << " and " << round.veterans[w].id;
      } else {
        EXPECT_EQ(left_out[v]->turn, left_out[w]->turn);
      }
    } else if (v_in && !w_in && placed.count(v) &&
               taken_at.count(round.veterans[w].id)) {
      // The partner was taken in an earlier round (a partner not looking
      // any more leaves the veteran on their own).
      const PostingIndex anchor =
          posting_index.at(taken_at.at(round.veterans[w].id));
      EXPECT_LE(great_circle_km(round.postings[placed[v]->posting].location,
                                round.postings[anchor].location),
                max_km)
          << self.id << " placed far from the partner's earlier posting";
    }
  }
}

void expect_identical(const RoundResult& a, const RoundResult& b) {
  ASSERT_EQ(a.assignments.size(), b.assignments.size());
  for (std::size_t i = 0; i < a.assignments.size(); ++i) {
    const Assignment& x = a.assignments[i];
    const Assignment& y = b.assignments[i];
    EXPECT_TRUE(x.veteran == y.veteran && x.posting == y.posting &&
                x.turn == y.turn && x.rank == y.rank &&
                x.open_postings == y.open_postings &&
                x.score.score == y.score.score)
        << "assignment " << i;
  }
  ASSERT_EQ(a.unassigned.size(), b.unassigned.size());
  for (std::size_t i = 0; i < a.unassigned.size(); ++i) {
    EXPECT_TRUE(a.unassigned[i].veteran == b.unassigned[i].veteran &&
                a.unassigned[i].reason == b.unassigned[i].reason &&
                a.unassigned[i].turn == b.unassigned[i].turn)
        << "unassigned " << i;
  }
}

void check_round(const Round& round) {
  ASSERT_TRUE(validate(round).empty());
  const test::ReferenceOutcome reference = test::reference_points_order(round);
  const RoundResult one = run_with_threads(round, 1);
  const RoundResult two = run_with_threads(round, 2);
  {
    SCOPED_TRACE("1 thread vs reference");
    expect_equal(round, one, reference);
  }
  {
    SCOPED_TRACE("couple rules");
    expect_couple_rules(round, one);
  }
  {
    SCOPED_TRACE("1 thread vs 2 threads");
    expect_identical(one, two);
  }
}

Round couples_round(std::uint64_t seed, int max_size, bool wide_skills) {
  test::RandomRoundOptions o = test::varied_options(seed, max_size);
  o.p_partner = 0.7;
  if (seed % 3 == 0) o.max_openings = 1;
  if (wide_skills) {
    o.veterans = 80 + int(seed * 31 % 120);
    o.postings = 60 + int(seed * 17 % 120);
    o.skill_vocabulary = 120;
    o.dense_skills = 40;
    o.skill_density = 0.6;
    o.rare_skill_density = 0.03;
    o.weight_set.clear();
  }
  Round round = test::random_round(o, seed);
  round.config.couples = CouplesRule::kTogether;
  const double box_km = o.box_degrees * 111.0;
  switch (seed % 4) {
    case 0:
      round.config.couple_max_km = 0.3;
      break;
    case 1:
      round.config.couple_max_km = 0.2 * box_km;
      break;
    case 2:
      round.config.couple_max_km = 0.6 * box_km;
      break;
    default:
      round.config.couple_max_km = 20000.0;
  }
  return round;
}

class CouplesPointsOrderTest : public ::testing::TestWithParam<int> {};

TEST_P(CouplesPointsOrderTest, MatchesReference) {
  const std::uint64_t seed = 3000 + GetParam();
  const Round round = couples_round(seed, 120, false);
  SCOPED_TRACE("seed " + std::to_string(seed) + ": " +
               std::to_string(round.veterans.size()) + " veterans, " +
               std::to_string(round.postings.size()) + " postings, max km " +
               std::to_string(round.config.couple_max_km));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CouplesPointsOrderTest,
                         ::testing::Range(1, 61));

// Resolved-like skill vectors: the couples' searches go through the score
// bounds.
class WideCouplesPointsOrderTest : public ::testing::TestWithParam<int> {};

TEST_P(WideCouplesPointsOrderTest, MatchesReference) {
  const std::uint64_t seed = 4000 + GetParam();
  const Round round = couples_round(seed, 200, true);
  SCOPED_TRACE("seed " + std::to_string(seed));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, WideCouplesPointsOrderTest,
                         ::testing::Range(1, 9));

// Worked by hand: a couple whose best postings lie apart.
TEST(CouplesPointsOrderTest, HandWorkedCouple) {
  Round round;
  round.config.couples = CouplesRule::kTogether;
  round.config.couple_max_km = 20.0;
  auto veteran = [](std::string id, double points, std::string partner) {
    Veteran v;
    v.id = std::move(id);
    v.location = {30.0, 120.0};
    v.skills = {{"weld", 1.0}};
    v.points = points;
    v.partner = std::move(partner);
    return v;
  };
  auto posting = [](std::string id, double lat) {
    Posting p;
    p.id = std::move(id);
    p.employer = "e";
    p.location = {lat, 120.0};
    p.skills = {{"weld", 1.0}};
    return p;
  };
  // a (90 points) and b (60) are a couple; c (70) picks alone in between.
  round.veterans = {veteran("a", 90, "b"), veteran("b", 60, "a"),
                    veteran("c", 70, "")};
  // p1 is nearest everyone, p2 next to it, p3 50 km away.
  round.postings = {posting("p1", 30.0), posting("p2", 30.01),
                    posting("p3", 30.45)};
  const RoundResult r = run_round(round);
  ASSERT_EQ(r.assignments.size(), 3u);
  // Turn 1: the couple takes p1 and p2 (the largest sum within 20 km).
  EXPECT_EQ(r.assignments[0].veteran, 0);
  EXPECT_EQ(r.assignments[0].posting, 0);
  EXPECT_EQ(r.assignments[0].turn, 1);
  EXPECT_EQ(r.assignments[1].veteran, 1);
  EXPECT_EQ(r.assignments[1].posting, 1);
  EXPECT_EQ(r.assignments[1].turn, 1);
  EXPECT_EQ(r.assignments[1].rank, 2);
  EXPECT_EQ(r.assignments[1].open_postings, 3);
  // Turn 2: c gets what is left; b's own turn (3) is skipped.
  EXPECT_EQ(r.assignments[2].veteran, 2);
  EXPECT_EQ(r.assignments[2].posting, 2);
  EXPECT_EQ(r.assignments[2].turn, 2);
  EXPECT_TRUE(r.unassigned.empty());

  // Only 1 km allowed and one posting each side of 1 km: nobody placed.
  round.config.couple_max_km = 1.0;
  round.postings = {posting("p1", 30.0), posting("p3", 30.45)};
  const RoundResult apart = run_round(round);
  ASSERT_EQ(apart.assignments.size(), 1u);  // c alone
  EXPECT_EQ(apart.assignments[0].veteran, 2);
  ASSERT_EQ(apart.unassigned.size(), 2u);
  for (const Unassigned& u : apart.unassigned) {
    EXPECT_EQ(u.reason, UnassignedReason::kNoJointPlacement);
    EXPECT_EQ(u.turn, 1);
  }
}

}  // namespace
}  // namespace vetmatch
