#include "engine/fair/record.h"

#include <array>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "engine/model/validate.h"

namespace vetmatch {
namespace {

constexpr std::array<std::string_view, 4> kOutcomeNames = {
    "hired", "intent", "declined", "no_show"};

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

template <typename Record>
std::unordered_map<std::string_view, int> index_by_id(
    const std::vector<Record>& records) {
  std::unordered_map<std::string_view, int> index;
  for (std::size_t i = 0; i < records.size(); ++i) {
    index.emplace(records[i].id, int(i));
  }
  return index;
}

bool takes_place(FairOutcome o, const RecordOptions& options) {
  return o == FairOutcome::kHired ||
         (o == FairOutcome::kIntent && options.intent_takes_place);
}

int find(const std::unordered_map<std::string_view, int>& index,
         std::string_view id) {
  const auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

class OutcomeChecker {
 public:
  OutcomeChecker(const Round& round, const Fair& fair,
                 std::span<const FairIntent> outcomes,
                 const RecordOptions& options)
      : round_(round),
        outcomes_(outcomes),
        options_(options),
        veteran_(index_by_id(round.veterans)),
        posting_(index_by_id(round.postings)),
        taken_at_(round.veterans.size(), -1),
        not_looking_at_(round.veterans.size(), -1),
        withdrawn_(round.postings.size(), false),
        used_(round.postings.size(), 0),
        takes_at_(round.veterans.size(), -1) {
    for (std::size_t i = 0; i < round.taken.size(); ++i) {
      taken_at_[find(veteran_, round.taken[i].veteran)] = int(i);
      ++used_[find(posting_, round.taken[i].posting)];
    }
    for (std::size_t i = 0; i < round.not_looking.size(); ++i) {
      not_looking_at_[find(veteran_, round.not_looking[i])] = int(i);
    }
    for (const std::string& id : round.withdrawn) {
      withdrawn_[find(posting_, id)] = true;
    }
    for (const Veteran& v : fair.round.veterans) registered_.insert(v.id);
    for (const Booth& b : fair.booths) {
      for (PostingIndex p : b.postings) {
        offered_.insert(fair.round.postings[std::size_t(p)].id);
      }
    }
  }

  std::vector<RecordIssue> run() {
    std::map<std::pair<std::string_view, std::string_view>, int> seen;
    std::vector<Openings> placed(round_.postings.size(), 0);
    for (std::size_t i = 0; i < outcomes_.size(); ++i) {
      const FairIntent& o = outcomes_[i];
      const int v = find(veteran_, o.veteran);
      const int p = find(posting_, o.posting);
      if (v < 0) {
        add(i, "veteran", "the id of a veteran of the round",
            quoted(o.veteran));
      } else if (!registered_.contains(o.veteran)) {
        warn(i, "veteran",
             "a veteran registered at the fair (recorded as a walk-in)",
             quoted(o.veteran));
      }
      if (p < 0) {
        add(i, "posting", "the id of a posting of the round",
            quoted(o.posting));
      } else if (!offered_.contains(o.posting)) {
        warn(i, "posting",
             "a posting offered at a booth of the fair (recorded anyway)",
             quoted(o.posting));
      }
      if (v < 0 || p < 0) continue;
      const auto [it, inserted] = seen.emplace(
          std::pair<std::string_view, std::string_view>(o.veteran, o.posting),
          int(i));
      if (!inserted) {
        add(i, "posting", "each (veteran, posting) pair once",
            quoted(o.posting));
        issues_.back().other = it->second;
        continue;
      }
      if (!takes_place(o.outcome, options_)) continue;
      if (taken_at_[v] >= 0) {
        add(i, "veteran",
            "a veteran not placed before (the round has them in taken/" +
                std::to_string(taken_at_[v]) + ")",
            quoted(o.veteran));
      } else if (not_looking_at_[v] >= 0) {
        add(i, "veteran",
            "a veteran still looking (the round has them in not_looking/" +
                std::to_string(not_looking_at_[v]) + ")",
            quoted(o.veteran));
      } else if (takes_at_[v] >= 0) {
        add(i, "outcome",
            "one place per veteran (" + quoted(o.veteran) + " has one already)",
            quoted(to_string(o.outcome)));
        issues_.back().other = takes_at_[v];
      } else {
        takes_at_[v] = int(i);
      }
      if (withdrawn_[p]) {
        add(i, "posting", "a posting its employer has not withdrawn",
            quoted(o.posting));
        continue;
      }
      const Openings openings = round_.postings[std::size_t(p)].openings;
      if (used_[p] + ++placed[p] > openings) {
        add(i, "posting",
            "a posting with an opening left (" + std::to_string(openings) +
                " openings, " + std::to_string(used_[p]) + " taken before, " +
                std::to_string(placed[p] - 1) +
                " taken earlier in these outcomes)",
            quoted(o.posting));
      }
    }
    return std::move(issues_);
  }

 private:
  void add(std::size_t i, std::string field, std::string expected,
           std::string found, bool warning = false) {
    issues_.push_back({int(i), std::move(field), std::move(expected),
                       std::move(found), warning});
  }
  void warn(std::size_t i, std::string field, std::string expected,
            std::string found) {
    add(i, std::move(field), std::move(expected), std::move(found), true);
  }

  const Round& round_;
  std::span<const FairIntent> outcomes_;
  const RecordOptions& options_;
  std::unordered_map<std::string_view, int> veteran_;
  std::unordered_map<std::string_view, int> posting_;
  std::vector<int> taken_at_;        ///< veteran -> index in round.taken
  std::vector<int> not_looking_at_;  ///< veteran -> index in not_looking
  std::vector<bool> withdrawn_;      ///< posting withdrawn in the round
  std::vector<Openings> used_;       ///< posting -> places taken before
  std::vector<int> takes_at_;        ///< veteran -> outcome taking a place
  std::unordered_set<std::string_view> registered_;
  std::unordered_set<std::string_view> offered_;
  std::vector<RecordIssue> issues_;
};

}  // namespace

std::string_view to_string(FairOutcome o) {
  return kOutcomeNames[static_cast<std::size_t>(o)];
}

std::optional<FairOutcome> parse_fair_outcome(std::string_view name) {
  for (std::size_t i = 0; i < kOutcomeNames.size(); ++i) {
    if (kOutcomeNames[i] == name) return static_cast<FairOutcome>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> fair_outcome_names() { return kOutcomeNames; }

bool FairRecord::ok() const {
  for (const RecordIssue& issue : issues) {
    if (!issue.warning) return false;
  }
  return true;
}

FairRecord record_fair_outcomes(const Round& round, const Fair& fair,
                                std::span<const FairIntent> outcomes,
                                const RecordOptions& options) {
  FairRecord out;
  out.issues = OutcomeChecker(round, fair, outcomes, options).run();
  if (!out.ok()) return out;

  Round& next = out.round;
  next = round;
  // Takers were checked to be new (not in taken before, once each); a
  // declined pair may already be listed.
  std::set<std::pair<std::string, std::string>> declined;
  for (const PairRef& r : round.declined) {
    declined.emplace(r.veteran, r.posting);
  }
  for (const FairIntent& o : outcomes) {
    if (takes_place(o.outcome, options)) {
      next.taken.push_back({o.veteran, o.posting});
      ++out.counts.taken;
    } else if (o.outcome == FairOutcome::kDeclined) {
      if (declined.emplace(o.veteran, o.posting).second) {
        next.declined.push_back({o.veteran, o.posting});
        ++out.counts.declined;
      } else {
        ++out.counts.already;
      }
    } else {
      ++out.counts.open;
    }
  }
  const std::vector<ValidationIssue> problems = validate(next);
  if (!problems.empty()) {
    throw std::logic_error(
        "record_fair_outcomes: the next round fails validation at " +
        std::string(to_string(problems[0].entity)) + "/" +
        std::to_string(problems[0].index) + ": expected " +
        problems[0].expected);
  }
  return out;
}

}  // namespace vetmatch
