// Rounds that carry over: the next round's input from this round's input,
// the proposals its result made and the answers that came back.
//
// A proposal is one assignment of the result: (veteran, posting). Answers:
//   * accepted: the pair goes to `taken` (the veteran leaves the next
//     round, the posting loses an opening);
//   * declined: the pair goes to `declined` (never proposed again; the
//     veteran stays in the next round);
//   * a proposal with no answer stays open by default (neither taken nor
//     declined: the veteran stays and may be proposed the same posting
//     again); UnansweredRule::kDeclined records it as declined instead.
// Whole-record updates: veterans no longer looking go to `not_looking`,
// postings withdrawn to `withdrawn`. A veteran may decline and stop looking
// in the same answers; a posting may be accepted and then withdrawn (the
// place stays taken, the rest is gone).
//
// Contract: next_round() never throws for bad answers. It returns every
// problem found (issues, each naming the list, the entry's index and the
// field, as validate.h does) and then leaves `round` empty; otherwise the
// next round: `round` with its config, records and history copied and the
// new entries appended in the answers' order (accepted and declined pairs,
// then unanswered ones when they count as declined, in the proposals'
// order; not_looking and withdrawn ids that the round does not list yet).
// The result passes validate(). Checked: proposals name veterans still in
// the round and postings not withdrawn, each veteran once (the result is
// this round's); an answer names a proposal, once; not_looking and
// withdrawn name listed records, each once, no veteran both accepting and
// no longer looking, none already taken; accepted places fit the openings
// left. Precondition: validate(round) is empty.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

enum class AnswerKind { kAccepted, kDeclined };

struct ProposalAnswer {
  std::string veteran;
  std::string posting;
  AnswerKind answer = AnswerKind::kAccepted;
};

struct RoundAnswers {
  std::vector<ProposalAnswer> answers;
  std::vector<std::string> not_looking;  ///< Veteran ids.
  std::vector<std::string> withdrawn;    ///< Posting ids.
};

/// What a proposal nobody answered becomes.
enum class UnansweredRule { kStayOpen, kDeclined };

/// The list an issue is about: the result's proposals (its assignments),
/// or one of the answers' lists.
enum class AnswerSection { kProposals, kAnswers, kNotLooking, kWithdrawn };

struct AnswerIssue {
  AnswerSection section = AnswerSection::kAnswers;
  int index = 0;         ///< Position in that list.
  std::string field;     ///< "veteran", "posting", "answer" or "" (the id).
  std::string expected;  ///< What a sound value would be.
  std::string found;     ///< What was there, printed for a person.
};

struct NextRound {
  Round round;  ///< Empty when there are issues.
  std::vector<AnswerIssue> issues;
};

NextRound next_round(const Round& round, std::span<const PairRef> proposals,
                     const RoundAnswers& answers,
                     UnansweredRule unanswered = UnansweredRule::kStayOpen);

std::string_view to_string(AnswerKind a);

}  // namespace vetmatch
