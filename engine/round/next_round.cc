#include "engine/round/next_round.h"

#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/model/validate.h"

namespace vetmatch {
namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

template <typename Record>
std::unordered_map<std::string_view, int> index_by_id(
    const std::vector<Record>& records) {
  std::unordered_map<std::string_view, int> index;
  for (std::size_t i = 0; i < records.size(); ++i) {
    index.emplace(records[i].id, static_cast<int>(i));
  }
  return index;
}

int find(const std::unordered_map<std::string_view, int>& index,
         std::string_view id) {
  const auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

class AnswerChecker {
 public:
  AnswerChecker(const Round& round, std::span<const PairRef> proposals,
                const RoundAnswers& answers)
      : round_(round),
        proposals_(proposals),
        answers_(answers),
        veteran_(index_by_id(round.veterans)),
        posting_(index_by_id(round.postings)),
        taken_at_(round.veterans.size(), -1),
        not_looking_at_(round.veterans.size(), -1),
        withdrawn_(round.postings.size(), false),
        used_(round.postings.size(), 0),
        proposed_(round.veterans.size(), -1),
        answered_at_(round.veterans.size(), -1),
        accepted_at_(round.veterans.size(), -1) {
    for (std::size_t i = 0; i < round.taken.size(); ++i) {
      taken_at_[find(veteran_, round.taken[i].veteran)] = static_cast<int>(i);
      ++used_[find(posting_, round.taken[i].posting)];
    }
    for (std::size_t i = 0; i < round.not_looking.size(); ++i) {
      not_looking_at_[find(veteran_, round.not_looking[i])] =
          static_cast<int>(i);
    }
    for (const std::string& id : round.withdrawn) {
      withdrawn_[find(posting_, id)] = true;
    }
  }

  std::vector<AnswerIssue> run() {
    check_proposals();
    check_answers();
    check_not_looking();
    check_withdrawn();
    return std::move(issues_);
  }

 private:
  void add(AnswerSection section, std::size_t index, std::string field,
           std::string expected, std::string found) {
    issues_.push_back({section, static_cast<int>(index), std::move(field),
                       std::move(expected), std::move(found)});
  }

  void check_proposals() {
    for (std::size_t i = 0; i < proposals_.size(); ++i) {
      const PairRef& pr = proposals_[i];
      const int v = find(veteran_, pr.veteran);
      const int p = find(posting_, pr.posting);
      if (v < 0) {
        add(AnswerSection::kProposals, i, "veteran",
            "the id of a veteran of the round", quoted(pr.veteran));
      } else if (taken_at_[v] >= 0) {
        add(AnswerSection::kProposals, i, "veteran",
            "a veteran still in the round (the round has them in taken/" +
                std::to_string(taken_at_[v]) + ": is the result this round's?)",
            quoted(pr.veteran));
      } else if (not_looking_at_[v] >= 0) {
        add(AnswerSection::kProposals, i, "veteran",
            "a veteran still in the round (the round has them in "
            "not_looking/" +
                std::to_string(not_looking_at_[v]) +
                ": is the result this round's?)",
            quoted(pr.veteran));
      } else if (proposed_[v] >= 0) {
        add(AnswerSection::kProposals, i, "veteran",
            "one proposal per veteran (also assignments/" +
                std::to_string(proposed_[v]) + ")",
            quoted(pr.veteran));
      } else {
        proposed_[v] = static_cast<int>(i);
      }
      if (p < 0) {
        add(AnswerSection::kProposals, i, "posting",
            "the id of a posting of the round", quoted(pr.posting));
      } else if (withdrawn_[p]) {
        add(AnswerSection::kProposals, i, "posting",
            "a posting the round has not withdrawn (is the result this "
            "round's?)",
            quoted(pr.posting));
      }
    }
  }

  void check_answers() {
    std::vector<int> accepted(round_.postings.size(), 0);
    for (std::size_t i = 0; i < answers_.answers.size(); ++i) {
      const ProposalAnswer& a = answers_.answers[i];
      const int v = find(veteran_, a.veteran);
      const int p = find(posting_, a.posting);
      if (v < 0) {
        add(AnswerSection::kAnswers, i, "veteran",
            "the id of a veteran of the round", quoted(a.veteran));
      }
      if (p < 0) {
        add(AnswerSection::kAnswers, i, "posting",
            "the id of a posting of the round", quoted(a.posting));
      }
      if (v < 0 || p < 0) continue;
      const int proposal = proposed_[v];
      if (proposal < 0) {
        add(AnswerSection::kAnswers, i, "veteran",
            "a veteran the result proposed a posting to (an assignment)",
            quoted(a.veteran));
        continue;
      }
      const std::string& proposed = proposals_[proposal].posting;
      if (proposed != a.posting) {
        add(AnswerSection::kAnswers, i, "posting",
            "the posting the result proposed to " + quoted(a.veteran) + " (" +
                quoted(proposed) + ", assignments/" + std::to_string(proposal) +
                ")",
            quoted(a.posting));
        continue;
      }
      if (answered_at_[v] >= 0) {
        add(AnswerSection::kAnswers, i, "veteran",
            "one answer per proposal (also answers/" +
                std::to_string(answered_at_[v]) + ")",
            quoted(a.veteran));
        continue;
      }
      answered_at_[v] = static_cast<int>(i);
      if (a.answer != AnswerKind::kAccepted) continue;
      accepted_at_[v] = static_cast<int>(i);
      const Openings openings = round_.postings[p].openings;
      if (used_[p] + ++accepted[p] > openings) {
        add(AnswerSection::kAnswers, i, "posting",
            "a posting with an opening left (" + std::to_string(openings) +
                " openings, " + std::to_string(used_[p]) + " taken before, " +
                std::to_string(accepted[p] - 1) +
                " accepted earlier in these answers)",
            quoted(a.posting));
      }
    }
  }

  // Each id of `ids` must name a record of `index` and come once; `more(i,
  // record)` checks the sound ones further.
  template <typename More>
  void check_ids(const std::vector<std::string>& ids, AnswerSection section,
                 const std::unordered_map<std::string_view, int>& index,
                 std::string_view what, std::string_view list, More&& more) {
    std::unordered_map<std::string_view, int> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const int record = find(index, ids[i]);
      if (record < 0) {
        add(section, i, "",
            "the id of a " + std::string(what) + " of the round",
            quoted(ids[i]));
        continue;
      }
      const auto [it, inserted] = seen.emplace(ids[i], static_cast<int>(i));
      if (!inserted) {
        add(section, i, "",
            "each " + std::string(what) + " once (also " + std::string(list) +
                "/" + std::to_string(it->second) + ")",
            quoted(ids[i]));
        continue;
      }
      more(i, record);
    }
  }

  void check_not_looking() {
    check_ids(answers_.not_looking, AnswerSection::kNotLooking, veteran_,
              "veteran", "not_looking", [&](std::size_t i, int v) {
                const std::string& id = answers_.not_looking[i];
                if (taken_at_[v] >= 0) {
                  add(AnswerSection::kNotLooking, i, "",
                      "a veteran not placed in an earlier round (the round "
                      "has them in taken/" +
                          std::to_string(taken_at_[v]) + ")",
                      quoted(id));
                } else if (accepted_at_[v] >= 0) {
                  add(AnswerSection::kNotLooking, i, "",
                      "a veteran who accepts no proposal in these answers "
                      "(answers/" +
                          std::to_string(accepted_at_[v]) + " accepts)",
                      quoted(id));
                }
              });
  }

  void check_withdrawn() {
    check_ids(answers_.withdrawn, AnswerSection::kWithdrawn, posting_,
              "posting", "withdrawn", [](std::size_t, int) {});
  }

  const Round& round_;
  std::span<const PairRef> proposals_;
  const RoundAnswers& answers_;
  std::unordered_map<std::string_view, int> veteran_;
  std::unordered_map<std::string_view, int> posting_;
  std::vector<int> taken_at_;        ///< veteran -> index in round.taken
  std::vector<int> not_looking_at_;  ///< veteran -> index in not_looking
  std::vector<bool> withdrawn_;      ///< posting withdrawn in the round
  std::vector<Openings> used_;       ///< posting -> places taken before
  std::vector<int> proposed_;        ///< veteran -> proposal index
  std::vector<int> answered_at_;     ///< veteran -> answer index
  std::vector<int> accepted_at_;     ///< veteran -> accepting answer
  std::vector<AnswerIssue> issues_;
};

// Appends the ids `round` does not list yet, in order.
void append_new(std::vector<std::string>& list,
                const std::vector<std::string>& ids) {
  std::unordered_set<std::string> listed(list.begin(), list.end());
  for (const std::string& id : ids) {
    if (listed.insert(id).second) list.push_back(id);
  }
}

}  // namespace

std::string_view to_string(AnswerKind a) {
  switch (a) {
    case AnswerKind::kAccepted:
      return "accepted";
    case AnswerKind::kDeclined:
      return "declined";
  }
  return "unknown";
}

NextRound next_round(const Round& round, std::span<const PairRef> proposals,
                     const RoundAnswers& answers, UnansweredRule unanswered) {
  NextRound out;
  out.issues = AnswerChecker(round, proposals, answers).run();
  if (!out.issues.empty()) return out;

  Round& next = out.round;
  next = round;
  std::unordered_set<std::string_view> answered;
  for (const ProposalAnswer& a : answers.answers) {
    answered.insert(a.veteran);
    auto& list = a.answer == AnswerKind::kAccepted ? next.taken : next.declined;
    list.push_back({a.veteran, a.posting});
  }
  if (unanswered == UnansweredRule::kDeclined) {
    for (const PairRef& p : proposals) {
      if (!answered.contains(p.veteran)) next.declined.push_back(p);
    }
  }
  append_new(next.not_looking, answers.not_looking);
  append_new(next.withdrawn, answers.withdrawn);

  const std::vector<ValidationIssue> problems = validate(next);
  if (!problems.empty()) {
    throw std::logic_error("next_round: the next round fails validation at " +
                           std::string(to_string(problems[0].entity)) + "/" +
                           std::to_string(problems[0].index) + ": expected " +
                           problems[0].expected);
  }
  return out;
}

}  // namespace vetmatch
