#include "engine/policies/stable_certificate.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>

#include "engine/scoring/pair_eval.h"

namespace vetmatch {
namespace {

// Each deepening multiplies a failing list's depth by this.
constexpr int kDeepeningFactor = 4;

// `depth` times kDeepeningFactor, at most one more than there are partners
// (a list that long is complete).
int deeper(int depth, std::int32_t partners) {
  return static_cast<int>(std::min<std::int64_t>(
      std::int64_t{depth} * kDeepeningFactor + kDeepeningFactor,
      std::int64_t{partners} + 1));
}

}  // namespace

PostingHolds::PostingHolds(const IndexedRound& ir, const CandidateGraph& graph,
                           const ArcPlacement& placement,
                           PostingRanking ranking,
                           std::span<const double> points)
    : held(ir.n_postings, 0), worst(ir.n_postings) {
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (placement[v] < 0) continue;
    const CandidateArc& arc =
        graph.arcs[static_cast<std::size_t>(placement[v])];
    const RankKey key = posting_rank_key(ranking, v, arc.score, points);
    if (held[arc.posting]++ == 0 || rank_before(worst[arc.posting], key)) {
      worst[arc.posting] = key;
    }
  }
}

Failing certify(const IndexedRound& ir, const CandidateLists& lists,
                const CandidateGraph& graph, const ArcPlacement& placement,
                const PostingHolds& holds, PostingRanking ranking,
                std::span<const double> points,
                std::span<const std::uint8_t> partnered) {
  Failing failing;
  // Veterans the lists leave unproven; partners always count here (their
  // couple may move them anywhere).
  std::vector<std::int32_t> unproven;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const bool partner = !partnered.empty() && partnered[v];
    if (!partner && lists.veteran_complete(v)) continue;
    const std::int64_t a = placement[v];
    if (!partner && a >= 0 &&
        static_cast<std::size_t>(a) - graph.offsets[v] < lists.own_size(v)) {
      continue;
    }
    unproven.push_back(v);
  }
  RankKey best{-std::numeric_limits<double>::infinity(), -1};
  if (ranking == PostingRanking::kPoints) {
    for (std::int32_t v : unproven) {
      const RankKey key{points[v], v};
      if (best.veteran < 0 || rank_before(key, best)) best = key;
    }
  }
  // Postings, and the weakest cutoff among the unproven ones (points).
  bool open_unproven = false;
  RankKey lowest{0.0, -1};
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (lists.posting_complete(p)) continue;
    const bool full = holds.full(ir, p);
    if (ranking == PostingRanking::kScore) {
      const std::span<const PostingArc> list = lists.of_posting(p);
      const RankKey last{list.back().score, list.back().veteran};
      if (!full || rank_before(last, holds.worst[p])) {
        failing.postings.push_back(p);
        continue;
      }
      const PostingArc& mark = list[list.size() - 1 - list.size() / 10];
      if (!rank_before(holds.worst[p], RankKey{mark.score, mark.veteran})) {
        failing.postings_at_risk.push_back(p);
      }
    } else {
      if (full && best.veteran >= 0 && rank_before(holds.worst[p], best)) {
        continue;
      }
      if (best.veteran < 0 && full) continue;  // nobody unproven
      failing.postings.push_back(p);
      if (!full) {
        open_unproven = true;
      } else if (lowest.veteran < 0 || rank_before(lowest, holds.worst[p])) {
        lowest = holds.worst[p];
      }
    }
  }
  for (std::int32_t v : unproven) {
    if (!partnered.empty() && partnered[v]) continue;
    if (ranking == PostingRanking::kPoints && !open_unproven &&
        (lowest.veteran < 0 || !rank_before(RankKey{points[v], v}, lowest))) {
      continue;  // every unproven posting's cutoff outranks v
    }
    failing.veterans.push_back(v);
  }
  return failing;
}

void deepen(const IndexedRound& ir, const Failing& failing,
            ListDeepener& deepener, CandidateLists& lists,
            CandidateGraph& graph, StabilityReport& report) {
  std::vector<DepthRequest> requests;
  const double veteran_cost =
      double(failing.veterans.size()) * double(ir.n_postings);
  const double posting_cost =
      double(failing.postings.size()) * double(ir.n_veterans);
  if (!failing.veterans.empty() &&
      (failing.postings.empty() || veteran_cost < posting_cost)) {
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
  ++report.deepening_rounds;
  lists.update(graph);
}

PolicyOutcome outcome_of(const IndexedRound& ir, const CandidateGraph& graph,
                         const ArcPlacement& placement,
                         const CandidateLists& lists) {
  PolicyOutcome out;
  std::vector<std::int32_t> placed;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (placement[v] >= 0) {
      placed.push_back(v);
    } else {
      out.unassigned.push_back({ir.veteran_of[v],
                                lists.own_size(v) == 0
                                    ? UnassignedReason::kNoEligiblePosting
                                    : UnassignedReason::kEligiblePostingsFull,
                                0, std::nullopt});
    }
  }
  out.assignments.resize(placed.size());
  tbb::parallel_for(std::size_t{0}, placed.size(), [&](std::size_t i) {
    const std::int32_t v = placed[i];
    const std::int32_t p =
        graph.arcs[static_cast<std::size_t>(placement[v])].posting;
    Assignment& a = out.assignments[i];
    a.veteran = ir.veteran_of[v];
    a.posting = ir.posting_of[p];
    a.score = exact_score(ir, v, p, exact_distance_km(ir, v, p));
  });
  return out;
}

}  // namespace vetmatch
