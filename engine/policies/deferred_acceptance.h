// Veteran-proposing deferred acceptance with capacities (hospitals /
// residents) on a candidate graph: the core loop of `stable`.
//
// Problem: each veteran slot v has a list of candidate postings, best
// first (the veteran's preference: score desc, posting slot asc); each
// posting p holds at most capacity[p] veterans and prefers veterans by
// RankKey (posting_rank_key()). Veterans propose down their lists; a
// posting holds its best proposers up to its capacity and rejects the
// rest; a rejected or displaced veteran proposes to their next candidate.
//
// Contract: the outcome is the veteran-optimal stable matching of the
// instance restricted to the graph's arcs (Gale and Shapley; Roth 1984 for
// capacities), which does not depend on the order proposals are made in,
// so the result is deterministic whatever the thread count. Work: one
// proposal per arc at most, each O(log capacity).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/model/ids.h"
#include "engine/model/round_config.h"
#include "engine/policies/partner_anchors.h"

namespace vetmatch {

/// One candidate posting on a veteran's list.
struct CandidateArc {
  std::int32_t posting = -1;  ///< slot
  double score = 0.0;         ///< the pair's exact score
};

/// Veterans' candidate lists as one flat array with offsets:
/// arcs[offsets[v] .. offsets[v + 1]) is veteran slot v's list, best first
/// (score desc, posting slot asc), no posting twice.
struct CandidateGraph {
  std::vector<std::size_t> offsets;  ///< size n_veterans + 1
  std::vector<CandidateArc> arcs;
  /// Optional (empty or size n_veterans), for the graph's builder: how many
  /// of a veteran's first arcs came from their own list.
  std::vector<std::uint32_t> own_count;

  std::int32_t veteran_count() const {
    return offsets.empty() ? 0 : static_cast<std::int32_t>(offsets.size() - 1);
  }
  std::span<const CandidateArc> of(std::int32_t v) const {
    return {arcs.data() + offsets[v], offsets[v + 1] - offsets[v]};
  }
};

/// How a posting ranks a veteran: larger `primary` first, then the lower
/// veteran slot (slots are in id order). A strict total order per posting.
struct RankKey {
  double primary = 0.0;
  std::int32_t veteran = -1;
};

/// True when a posting prefers the veteran of `a` to that of `b`.
inline bool rank_before(const RankKey& a, const RankKey& b) {
  return a.primary > b.primary ||
         (a.primary == b.primary && a.veteran < b.veteran);
}

/// The key a posting ranks veteran v by: the pair's score
/// (PostingRanking::kScore) or v's placement points (kPoints).
inline RankKey posting_rank_key(PostingRanking ranking, std::int32_t v,
                                double score, std::span<const double> points) {
  return {ranking == PostingRanking::kScore ? score : points[v], v};
}

struct DeferredAcceptanceOutcome {
  /// Per veteran slot: the index into graph.arcs of the arc they are held
  /// on, or -1 when their list ran out.
  std::vector<std::int64_t> held_arc;
  std::int64_t proposals = 0;
};

/// `capacity` by posting slot (openings left); `points` by veteran slot
/// (read for PostingRanking::kPoints only).
/// `anchors`, when given, removes the pairs it does not allow: a veteran
/// passes over those arcs as if refused (the graph and its arc positions
/// stay as they are).
DeferredAcceptanceOutcome deferred_acceptance(
    const CandidateGraph& graph, std::span<const Openings> capacity,
    PostingRanking ranking, std::span<const double> points,
    const PartnerAnchors* anchors = nullptr);

}  // namespace vetmatch
