// Couples across rounds (engine/policies/partner_anchors.h): with couples
// together, a veteran whose partner took a place in an earlier round is
// placed only within couple_max_km of the partner's posting, by every
// policy, and the blocking-pair count leaves the other pairs out. Checked
// against the references, which know the rule (tests/reference/
// reference_anchors.h): textbook deferred acceptance, the brute-force
// blocking-pair count and LEMON over every allowed pair. The rounds keep
// no couple with both partners in the round, so that no repair or
// Roth-Peranson runs and every policy's answer is exact.
#include "engine/policies/partner_anchors.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engine/round/run_round.h"
#include "engine/scoring/indexed_round.h"
#include "tests/reference/brute_force.h"
#include "tests/reference/reference_anchors.h"
#include "tests/reference/reference_stable.h"
#include "tests/support/lemon_bmatching.h"
#include "tests/support/optimal_oracle.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

// A random round with many partners, half of whom were taken before;
// couples with both partners in the round are split (neither names the
// other), so only partners taken before remain.
Round anchored_round(std::uint64_t seed) {
  test::RandomRoundOptions o = test::varied_options(seed, 90);
  o.p_partner = 0.9;
  o.taken_fraction = 0.3;
  Round round = test::random_round(o, seed);
  std::set<std::string> taken;
  for (const PairRef& t : round.taken) taken.insert(t.veteran);
  std::set<std::string> keep;
  for (const Veteran& v : round.veterans) {
    if (!v.partner.empty() && taken.count(v.partner) && !taken.count(v.id)) {
      keep.insert(v.id);
      keep.insert(v.partner);
    }
  }
  for (Veteran& v : round.veterans) {
    if (!keep.count(v.id)) v.partner.clear();
  }
  round.config.couples = CouplesRule::kTogether;
  round.config.couple_max_km =
      std::vector<double>{0.2, 2.0, 20.0}[seed % 3] * o.box_degrees * 111.0;
  return round;
}

test::Placement placement_of(const Round& round, const RoundResult& result) {
  test::Placement placement(round.veterans.size(), -1);
  for (const Assignment& a : result.assignments) {
    placement[a.veteran] = a.posting;
  }
  return placement;
}

TEST(PartnerAnchors, FoundOnlyWithCouplesTogether) {
  int anchored = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    Round round = anchored_round(seed + 7100);
    const test::ReferenceAnchors ref(round);
    const IndexedRound ir = index_round(round);
    const PartnerAnchors anchors(ir, round.config);
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      const VeteranIndex r = ir.veteran_of[v];
      EXPECT_EQ(anchors.anchor(v) >= 0, ref.anchored(r));
      anchored += ref.anchored(r);
      for (std::int32_t p = 0; p < ir.n_postings; ++p) {
        EXPECT_EQ(anchors.allows(v, p), ref.allowed(r, ir.posting_of[p]));
      }
    }
    round.config.couples = CouplesRule::kIndependent;
    const IndexedRound plain = index_round(round);
    EXPECT_FALSE(PartnerAnchors(plain, round.config).any());
  }
  EXPECT_GT(anchored, 40);
}

class PartnerAnchorsTest : public ::testing::TestWithParam<int> {};

TEST_P(PartnerAnchorsTest, EveryPolicyKeepsPartnersNearAndMatchesReferences) {
  const std::uint64_t seed = 7200 + GetParam();
  Round round = anchored_round(seed);
  round.config.posting_ranking =
      seed % 2 ? PostingRanking::kPoints : PostingRanking::kScore;
  const test::ReferenceAnchors anchors(round);
  for (PolicyKind policy :
       {PolicyKind::kPointsOrder, PolicyKind::kStable, PolicyKind::kOptimal}) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " policy " +
                 std::string(to_string(policy)));
    RunOptions options;
    options.policy = policy;
    round.config.exact = true;
    const RoundResult result = run_round(round, options);
    for (const Assignment& a : result.assignments) {
      EXPECT_TRUE(anchors.allowed(a.veteran, a.posting))
          << round.veterans[a.veteran].id << " placed too far from partner";
    }
    const test::Placement placement = placement_of(round, result);
    EXPECT_EQ(result.stats.blocking_pairs,
              test::reference_blocking_pairs(round, placement,
                                             round.config.posting_ranking));
    if (policy == PolicyKind::kStable) {
      EXPECT_EQ(placement, test::reference_deferred_acceptance(
                               round, round.config.posting_ranking));
      EXPECT_EQ(result.stats.blocking_pairs, 0);
    }
    if (policy == PolicyKind::kOptimal) {
      ASSERT_TRUE(result.optimality.has_value());
      EXPECT_TRUE(result.optimality->certified);
      const BMatchingGraph full =
          test::full_eligible_graph(round, round.config.objective);
      EXPECT_TRUE(
          test::assignment_weight(round, round.config.objective,
                                  result.assignments) ==
          test::lemon_bmatching(full, test::LemonAlgorithm::kNetworkSimplex)
              .weight);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, PartnerAnchorsTest, ::testing::Range(0, 40));

}  // namespace
}  // namespace vetmatch
