#include "engine/round/run_round.h"

#include <chrono>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/model/validate.h"
#include "engine/policies/partner_anchors.h"
#include "engine/policies/policy.h"
#include "engine/quality/blocking_pairs.h"
#include "engine/round/no_eligible.h"
#include "engine/round/round_stats.h"
#include "engine/scoring/indexed_round.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/shortlist_builder.h"
#include "engine/shortlist/truncate_shortlists.h"

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

// The reasons of every policy's unassigned veterans, from the scan: no
// eligible posting (and why), else eligible postings full (an unplaced
// veteran's eligible postings are all full at the end of every policy:
// points_order by its turns, optimal and stable since a free opening would
// raise the objective or block).
void explain_unassigned(const IndexedRound& ir,
                        const std::vector<NoEligibleVeteran>& no_eligible,
                        std::vector<Unassigned>& unassigned) {
  std::vector<std::int8_t> reason(ir.veteran_slot.size(), -1);
  for (const NoEligibleVeteran& n : no_eligible) {
    reason[n.veteran] = static_cast<std::int8_t>(n.reason);
  }
  for (Unassigned& u : unassigned) {
    if (reason[u.veteran] < 0) {
      // A couple's partner left out for want of a joint placement keeps
      // that reason; anyone else with an eligible posting found them full.
      if (u.reason != UnassignedReason::kNoJointPlacement) {
        u.reason = UnassignedReason::kEligiblePostingsFull;
      }
      u.excluded_by.reset();
    } else {
      u.reason = UnassignedReason::kNoEligiblePosting;
      u.excluded_by = static_cast<NoEligibleReason>(reason[u.veteran]);
    }
  }
}

// A veteran whose partner was placed in an earlier round, left out while
// an eligible posting still has an opening (one too far from the partner's
// posting, else the policy would have taken it): no_joint_placement, as
// points_order says it.
void explain_anchored(const IndexedRound& ir, const PartnerAnchors& anchors,
                      const std::vector<Assignment>& assignments,
                      std::vector<Unassigned>& unassigned) {
  std::vector<Openings> open = ir.posting_open;
  for (const Assignment& a : assignments) --open[ir.posting_slot[a.posting]];
  std::vector<std::int32_t> open_postings;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (open[p] > 0) open_postings.push_back(p);
  }
  for (Unassigned& u : unassigned) {
    const std::int32_t v = ir.veteran_slot[u.veteran];
    if (u.reason != UnassignedReason::kEligiblePostingsFull ||
        anchors.anchor(v) < 0) {
      continue;
    }
    for (std::int32_t p : open_postings) {
      if (exact_eligibility(ir, v, p, exact_distance_km(ir, v, p)) ==
          Ineligibility::kEligible) {
        u.reason = UnassignedReason::kNoJointPlacement;
        break;
      }
    }
  }
}

// 1 for each veteran of the round (Round index) whose partner names them
// back and is in the round too.
std::vector<std::uint8_t> partners_in_round(const Round& round,
                                            const IndexedRound& ir) {
  std::unordered_map<std::string_view, VeteranIndex> index;
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    index.emplace(round.veterans[v].id, VeteranIndex(v));
  }
  std::vector<std::uint8_t> out(round.veterans.size(), 0);
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    const Veteran& me = round.veterans[v];
    if (me.partner.empty() || ir.veteran_slot[v] < 0) continue;
    const auto it = index.find(me.partner);
    if (it == index.end() || ir.veteran_slot[it->second] < 0) continue;
    if (round.veterans[it->second].partner == me.id) out[v] = 1;
  }
  return out;
}

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
  for (PostingIndex p : ir.posting_of) {
    if (!ir.posting_withdrawn[ir.posting_slot[p]]) {
      result.postings_by_id.push_back(p);
    }
  }
  result.seconds.prepare = watch.lap();

  // One build serves the policy (which may need deeper lists on one side,
  // policy_shortlist_options) and the result (the config's k: cut back
  // after the policy ran, exactly).
  RoundConfig config = round.config;
  config.policy = options.policy.value_or(round.config.policy);
  ShortlistOptions depth;
  depth.veteran_k = config.veteran_shortlist_k;
  depth.posting_k = config.posting_shortlist_k;
  if (options.run_policy) depth = policy_shortlist_options(config, ir);
  result.shortlists = build_shortlists(ir, depth, options.progress);
  result.seconds.shortlists = watch.lap();

  PolicyOutcome outcome;
  std::int64_t blocking_pairs = -1;  // not counted
  const PartnerAnchors anchors(ir, config);
  if (options.run_policy) {
    result.policy = config.policy;
    outcome = run_policy(config, ir, result.shortlists, options.progress);
    result.seconds.policy = watch.lap();
    // Blocking pairs under the round's posting ranking, for every policy,
    // on the lists as deep as the policy had them (they prove more).
    // Partners placed together are left to the couples' own report.
    BlockingPairOptions blocking;
    blocking.ranking = config.posting_ranking;
    blocking.shortlists = &result.shortlists;
    blocking.veteran_k = depth.veteran_k;
    blocking.posting_k = depth.posting_k;
    blocking.posting_k_each = depth.posting_k_each;
    if (config.couples == CouplesRule::kTogether) {
      blocking.skip_veteran = partners_in_round(round, ir);
    }
    if (anchors.any()) blocking.anchors = &anchors;
    blocking_pairs =
        count_blocking_pairs(ir, outcome.assignments, blocking).pairs;
    truncate_shortlists(result.shortlists, config.veteran_shortlist_k,
                        config.posting_shortlist_k);
  } else {
    result.seconds.policy = watch.lap();
  }

  const std::vector<NoEligibleVeteran> no_eligible =
      veterans_without_eligible_posting(ir, result.shortlists);
  explain_unassigned(ir, no_eligible, outcome.unassigned);
  if (anchors.any()) {
    explain_anchored(ir, anchors, outcome.assignments, outcome.unassigned);
  }
  result.stats = compute_stats(ir, outcome, no_eligible);
  result.stats.blocking_pairs = blocking_pairs;
  result.assignments = std::move(outcome.assignments);
  result.unassigned = std::move(outcome.unassigned);
  result.optimality = outcome.optimality;
  result.stability = std::move(outcome.stability);
  result.seconds.stats = watch.lap();
  return result;
}

}  // namespace vetmatch
