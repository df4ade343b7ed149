// next_round() (engine/round/next_round.h): answers applied to a round
// (accepted -> taken, declined -> declined, unanswered open or declined,
// not_looking and withdrawn appended once), every kind of problem reported
// at its list, index and field, and, on random rounds, the next round run
// again: whoever accepted is out, a declined pair is never proposed again,
// a withdrawn posting is on no list and a veteran no longer looking gets
// nothing.
#include "engine/round/next_round.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/validate.h"
#include "engine/round/run_round.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

// Three veterans, three postings; P1 has two openings, one taken by V4.
Round small_round() {
  Round r;
  for (const char* id : {"V1", "V2", "V3", "V4"}) {
    Veteran v;
    v.id = id;
    v.location = {36.6, 114.5};
    r.veterans.push_back(v);
  }
  for (const char* id : {"P1", "P2", "P3"}) {
    Posting p;
    p.id = id;
    p.employer = "E";
    p.location = {36.6, 114.5};
    r.postings.push_back(p);
  }
  r.postings[0].openings = 2;
  r.taken = {{"V4", "P1"}};
  return r;
}

const std::vector<PairRef> kProposals = {
    {"V1", "P1"}, {"V2", "P2"}, {"V3", "P3"}};

struct Expected {
  AnswerSection section;
  int index;
  std::string field;
  std::string fragment;
};

void expect_issues(const NextRound& next, const std::vector<Expected>& want) {
  EXPECT_TRUE(next.round.veterans.empty());
  ASSERT_EQ(next.issues.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("issue " + std::to_string(i) + ": " + next.issues[i].expected +
                 ", found " + next.issues[i].found);
    EXPECT_EQ(next.issues[i].section, want[i].section);
    EXPECT_EQ(next.issues[i].index, want[i].index);
    EXPECT_EQ(next.issues[i].field, want[i].field);
    EXPECT_NE((next.issues[i].expected + ", found " + next.issues[i].found)
                  .find(want[i].fragment),
              std::string::npos);
  }
}

TEST(NextRoundTest, AppliesEachKindOfAnswer) {
  const Round round = small_round();
  RoundAnswers answers;
  answers.answers = {{"V2", "P2", AnswerKind::kDeclined},
                     {"V1", "P1", AnswerKind::kAccepted}};
  answers.not_looking = {"V2"};
  answers.withdrawn = {"P3"};
  const NextRound next = next_round(round, kProposals, answers);
  ASSERT_TRUE(next.issues.empty());
  const Round& r = next.round;
  EXPECT_TRUE(validate(r).empty());
  ASSERT_EQ(r.taken.size(), 2u);
  EXPECT_EQ(r.taken[1].veteran, "V1");
  EXPECT_EQ(r.taken[1].posting, "P1");
  ASSERT_EQ(r.declined.size(), 1u);
  EXPECT_EQ(r.declined[0].veteran, "V2");
  EXPECT_EQ(r.not_looking, std::vector<std::string>{"V2"});
  EXPECT_EQ(r.withdrawn, std::vector<std::string>{"P3"});
  // V3's proposal had no answer: open, so nothing about V3 changed.
  for (const PairRef& d : r.declined) EXPECT_NE(d.veteran, "V3");
  // Records and config are copied as they were.
  EXPECT_EQ(r.veterans.size(), round.veterans.size());
  EXPECT_EQ(r.postings[0].openings, 2);
}

TEST(NextRoundTest, UnansweredProposalsStayOpenOrCountAsDeclined) {
  const Round round = small_round();
  RoundAnswers answers;
  answers.answers = {{"V1", "P1", AnswerKind::kAccepted}};
  const NextRound open = next_round(round, kProposals, answers);
  ASSERT_TRUE(open.issues.empty());
  EXPECT_TRUE(open.round.declined.empty());
  const NextRound declined =
      next_round(round, kProposals, answers, UnansweredRule::kDeclined);
  ASSERT_TRUE(declined.issues.empty());
  ASSERT_EQ(declined.round.declined.size(), 2u);
  EXPECT_EQ(declined.round.declined[0].veteran, "V2");
  EXPECT_EQ(declined.round.declined[0].posting, "P2");
  EXPECT_EQ(declined.round.declined[1].veteran, "V3");
}

TEST(NextRoundTest, ListsAlreadyInTheRoundAreNotRepeated) {
  Round round = small_round();
  round.not_looking = {"V3"};
  round.withdrawn = {"P2"};
  const std::vector<PairRef> proposals = {{"V1", "P1"}};
  RoundAnswers answers;
  answers.not_looking = {"V3", "V2"};
  answers.withdrawn = {"P2", "P3"};
  const NextRound next = next_round(round, proposals, answers);
  ASSERT_TRUE(next.issues.empty());
  EXPECT_EQ(next.round.not_looking, (std::vector<std::string>{"V3", "V2"}));
  EXPECT_EQ(next.round.withdrawn, (std::vector<std::string>{"P2", "P3"}));
}

TEST(NextRoundTest, AcceptedThenWithdrawnAndDeclinedThenNotLooking) {
  const Round round = small_round();
  RoundAnswers answers;
  answers.answers = {{"V1", "P1", AnswerKind::kAccepted},
                     {"V2", "P2", AnswerKind::kDeclined}};
  answers.withdrawn = {"P1"};
  answers.not_looking = {"V2"};
  const NextRound next = next_round(round, kProposals, answers);
  ASSERT_TRUE(next.issues.empty());
  const RoundResult result = run_round(next.round);
  // V1 and V4 placed before, V2 not looking: only V3 is in the round, and
  // P1 (withdrawn) is on no list.
  EXPECT_EQ(result.stats.veterans, 1);
  EXPECT_EQ(result.stats.veterans_taken, 2);
  EXPECT_EQ(result.stats.veterans_not_looking, 1);
  EXPECT_EQ(result.stats.postings_withdrawn, 1);
  ASSERT_EQ(result.assignments.size(), 1u);
  EXPECT_EQ(next.round.veterans[result.assignments[0].veteran].id, "V3");
  EXPECT_NE(next.round.postings[result.assignments[0].posting].id, "P1");
}

TEST(NextRoundTest, ReportsEveryProblemOfTheAnswers) {
  const Round round = small_round();
  RoundAnswers answers;
  answers.answers = {
      {"V9", "P1", AnswerKind::kAccepted},  // 0: unknown veteran
      {"V1", "P9", AnswerKind::kAccepted},  // 1: unknown posting
      {"V1", "P2", AnswerKind::kAccepted},  // 2: not V1's proposal
      {"V4", "P1", AnswerKind::kDeclined},  // 3: V4 had no proposal
      {"V2", "P2", AnswerKind::kAccepted},  // 4: fine
      {"V2", "P2", AnswerKind::kDeclined},  // 5: answered twice
  };
  answers.not_looking = {"V9", "V2", "V4", "V3", "V3"};
  answers.withdrawn = {"P9", "P2", "P2"};
  const NextRound next = next_round(round, kProposals, answers);
  expect_issues(
      next,
      {
          {AnswerSection::kAnswers, 0, "veteran", "a veteran of the round"},
          {AnswerSection::kAnswers, 1, "posting", "a posting of the round"},
          {AnswerSection::kAnswers, 2, "posting",
           "the posting the result proposed to \"V1\" (\"P1\", "
           "assignments/0), found \"P2\""},
          {AnswerSection::kAnswers, 3, "veteran",
           "a veteran the result proposed a posting to"},
          {AnswerSection::kAnswers, 5, "veteran",
           "one answer per proposal (also answers/4)"},
          {AnswerSection::kNotLooking, 0, "", "a veteran of the round"},
          {AnswerSection::kNotLooking, 1, "",
           "accepts no proposal in these answers (answers/4 accepts)"},
          {AnswerSection::kNotLooking, 2, "",
           "not placed in an earlier round (the round has them in taken/0)"},
          {AnswerSection::kNotLooking, 4, "", "each veteran once"},
          {AnswerSection::kWithdrawn, 0, "", "a posting of the round"},
          {AnswerSection::kWithdrawn, 2, "",
           "each posting once (also withdrawn/1)"},
      });
}

TEST(NextRoundTest, AcceptedPlacesMustFitTheOpenings) {
  const Round round = small_round();  // P1: 2 openings, 1 taken by V4.
  // A stale result that proposes P1 twice (V2 here in place of P2).
  const std::vector<PairRef> proposals = {{"V1", "P1"}, {"V2", "P1"}};
  RoundAnswers answers;
  answers.answers = {{"V1", "P1", AnswerKind::kAccepted},
                     {"V2", "P1", AnswerKind::kAccepted}};
  expect_issues(next_round(round, proposals, answers),
                {{AnswerSection::kAnswers, 1, "posting",
                  "an opening left (2 openings, 1 taken before, 1 accepted "
                  "earlier in these answers)"}});
  // Declining instead is fine.
  answers.answers[1].answer = AnswerKind::kDeclined;
  EXPECT_TRUE(next_round(round, proposals, answers).issues.empty());
}

TEST(NextRoundTest, AResultFromAnotherRoundIsCaughtAtItsProposals) {
  Round round = small_round();
  round.not_looking = {"V3"};
  round.withdrawn = {"P3"};
  const std::vector<PairRef> proposals = {
      {"V4", "P2"},  // 0: V4 was placed before
      {"V3", "P2"},  // 1: V3 is not looking
      {"V1", "P3"},  // 2: P3 is withdrawn
      {"V2", "P2"},  // 3: fine
      {"V2", "P1"},  // 4: V2 proposed twice
      {"V8", "P8"},  // 5: unknown both
  };
  expect_issues(
      next_round(round, proposals, {}),
      {
          {AnswerSection::kProposals, 0, "veteran", "taken/0"},
          {AnswerSection::kProposals, 1, "veteran", "not_looking/0"},
          {AnswerSection::kProposals, 2, "posting", "not withdrawn"},
          {AnswerSection::kProposals, 4, "veteran",
           "one proposal per veteran (also assignments/3)"},
          {AnswerSection::kProposals, 5, "veteran", "a veteran of the round"},
          {AnswerSection::kProposals, 5, "posting", "a posting of the round"},
      });
}

TEST(NextRoundTest, NoProposalsAndNoAnswersCopyTheRound) {
  const Round round = small_round();
  const NextRound next = next_round(round, {}, {});
  ASSERT_TRUE(next.issues.empty());
  EXPECT_EQ(next.round.taken.size(), 1u);
  EXPECT_TRUE(next.round.declined.empty());
  const NextRound empty = next_round(Round{}, {}, {});
  EXPECT_TRUE(empty.issues.empty());
  EXPECT_TRUE(validate(empty.round).empty());
}

// Random rounds: run, answer at random, carry over, run again.
TEST(NextRoundTest, RandomRoundsCarryOverSoundly) {
  std::size_t total_accepted = 0, total_declined = 0, total_not_looking = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    test::RandomRoundOptions options = test::varied_options(seed + 1700, 60);
    const Round round = test::random_round(options, seed + 1700);
    const RoundResult result = run_round(round);
    std::vector<PairRef> proposals;
    for (const Assignment& a : result.assignments) {
      proposals.push_back(
          {round.veterans[a.veteran].id, round.postings[a.posting].id});
    }
    std::mt19937_64 dice(seed);
    RoundAnswers answers;
    for (const PairRef& p : proposals) {
      const int roll = static_cast<int>(dice() % 4);  // 3: no answer
      if (roll == 0) {
        answers.answers.push_back(
            {p.veteran, p.posting, AnswerKind::kAccepted});
      }
      if (roll == 1) {
        answers.answers.push_back(
            {p.veteran, p.posting, AnswerKind::kDeclined});
        if (dice() % 3 == 0) answers.not_looking.push_back(p.veteran);
      }
    }
    for (VeteranIndex v : result.veterans_by_id) {
      if (dice() % 10 == 0 && std::none_of(proposals.begin(), proposals.end(),
                                           [&](const PairRef& p) {
                                             return p.veteran ==
                                                    round.veterans[v].id;
                                           })) {
        answers.not_looking.push_back(round.veterans[v].id);
      }
    }
    for (const Posting& p : round.postings) {
      if (dice() % 8 == 0) answers.withdrawn.push_back(p.id);
    }
    // Some of them already out of the round: appended only once.
    std::set<std::string> fresh_withdrawn(round.withdrawn.begin(),
                                          round.withdrawn.end());
    for (const std::string& id : answers.withdrawn) fresh_withdrawn.insert(id);

    const UnansweredRule rule =
        seed % 2 ? UnansweredRule::kStayOpen : UnansweredRule::kDeclined;
    const NextRound next = next_round(round, proposals, answers, rule);
    ASSERT_TRUE(next.issues.empty()) << next.issues[0].expected;
    ASSERT_TRUE(validate(next.round).empty());
    EXPECT_EQ(std::set<std::string>(next.round.withdrawn.begin(),
                                    next.round.withdrawn.end()),
              fresh_withdrawn);
    EXPECT_EQ(next.round.withdrawn.size(), fresh_withdrawn.size());

    const RoundResult again = run_round(next.round);
    std::set<std::pair<std::string, std::string>> declined;
    for (const PairRef& d : next.round.declined) {
      declined.insert({d.veteran, d.posting});
    }
    std::set<std::string> out;
    for (const PairRef& t : next.round.taken) out.insert(t.veteran);
    for (const std::string& id : next.round.not_looking) out.insert(id);
    const std::set<std::string> withdrawn(next.round.withdrawn.begin(),
                                          next.round.withdrawn.end());
    for (const Assignment& a : again.assignments) {
      const std::string& v = next.round.veterans[a.veteran].id;
      const std::string& p = next.round.postings[a.posting].id;
      EXPECT_FALSE(out.contains(v)) << v;
      EXPECT_FALSE(withdrawn.contains(p)) << p;
      EXPECT_FALSE(declined.contains({v, p})) << v << " " << p;
    }
    for (PostingIndex p = 0; p < PostingIndex(next.round.postings.size());
         ++p) {
      if (withdrawn.contains(next.round.postings[p].id)) {
        EXPECT_TRUE(again.shortlists.of_posting(p).empty());
      }
    }
    std::size_t accepted = 0;
    for (const ProposalAnswer& a : answers.answers) {
      accepted += a.answer == AnswerKind::kAccepted;
    }
    EXPECT_EQ(again.stats.veterans_taken,
              std::int64_t(round.taken.size() + accepted));
    total_accepted += accepted;
    total_declined += next.round.declined.size() - round.declined.size();
    total_not_looking +=
        next.round.not_looking.size() - round.not_looking.size();
    EXPECT_EQ(again.stats.veterans + again.stats.veterans_taken +
                  again.stats.veterans_not_looking,
              std::int64_t(round.veterans.size()));
  }
  // The seeds exercise every kind of update.
  EXPECT_GT(total_accepted, 50u);
  EXPECT_GT(total_declined, 50u);
  EXPECT_GT(total_not_looking, 20u);
}

}  // namespace
}  // namespace vetmatch
