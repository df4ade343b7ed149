#include "engine/policies/stable.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>

#include "engine/policies/candidate_lists.h"
#include "engine/policies/deferred_acceptance.h"
#include "engine/policies/points_order.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/deeper_lists.h"

namespace vetmatch {
namespace {

// Each deepening multiplies a failing posting's depth by this.
constexpr int kDeepeningFactor = 4;

// The certificate of stable.h: true when no pair outside the graph can
// block. Lists postings whose part fails in `deepen` (when some veteran's
// part fails too).
bool certify(const CandidateLists& lists, const CandidateGraph& graph,
             const DeferredAcceptanceOutcome& da, const IndexedRound& ir,
             std::vector<std::int32_t>& deepen) {
  deepen.clear();
  bool veteran_fails = false;
  const std::int32_t n = ir.n_veterans;
  std::vector<std::int32_t> held(ir.n_postings, 0);
  std::vector<RankKey> worst(ir.n_postings, RankKey{0.0, -1});
  for (std::int32_t v = 0; v < n; ++v) {
    const std::int64_t a = da.held_arc[v];
    const bool complete = lists.veteran_complete(v);
    if (a < 0) {
      veteran_fails |= !complete;
      continue;
    }
    const std::size_t position = static_cast<std::size_t>(a) - graph.offsets[v];
    veteran_fails |= !complete && position >= lists.own_size(v);
    const CandidateArc& arc = graph.arcs[static_cast<std::size_t>(a)];
    const RankKey key{arc.score, v};
    if (held[arc.posting]++ == 0 || rank_before(worst[arc.posting], key)) {
      worst[arc.posting] = key;
    }
  }
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (lists.posting_complete(p)) continue;
    const std::span<const PostingArc> list = lists.of_posting(p);
    const bool full = held[p] >= ir.posting_open[p];
    const RankKey last{list.back().score, list.back().veteran};
    if (full && !rank_before(last, worst[p])) continue;
    deepen.push_back(p);
  }
  return !veteran_fails || deepen.empty();
}

PolicyOutcome outcome_of(const IndexedRound& ir, const CandidateGraph& graph,
                         const DeferredAcceptanceOutcome& da,
                         const CandidateLists& lists) {
  PolicyOutcome out;
  std::vector<std::int32_t> placed;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (da.held_arc[v] >= 0) {
      placed.push_back(v);
    } else {
      out.unassigned.push_back({ir.veteran_of[v],
                                lists.own_size(v) == 0
                                    ? UnassignedReason::kNoEligiblePosting
                                    : UnassignedReason::kEligiblePostingsFull,
                                0});
    }
  }
  out.assignments.resize(placed.size());
  tbb::parallel_for(std::size_t{0}, placed.size(), [&](std::size_t i) {
    const std::int32_t v = placed[i];
    const std::int32_t p =
        graph.arcs[static_cast<std::size_t>(da.held_arc[v])].posting;
    Assignment& a = out.assignments[i];
    a.veteran = ir.veteran_of[v];
    a.posting = ir.posting_of[p];
    a.score = exact_score(ir, v, p, exact_distance_km(ir, v, p));
  });
  return out;
}

PolicyOutcome stable_by_score(const IndexedRound& ir,
                              const Shortlists& shortlists,
                              const ShortlistDepth& depth,
                              const ProgressFn& progress) {
  CandidateLists lists(ir, shortlists, depth);
  StabilityReport report;
  report.method = StabilityReport::Method::kDeferredAcceptance;
  const std::vector<double> no_points;
  std::vector<std::int32_t> deepen;
  for (;;) {
    const CandidateGraph graph = lists.graph();
    const DeferredAcceptanceOutcome da = deferred_acceptance(
        graph, ir.posting_open, PostingRanking::kScore, no_points);
    report.proposals += da.proposals;
    if (certify(lists, graph, da, ir, deepen)) {
      report.candidate_arcs = static_cast<std::int64_t>(graph.arcs.size());
      PolicyOutcome out = outcome_of(ir, graph, da, lists);
      out.stability = report;
      if (progress) progress("policy", 1.0);
      return out;
    }
    ++report.deepening_rounds;
    std::vector<DepthRequest> requests;
    for (std::int32_t p : deepen) {
      const int now = lists.posting_depth(p);
      // At most one more than there are veterans: a list that long is
      // complete.
      const int more = static_cast<int>(std::min<std::int64_t>(
          std::int64_t{now} * kDeepeningFactor + kDeepeningFactor,
          std::int64_t{ir.n_veterans} + 1));
      requests.push_back({p, more});
    }
    const std::vector<std::vector<Rescored>> deeper =
        deeper_posting_lists(ir, requests);
    for (std::size_t i = 0; i < requests.size(); ++i) {
      lists.set_posting_list(requests[i].posting, requests[i].depth, deeper[i]);
    }
    if (progress) progress("policy", 0.5);
  }
}

// posting_ranking points: serial dictatorship in points order, which is
// the unique stable matching; points_order computes it exactly.
PolicyOutcome stable_by_points(const IndexedRound& ir,
                               const ProgressFn& progress) {
  PolicyOutcome out = points_order(ir, progress);
  for (Assignment& a : out.assignments) a.turn = a.rank = a.open_postings = 0;
  for (Unassigned& u : out.unassigned) u.turn = 0;
  std::sort(out.assignments.begin(), out.assignments.end(),
            [&](const Assignment& a, const Assignment& b) {
              return ir.veteran_slot[a.veteran] < ir.veteran_slot[b.veteran];
            });
  StabilityReport report;
  report.method = StabilityReport::Method::kSerialDictatorship;
  out.stability = report;
  return out;
}

}  // namespace

ShortlistDepth stable_shortlist_depth(const RoundConfig& config) {
  if (config.posting_ranking == PostingRanking::kPoints &&
      config.couples != CouplesRule::kTogether) {
    return {config.veteran_shortlist_k, config.posting_shortlist_k};
  }
  return {std::max(config.veteran_shortlist_k, 1),
          std::max(config.posting_shortlist_k, kStablePostingDepth)};
}

PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists, const ProgressFn& progress) {
  return stable(config, ir, shortlists, stable_shortlist_depth(config),
                progress);
}

PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists, const ShortlistDepth& depth,
                     const ProgressFn& progress) {
  if (config.posting_ranking == PostingRanking::kPoints) {
    return stable_by_points(ir, progress);
  }
  return stable_by_score(ir, shortlists, depth, progress);
}

}  // namespace vetmatch
