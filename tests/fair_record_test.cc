// `fair record` (engine/fair/record.h): on seeded random rounds and fairs
// with random outcomes (unknown ids, repeated pairs, walk-ins, postings not
// at a booth, veterans placed before or no longer looking, withdrawn and
// full postings, several places for one veteran), the issues equal those of
// a plain reference that rescans the earlier outcomes for each one; when
// there is no error, the next round is the round with exactly the expected
// pairs appended, in order, and passes validate(); outcomes drawn from a
// plan so that they are all sound go through whole.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/fair/fair_fits.h"
#include "engine/fair/plan.h"
#include "engine/fair/record.h"
#include "engine/model/validate.h"
#include "tests/support/random_fair.h"

namespace vetmatch {
namespace {

struct Case {
  Round round;  // what the fair was drawn from
  Fair fair;
  std::vector<FairIntent> outcomes;
};

// The round: the fair's, with walk-ins (veterans not registered), some
// places taken before, veterans no longer looking and postings withdrawn.
Case random_case(std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  auto between = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(gen);
  };
  test::RandomFairOptions o;
  o.veterans = 4 + int(seed % 14);
  o.booths = 1 + int(seed % 4);
  o.pool = int(seed % 2);
  o.extra_postings = int(seed % 6);
  Case c;
  c.fair = test::random_fair(o, seed);
  c.round = c.fair.round;
  c.round.skills_resolved = false;
  Round& r = c.round;
  // Only this test's own history (random_round may draw some).
  r.taken.clear();
  r.not_looking.clear();
  r.withdrawn.clear();
  for (int k = between(0, 2); k > 0; --k) {
    Veteran walk_in =
        r.veterans[std::size_t(between(0, int(r.veterans.size()) - 1))];
    walk_in.id = "walk" + std::to_string(k);
    walk_in.partner.clear();
    r.veterans.push_back(walk_in);
  }
  std::vector<int> order(r.veterans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
  std::shuffle(order.begin(), order.end(), gen);
  std::vector<Openings> left(r.postings.size());
  for (std::size_t p = 0; p < left.size(); ++p)
    left[p] = r.postings[p].openings;
  std::size_t next = 0;
  for (int k = between(0, 2); k > 0 && next < order.size(); --k) {
    const int p = between(0, int(r.postings.size()) - 1);
    if (left[std::size_t(p)] == 0) continue;
    --left[std::size_t(p)];
    r.taken.push_back({r.veterans[std::size_t(order[next++])].id,
                       r.postings[std::size_t(p)].id});
  }
  for (int k = between(0, 2); k > 0 && next < order.size(); --k) {
    r.not_looking.push_back(r.veterans[std::size_t(order[next++])].id);
  }
  if (between(0, 2) == 0) {
    r.withdrawn.push_back(
        r.postings[std::size_t(between(0, int(r.postings.size()) - 1))].id);
  }
  for (const ValidationIssue& issue : validate(r)) {
    ADD_FAILURE() << "seed " << seed << ": " << to_string(issue.entity) << "/"
                  << issue.index << "/" << issue.field << ": expected "
                  << issue.expected;
  }

  // Outcomes: mostly known pairs, a few unknown ids, repeats.
  // A third of the seeds: a few outcomes, mostly sound; the rest: many.
  const int count =
      seed % 3 == 0 ? between(0, 4) : between(0, 3 * int(r.veterans.size()));
  for (int i = 0; i < count; ++i) {
    FairIntent f;
    const int roll = between(0, 19);
    if (roll == 0) {
      f.veteran = "nobody";
    } else {
      f.veteran =
          r.veterans[std::size_t(between(0, int(r.veterans.size()) - 1))].id;
    }
    f.posting =
        roll == 1
            ? "nothing"
            : r.postings[std::size_t(between(0, int(r.postings.size()) - 1))]
                  .id;
    f.outcome = static_cast<FairOutcome>(between(0, 3));
    if (roll == 2 && !c.outcomes.empty()) {
      f.veteran = c.outcomes.back().veteran;
      f.posting = c.outcomes.back().posting;
    }
    c.outcomes.push_back(f);
  }
  return c;
}

struct RefIssue {
  int index;
  std::string field;
  bool warning;
  int other = -1;
  bool operator==(const RefIssue&) const = default;
};

bool takes(FairOutcome o, bool intent_takes) {
  return o == FairOutcome::kHired ||
         (o == FairOutcome::kIntent && intent_takes);
}

template <typename Pred>
bool any_of_ids(const std::vector<std::string>& ids, Pred p) {
  return std::any_of(ids.begin(), ids.end(), p);
}

// The reference: each outcome checked by rescanning the round and the
// earlier outcomes.
std::vector<RefIssue> reference_issues(const Case& c, bool intent_takes) {
  const Round& r = c.round;
  auto has_veteran = [&](const std::string& id) {
    return std::any_of(r.veterans.begin(), r.veterans.end(),
                       [&](const Veteran& v) { return v.id == id; });
  };
  auto posting = [&](const std::string& id) -> const Posting* {
    for (const Posting& p : r.postings) {
      if (p.id == id) return &p;
    }
    return nullptr;
  };
  auto registered = [&](const std::string& id) {
    for (const Veteran& v : c.fair.round.veterans) {
      if (v.id == id) return true;
    }
    return false;
  };
  auto offered = [&](const std::string& id) {
    for (const Booth& b : c.fair.booths) {
      for (PostingIndex p : b.postings) {
        if (c.fair.round.postings[std::size_t(p)].id == id) return true;
      }
    }
    return false;
  };
  // Known and not a repeat: the outcomes that count.
  std::vector<bool> counts(c.outcomes.size(), false);
  std::vector<RefIssue> issues;
  for (std::size_t i = 0; i < c.outcomes.size(); ++i) {
    const FairIntent& o = c.outcomes[i];
    const bool v_known = has_veteran(o.veteran);
    const Posting* p = posting(o.posting);
    if (!v_known) {
      issues.push_back({int(i), "veteran", false});
    } else if (!registered(o.veteran)) {
      issues.push_back({int(i), "veteran", true});
    }
    if (p == nullptr) {
      issues.push_back({int(i), "posting", false});
    } else if (!offered(o.posting)) {
      issues.push_back({int(i), "posting", true});
    }
    if (!v_known || p == nullptr) continue;
    int repeat = -1;
    for (std::size_t j = 0; j < i && repeat < 0; ++j) {
      if (counts[j] && c.outcomes[j].veteran == o.veteran &&
          c.outcomes[j].posting == o.posting) {
        repeat = int(j);
      }
    }
    if (repeat >= 0) {
      issues.push_back({int(i), "posting", false, repeat});
      continue;
    }
    counts[i] = true;
    if (!takes(o.outcome, intent_takes)) continue;
    const bool taken_before =
        std::any_of(r.taken.begin(), r.taken.end(),
                    [&](const PairRef& t) { return t.veteran == o.veteran; });
    const bool not_looking = any_of_ids(
        r.not_looking, [&](const std::string& id) { return id == o.veteran; });
    int first_take = -1, earlier_here = 0;
    for (std::size_t j = 0; j < i; ++j) {
      if (!counts[j] || !takes(c.outcomes[j].outcome, intent_takes)) continue;
      if (c.outcomes[j].veteran == o.veteran && first_take < 0) {
        first_take = int(j);
      }
      earlier_here += c.outcomes[j].posting == o.posting;
    }
    if (taken_before || not_looking) {
      issues.push_back({int(i), "veteran", false});
    } else if (first_take >= 0) {
      issues.push_back({int(i), "outcome", false, first_take});
    }
    if (any_of_ids(r.withdrawn,
                   [&](const std::string& id) { return id == o.posting; })) {
      issues.push_back({int(i), "posting", false});
      continue;
    }
    const auto used =
        std::count_if(r.taken.begin(), r.taken.end(),
                      [&](const PairRef& t) { return t.posting == o.posting; });
    if (used + earlier_here + 1 > p->openings) {
      issues.push_back({int(i), "posting", false});
    }
  }
  return issues;
}

void expect_next_round(const Case& c, const FairRecord& got,
                       bool intent_takes) {
  std::vector<PairRef> taken = c.round.taken, declined = c.round.declined;
  std::set<std::pair<std::string, std::string>> listed;
  for (const PairRef& d : declined) listed.emplace(d.veteran, d.posting);
  std::int64_t open = 0, already = 0;
  for (const FairIntent& o : c.outcomes) {
    if (takes(o.outcome, intent_takes)) {
      taken.push_back({o.veteran, o.posting});
    } else if (o.outcome == FairOutcome::kDeclined) {
      if (listed.emplace(o.veteran, o.posting).second) {
        declined.push_back({o.veteran, o.posting});
      } else {
        ++already;
      }
    } else {
      ++open;
    }
  }
  auto same = [](const std::vector<PairRef>& a, const std::vector<PairRef>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].veteran != b[i].veteran || a[i].posting != b[i].posting) {
        return false;
      }
    }
    return true;
  };
  EXPECT_TRUE(same(got.round.taken, taken));
  EXPECT_TRUE(same(got.round.declined, declined));
  EXPECT_EQ(got.round.veterans.size(), c.round.veterans.size());
  EXPECT_EQ(got.round.postings.size(), c.round.postings.size());
  EXPECT_EQ(got.round.not_looking, c.round.not_looking);
  EXPECT_EQ(got.round.withdrawn, c.round.withdrawn);
  EXPECT_TRUE(validate(got.round).empty());
  EXPECT_EQ(got.counts.taken,
            std::int64_t(taken.size() - c.round.taken.size()));
  EXPECT_EQ(got.counts.declined,
            std::int64_t(declined.size() - c.round.declined.size()));
  EXPECT_EQ(got.counts.open, open);
  EXPECT_EQ(got.counts.already, already);
}

TEST(FairRecordTest, IssuesEqualTheReferenceOnRandomOutcomes) {
  int clean = 0, with_errors = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const Case c = random_case(seed);
    for (bool intent_takes : {true, false}) {
      RecordOptions options;
      options.intent_takes_place = intent_takes;
      const FairRecord got =
          record_fair_outcomes(c.round, c.fair, c.outcomes, options);
      std::vector<RefIssue> issues;
      for (const RecordIssue& i : got.issues) {
        issues.push_back({i.index, i.field, i.warning, i.other});
        EXPECT_FALSE(i.expected.empty());
      }
      const std::vector<RefIssue> expected = reference_issues(c, intent_takes);
      ASSERT_EQ(issues, expected) << "seed " << seed;
      const bool errors =
          std::any_of(expected.begin(), expected.end(),
                      [](const RefIssue& i) { return !i.warning; });
      EXPECT_EQ(got.ok(), !errors);
      if (got.ok()) {
        ++clean;
        expect_next_round(c, got, intent_takes);
      } else {
        ++with_errors;
        EXPECT_TRUE(got.round.veterans.empty());
      }
    }
  }
  // Both paths are exercised often.
  std::printf("clean %d, with errors %d\n", clean, with_errors);
  EXPECT_GT(clean, 120);
  EXPECT_GT(with_errors, 200);
}

TEST(FairRecordTest, SoundOutcomesFromAPlanGoThroughWhole) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    test::RandomFairOptions o;
    o.veterans = 10 + int(seed % 20);
    o.booths = 2 + int(seed % 4);
    o.max_capacity = 6;
    const Fair fair = test::random_fair(o, seed + 1000);
    const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
    Case c;
    c.fair = fair;
    c.round = fair.round;
    std::mt19937_64 gen(seed);
    std::set<std::string> placed;
    std::vector<Openings> left(c.round.postings.size());
    for (std::size_t p = 0; p < left.size(); ++p) {
      left[p] = c.round.postings[p].openings;
    }
    for (const Visit& v : plan.visits) {
      FairIntent f;
      f.veteran = c.round.veterans[std::size_t(v.veteran)].id;
      f.posting = c.round.postings[std::size_t(v.posting)].id;
      f.outcome = static_cast<FairOutcome>(gen() % 4);
      const bool taking =
          f.outcome == FairOutcome::kHired || f.outcome == FairOutcome::kIntent;
      if (taking &&
          (placed.contains(f.veteran) || left[std::size_t(v.posting)] == 0)) {
        f.outcome = FairOutcome::kDeclined;
      } else if (taking) {
        placed.insert(f.veteran);
        --left[std::size_t(v.posting)];
      }
      c.outcomes.push_back(f);
    }
    const FairRecord got = record_fair_outcomes(c.round, c.fair, c.outcomes);
    EXPECT_TRUE(got.issues.empty())
        << "seed " << seed << ": " << got.issues[0].expected;
    expect_next_round(c, got, true);
  }
}

TEST(FairRecordTest, EdgeCases) {
  test::RandomFairOptions o;
  const Fair fair = test::random_fair(o, 3);
  // No outcomes: the round unchanged.
  const FairRecord none = record_fair_outcomes(fair.round, fair, {});
  EXPECT_TRUE(none.ok());
  EXPECT_TRUE(none.round.taken.empty());
  EXPECT_TRUE(none.round.declined.empty());
  EXPECT_EQ(none.round.veterans.size(), fair.round.veterans.size());
  // A no-show records nothing; a declined pair listed before is not
  // repeated.
  Round round = fair.round;
  const std::string v = round.veterans[0].id, p = round.postings[0].id;
  round.declined.push_back({v, p});
  const std::vector<FairIntent> outcomes = {
      {v, p, FairOutcome::kDeclined},
      {v, round.postings[1].id, FairOutcome::kNoShow}};
  const FairRecord twice = record_fair_outcomes(round, fair, outcomes);
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice.round.declined.size(), round.declined.size());
  EXPECT_EQ(twice.counts.already, 1);
  EXPECT_EQ(twice.counts.open, 1);
  // Names.
  for (std::string_view name : fair_outcome_names()) {
    ASSERT_TRUE(parse_fair_outcome(name));
    EXPECT_EQ(to_string(*parse_fair_outcome(name)), name);
  }
  EXPECT_FALSE(parse_fair_outcome("maybe"));
}

}  // namespace
}  // namespace vetmatch
