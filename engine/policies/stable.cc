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

// Each deepening multiplies a failing list's depth by this.
constexpr int kDeepeningFactor = 4;

// The certificate of stable.h: the veterans and the postings whose part
// fails. No pair outside the graph can block when either list is empty.
struct Failing {
  std::vector<std::int32_t> veterans;
  std::vector<std::int32_t> postings;
  /// Postings that pass but whose worst assignee sits in the last tenth of
  /// their list: deepened along with the failing ones, as the next round
  /// would likely fail them (speed only; the certificate decides).
  std::vector<std::int32_t> postings_at_risk;
  bool certified() const { return veterans.empty() || postings.empty(); }
};

Failing certify(const CandidateLists& lists, const CandidateGraph& graph,
                const DeferredAcceptanceOutcome& da, const IndexedRound& ir) {
  Failing failing;
  std::vector<std::int32_t> held(ir.n_postings, 0);
  std::vector<RankKey> worst(ir.n_postings, RankKey{0.0, -1});
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const std::int64_t a = da.held_arc[v];
    const bool complete = lists.veteran_complete(v);
    if (a < 0) {
      if (!complete) failing.veterans.push_back(v);
      continue;
    }
    const std::size_t position = static_cast<std::size_t>(a) - graph.offsets[v];
    if (!complete && position >= lists.own_size(v)) {
      failing.veterans.push_back(v);
    }
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
    if (!full || rank_before(last, worst[p])) {
      failing.postings.push_back(p);
      continue;
    }
    const PostingArc& mark = list[list.size() - 1 - list.size() / 10];
    if (!rank_before(worst[p], RankKey{mark.score, mark.veteran})) {
      failing.postings_at_risk.push_back(p);
    }
  }
  return failing;
}

// Each failing list `depth` times kDeepeningFactor, at most one more than
// there are partners (a list that long is complete).
int deeper(int depth, std::int32_t partners) {
  return static_cast<int>(std::min<std::int64_t>(
      std::int64_t{depth} * kDeepeningFactor + kDeepeningFactor,
      std::int64_t{partners} + 1));
}

// Deepens the side whose lists cost less to deepen: a posting's list
// scans every veteran, a veteran's every posting.
void deepen(const IndexedRound& ir, const Failing& failing,
            ListDeepener& deepener, CandidateLists& lists,
            StabilityReport& report) {
  std::vector<DepthRequest> requests;
  const double veteran_cost =
      double(failing.veterans.size()) * double(ir.n_postings);
  const double posting_cost =
      double(failing.postings.size()) * double(ir.n_veterans);
  if (veteran_cost < posting_cost) {
    for (std::int32_t v : failing.veterans) {
      requests.push_back({v, deeper(lists.veteran_depth(v), ir.n_postings)});
    }
    const std::vector<std::vector<Rescored>> more =
        deepener.veteran_lists(requests);
    for (std::size_t i = 0; i < requests.size(); ++i) {
      lists.set_own_list(requests[i].owner, requests[i].depth, more[i]);
    }
    report.veterans_deepened += static_cast<std::int64_t>(requests.size());
  } else {
    for (const auto* postings :
         {&failing.postings, &failing.postings_at_risk}) {
      for (std::int32_t p : *postings) {
        requests.push_back({p, deeper(lists.posting_depth(p), ir.n_veterans)});
      }
    }
    const std::vector<std::vector<Rescored>> more =
        deepener.posting_lists(requests);
    for (std::size_t i = 0; i < requests.size(); ++i) {
      lists.set_posting_list(requests[i].owner, requests[i].depth, more[i]);
    }
    report.postings_deepened += static_cast<std::int64_t>(requests.size());
  }
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
  ListDeepener deepener(ir);
  StabilityReport report;
  report.method = StabilityReport::Method::kDeferredAcceptance;
  const std::vector<double> no_points;
  CandidateGraph graph = lists.graph();
  for (;;) {
    const DeferredAcceptanceOutcome da = deferred_acceptance(
        graph, ir.posting_open, PostingRanking::kScore, no_points);
    report.proposals += da.proposals;
    const Failing failing = certify(lists, graph, da, ir);
    if (failing.certified()) {
      report.candidate_arcs = static_cast<std::int64_t>(graph.arcs.size());
      PolicyOutcome out = outcome_of(ir, graph, da, lists);
      out.stability = report;
      if (progress) progress("policy", 1.0);
      return out;
    }
    ++report.deepening_rounds;
    deepen(ir, failing, deepener, lists, report);
    lists.update(graph);
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
