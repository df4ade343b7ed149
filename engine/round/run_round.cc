#include "engine/round/run_round.h"

#include <chrono>
#include <stdexcept>

#include "engine/model/validate.h"
#include "engine/policies/policy.h"
#include "engine/round/round_stats.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/cut_shortlists.h"
#include "engine/shortlist/shortlist_builder.h"

namespace vetmatch {
namespace {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ =
      std::chrono::steady_clock::now();
};

}  // namespace

RoundResult run_round(const Round& round, const RunOptions& options) {
  Stopwatch watch;
  const std::vector<ValidationIssue> issues = validate(round);
  if (!issues.empty()) {
    throw std::invalid_argument(
        "run_round: the round has " + std::to_string(issues.size()) +
        " problem(s), first at " + std::string(to_string(issues[0].entity)) +
        "/" + std::to_string(issues[0].index) + "/" + issues[0].field +
        ": expected " + issues[0].expected);
  }
  const IndexedRound ir = index_round(round);
  RoundResult result;
  result.veterans_by_id = ir.veteran_of;
  result.postings_by_id = ir.posting_of;
  result.seconds.prepare = watch.lap();

  RoundConfig config = round.config;
  config.policy = options.policy.value_or(round.config.policy);
  // The policy may ask for deeper lists than the config's (its candidate
  // graph); the result keeps the config's depth.
  const ShortlistDepth own{config.veteran_shortlist_k,
                           config.posting_shortlist_k};
  const ShortlistDepth depth =
      options.run_policy ? policy_shortlist_depth(config) : own;
  Shortlists lists =
      build_shortlists(ir, depth.veteran_k, depth.posting_k, options.progress);
  const bool deeper =
      depth.veteran_k != own.veteran_k || depth.posting_k != own.posting_k;
  result.seconds.shortlists = watch.lap();

  PolicyOutcome outcome;
  if (options.run_policy) {
    result.policy = config.policy;
    outcome = run_policy(config, ir, lists, options.progress);
  }
  result.shortlists = deeper
                          ? cut_shortlists(lists, own.veteran_k, own.posting_k)
                          : std::move(lists);
  result.stats = compute_stats(ir, outcome);
  result.assignments = std::move(outcome.assignments);
  result.unassigned = std::move(outcome.unassigned);
  result.stability = std::move(outcome.stability);
  result.seconds.policy = watch.lap();
  return result;
}

}  // namespace vetmatch
