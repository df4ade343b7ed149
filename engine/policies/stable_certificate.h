// The certificate behind `stable` and its couples variant: which veterans
// and postings the candidate lists prove cannot block with a pair outside
// the candidate graph, and the deepening of the lists where they do not.
//
// Contract (see stable.h for why each proof holds; every test is on the
// final placement alone, never on how it was reached):
//   * a veteran is proven when their own list is complete, or they are
//     placed at or above its last entry: any posting they prefer is on it;
//   * posting_ranking score: a posting is proven when its list is complete,
//     or it is full and its worst assignee ranks at or above its list's
//     last veteran: anyone off the list ranks below that one;
//   * posting_ranking points: a posting is proven when its list is
//     complete, or it is full and its worst assignee outranks (by points)
//     every unproven veteran, partners included.
// A pair outside the graph can block only if both sides are unproven.
// Veterans flagged `partnered` (placed as couples) never count as unproven
// veterans in `Failing::veterans`: a couple's blocking is checked apart
// (couples_stable.h).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/policies/candidate_lists.h"
#include "engine/policies/deferred_acceptance.h"
#include "engine/policies/policy.h"
#include "engine/shortlist/deeper_lists.h"

namespace vetmatch {

/// Per veteran slot: the index into graph.arcs of the arc they are placed
/// on, or -1.
using ArcPlacement = std::vector<std::int64_t>;

/// The final placement's view of the postings: how many each holds and its
/// worst assignee's key.
struct PostingHolds {
  std::vector<std::int32_t> held;
  std::vector<RankKey> worst;  ///< valid where held > 0

  PostingHolds(const IndexedRound& ir, const CandidateGraph& graph,
               const ArcPlacement& placement, PostingRanking ranking,
               std::span<const double> points);
  bool full(const IndexedRound& ir, std::int32_t p) const {
    return held[p] >= ir.posting_open[p];
  }
};

struct Failing {
  std::vector<std::int32_t> veterans;  ///< unproven, not partnered
  std::vector<std::int32_t> postings;  ///< unproven
  /// Postings that pass (score) but whose worst assignee sits in the last
  /// tenth of their list: deepened along with the failing ones, as the
  /// next round would likely fail them (speed only).
  std::vector<std::int32_t> postings_at_risk;
  bool certified() const { return veterans.empty() || postings.empty(); }
};

/// `points` by veteran slot (kPoints); `partnered` by veteran slot, or
/// empty.
Failing certify(const IndexedRound& ir, const CandidateLists& lists,
                const CandidateGraph& graph, const ArcPlacement& placement,
                const PostingHolds& holds, PostingRanking ranking,
                std::span<const double> points,
                std::span<const std::uint8_t> partnered);

/// Deepens the side whose failing lists cost less to deepen (a posting's
/// list scans every veteran, a veteran's every posting) to four times
/// their depth, then brings `graph` up to date; counts into `report`.
void deepen(const IndexedRound& ir, const Failing& failing,
            ListDeepener& deepener, CandidateLists& lists,
            CandidateGraph& graph, StabilityReport& report);

/// Assignments (veteran id order) and unassigned veterans (id order;
/// no_eligible_posting when their own list is empty) of a placement.
PolicyOutcome outcome_of(const IndexedRound& ir, const CandidateGraph& graph,
                         const ArcPlacement& placement,
                         const CandidateLists& lists);

}  // namespace vetmatch
