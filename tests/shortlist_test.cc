// Both-way shortlists from run_round(round, {run_policy = false}) against
// the brute-force reference (tests/reference/brute_force.h): same indices in
// the same order, scores and "why" components within 1e-9, on 60+ seeded
// random rounds, a few larger ones that span several engine blocks, and the
// named edge cases; each run with 1 and 2 threads, which must agree exactly.
// Also: each hard rule on its own excludes a pair, and the generated rounds
// really contain the hard cases (ties, full postings, k = 0, ...).
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/model/validate.h"
#include "engine/round/run_round.h"
#include "tests/reference/brute_force.h"
#include "tests/support/random_round.h"
#include "tests/support/shortlist_compare.h"

namespace vetmatch {
namespace {

constexpr double kTolerance = 1e-9;

RoundResult shortlists_with_threads(const Round& round, int threads) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, threads);
  RunOptions options;
  options.run_policy = false;
  return run_round(round, options);
}

void check_round(const Round& round) {
  ASSERT_TRUE(validate(round).empty());
  const Shortlists reference = test::reference_shortlists(round);
  const RoundResult one = shortlists_with_threads(round, 1);
  const RoundResult two = shortlists_with_threads(round, 2);
  EXPECT_FALSE(one.policy.has_value());
  EXPECT_TRUE(one.assignments.empty());
  EXPECT_TRUE(one.unassigned.empty());
  {
    SCOPED_TRACE("1 thread vs reference");
    test::expect_shortlists_match(round, one.shortlists, reference, kTolerance);
  }
  {
    SCOPED_TRACE("1 thread vs 2 threads");
    test::expect_shortlists_identical(round, one.shortlists, two.shortlists,
                                      "1 thread", "2 threads");
  }
}

std::string size_note(const Round& r) {
  std::ostringstream out;
  out << r.veterans.size() << " veterans, " << r.postings.size()
      << " postings, k " << r.config.veteran_shortlist_k << "/"
      << r.config.posting_shortlist_k;
  return out.str();
}

class RandomShortlistTest : public ::testing::TestWithParam<int> {};

TEST_P(RandomShortlistTest, MatchesReference) {
  const std::uint64_t seed = GetParam();
  const Round round = test::random_round(test::varied_options(seed), seed);
  SCOPED_TRACE("seed " + std::to_string(seed) + ": " + size_note(round));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomShortlistTest, ::testing::Range(1, 65));

// Up to ~300 a side: more than one 128-veteran block.
class LargerShortlistTest : public ::testing::TestWithParam<int> {};

TEST_P(LargerShortlistTest, MatchesReference) {
  const std::uint64_t seed = GetParam();
  test::RandomRoundOptions o = test::varied_options(seed, 300);
  o.veterans = 200 + int(seed % 100);
  o.postings = 150 + int(seed % 150);
  const Round round = test::random_round(o, seed);
  SCOPED_TRACE("seed " + std::to_string(seed) + ": " + size_note(round));
  check_round(round);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LargerShortlistTest,
                         ::testing::Values(1001, 1002, 1003, 1004));

// More postings than one 512-posting block and several veteran blocks, with
// many exact ties across block boundaries.
TEST(ShortlistTest, ManyBlocksWithTies) {
  test::RandomRoundOptions o;
  o.veterans = 300;
  o.postings = 1100;
  o.skill_vocabulary = 4;
  o.p_duplicate_posting = 0.4;
  o.p_duplicate_veteran = 0.3;
  o.p_shared_location = 0.5;
  o.veteran_k = 3;
  o.posting_k = 2;
  o.taken_fraction = 0.3;
  const Round round = test::random_round(o, 2024);
  check_round(round);
}

class EdgeCaseShortlistTest
    : public ::testing::TestWithParam<test::NamedRound> {};

TEST_P(EdgeCaseShortlistTest, MatchesReference) {
  check_round(GetParam().round);
}

INSTANTIATE_TEST_SUITE_P(
    Named, EdgeCaseShortlistTest, ::testing::ValuesIn(test::edge_case_rounds()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

TEST(ShortlistTest, EdgeCasesHaveTheExpectedShape) {
  {
    const RoundResult r =
        shortlists_with_threads(test::round_all_ineligible(3), 2);
    EXPECT_TRUE(r.shortlists.veteran_entries.empty());
    EXPECT_TRUE(r.shortlists.posting_entries.empty());
  }
  {
    const RoundResult r =
        shortlists_with_threads(test::round_all_openings_taken(3), 2);
    EXPECT_TRUE(r.shortlists.veteran_entries.empty());
    EXPECT_TRUE(r.shortlists.posting_entries.empty());
  }
  {
    // Everybody ties: the lists are the lowest ids, in id order.
    const Round round = test::round_all_tied(3);
    const RoundResult r = shortlists_with_threads(round, 2);
    const std::vector<PostingIndex> postings =
        test::reference_postings_by_id(round);
    const std::vector<VeteranIndex> veterans =
        test::reference_veterans_by_id(round);
    for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
      const auto list = r.shortlists.of_veteran(v);
      ASSERT_EQ(list.size(), 7u);
      for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].index, postings[i]) << round.veterans[v].id;
        EXPECT_EQ(list[i].score.score, list[0].score.score);
      }
    }
    for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
      const auto list = r.shortlists.of_posting(p);
      ASSERT_EQ(list.size(), 7u);
      for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].index, veterans[i]) << round.postings[p].id;
      }
    }
  }
}

// One veteran, one posting; each hard rule on its own makes the pair
// ineligible, for the reference and (empty lists) for the engine.
TEST(ShortlistTest, EachHardRuleExcludesThePair) {
  Round base;
  base.config.veteran_shortlist_k = 5;
  base.config.posting_shortlist_k = 5;
  Veteran v;
  v.id = "v1";
  v.group = Group::kSoldier;
  v.location = {36.6093, 114.4907};
  v.skills = {{"weld", 1.0}};
  v.certificates = {"forklift"};
  v.education = Education::kSeniorSecondary;
  Posting p;
  p.id = "p1";
  p.employer = "e1";
  p.location = {36.7, 114.5};  // about 10 km away
  p.skills = {{"weld", 0.5}};
  base.veterans = {v, v};
  base.veterans[1].id = "v2";  // a bystander for taken
  base.postings = {p};

  struct Case {
    std::string name;
    Ineligibility expected;
    std::function<void(Round&)> change;
  };
  const std::vector<Case> cases = {
      {"eligible", Ineligibility::kEligible, [](Round&) {}},
      {"kind", Ineligibility::kKindNotWanted,
       [](Round& r) {
         r.postings[0].kind = PostingKind::kTraining;
         r.veterans[0].wants = kind_bit(PostingKind::kJob);
       }},
      {"spouse_not_welcome", Ineligibility::kSpouseNotAdmitted,
       [](Round& r) { r.veterans[0].group = Group::kSpouse; }},
      {"spouse_veterans_only", Ineligibility::kSpouseNotAdmitted,
       [](Round& r) {
         r.veterans[0].group = Group::kSpouse;
         r.postings[0].veterans_only = true;
       }},
      {"education", Ineligibility::kEducationTooLow,
       [](Round& r) { r.postings[0].min_education = Education::kVocational; }},
      {"certificate", Ineligibility::kMissingCertificate,
       [](Round& r) {
         r.postings[0].required_certificates = {"forklift", "crane"};
       }},
      {"own_commute", Ineligibility::kBeyondCommute,
       [](Round& r) { r.veterans[0].max_commute_km = 5.0; }},
      {"round_commute", Ineligibility::kBeyondCommute,
       [](Round& r) { r.config.max_commute_km = 5.0; }},
      {"declined", Ineligibility::kDeclined,
       [](Round& r) {
         r.declined = {{"v1", "p1"}};
       }},
      {"no_opening", Ineligibility::kNoOpeningLeft,
       [](Round& r) {
         r.taken = {{"v2", "p1"}};
       }},
      // Rules that must not bite.
      {"spouse_welcome", Ineligibility::kEligible,
       [](Round& r) {
         r.veterans[0].group = Group::kSpouse;
         r.postings[0].spouses_welcome = true;
       }},
      {"education_equal", Ineligibility::kEligible,
       [](Round& r) {
         r.postings[0].min_education = Education::kSeniorSecondary;
       }},
      {"certificate_held", Ineligibility::kEligible,
       [](Round& r) { r.postings[0].required_certificates = {"forklift"}; }},
      {"own_commute_beats_round", Ineligibility::kEligible,
       [](Round& r) {
         r.veterans[0].max_commute_km = 50.0;
         r.config.max_commute_km = 5.0;
       }},
      {"opening_left", Ineligibility::kEligible,
       [](Round& r) {
         r.postings[0].openings = 2;
         r.taken = {{"v2", "p1"}};
       }},
      {"kind_wanted", Ineligibility::kEligible,
       [](Round& r) {
         r.postings[0].kind = PostingKind::kIncubation;
         r.veterans[0].wants = kind_bit(PostingKind::kIncubation);
       }},
      // Order: the first failing rule is the reason.
      {"kind_before_education", Ineligibility::kKindNotWanted,
       [](Round& r) {
         r.postings[0].kind = PostingKind::kTraining;
         r.veterans[0].wants = kind_bit(PostingKind::kJob);
         r.postings[0].min_education = Education::kDoctorate;
       }},
      {"commute_before_declined", Ineligibility::kBeyondCommute,
       [](Round& r) {
         r.veterans[0].max_commute_km = 5.0;
         r.declined = {{"v1", "p1"}};
       }},
      {"declined_before_opening", Ineligibility::kDeclined,
       [](Round& r) {
         r.declined = {{"v1", "p1"}};
         r.taken = {{"v2", "p1"}};
       }},
  };
  for (const Case& k : cases) {
    Round round = base;
    k.change(round);
    ASSERT_TRUE(validate(round).empty()) << k.name;
    EXPECT_EQ(test::reference_eligibility(round, 0, 0), k.expected) << k.name;
    const RoundResult r = shortlists_with_threads(round, 1);
    const bool eligible = k.expected == Ineligibility::kEligible;
    EXPECT_EQ(r.shortlists.of_veteran(0).size(), eligible ? 1u : 0u) << k.name;
    const auto on_posting = r.shortlists.of_posting(0);
    EXPECT_EQ(std::any_of(on_posting.begin(), on_posting.end(),
                          [](const ShortlistEntry& e) { return e.index == 0; }),
              eligible)
        << k.name;
  }
}

// The generated rounds are not easy ones: across the seeds there are exact
// ties inside lists, scores closer than float precision, commute limits
// exactly at a pair's distance, lists cut by k (and k = 0), full postings,
// taken veterans, and every hard rule excludes some pair.
TEST(ShortlistTest, GeneratedRoundsContainTheHardCases) {
  int tied_neighbours = 0, cut_lists = 0, zero_k = 0, full_postings = 0;
  int taken = 0, empty_rounds = 0, near_ties = 0, on_boundary = 0;
  std::vector<int> reasons(8, 0);
  for (int seed = 1; seed < 65; ++seed) {
    const Round round = test::random_round(test::varied_options(seed), seed);
    const test::ReferenceRound ref(round);
    const Shortlists s = test::reference_shortlists(round);
    if (round.veterans.empty() || round.postings.empty()) ++empty_rounds;
    if (round.config.veteran_shortlist_k == 0 ||
        round.config.posting_shortlist_k == 0) {
      ++zero_k;
    }
    taken += int(round.taken.size());
    for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
      if (ref.openings_left(p) == 0) ++full_postings;
    }
    for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
      const auto list = s.of_veteran(v);
      for (std::size_t i = 1; i < list.size(); ++i) {
        const double gap = list[i - 1].score.score - list[i].score.score;
        if (gap == 0) ++tied_neighbours;
        if (gap > 0 && gap < 1e-7) ++near_ties;  // below float precision
      }
      if (!ref.is_out(v) && ref.eligible_postings(v).size() > list.size()) {
        ++cut_lists;
      }
      for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
        ++reasons[int(ref.eligibility(v, p))];
        const Veteran& vet = round.veterans[v];
        if (vet.max_commute_km &&
            *vet.max_commute_km ==
                test::reference_distance_km(vet.location,
                                            round.postings[p].location)) {
          ++on_boundary;
        }
      }
    }
  }
  EXPECT_GT(tied_neighbours, 50);
  EXPECT_GT(cut_lists, 50);
  EXPECT_GE(zero_k, 3);
  EXPECT_GT(full_postings, 20);
  EXPECT_GT(taken, 50);
  EXPECT_GE(empty_rounds, 1);
  EXPECT_GT(near_ties, 20);
  EXPECT_GT(on_boundary, 20);
  for (int r = 0; r < 8; ++r) {
    EXPECT_GT(reasons[r], 10) << to_string(Ineligibility(r));
  }
}

}  // namespace
}  // namespace vetmatch
