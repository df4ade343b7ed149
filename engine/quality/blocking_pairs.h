// Blocking pairs of any policy's outcome, counted exactly over all eligible
// pairs: the figure that says how far an assignment is from stable.
//
// Definition: a blocking pair is an eligible pair (v, p) (eligibility.h)
// of a veteran of the round and a posting, allowed by `anchors` when
// given, where v prefers p to their
// posting (score desc, posting id asc) or has none, and p has an opening
// left or prefers v to its worst assignee under `ranking` (kScore: the
// pair's score desc, kPoints: placement points desc; ties by veteran id
// asc). A veteran's own posting never blocks with them.
//
// Method: a pair can be counted without a scan where a shortlist proves it
// (shortlists are exact prefixes, shortlist_builder.h):
//   * a veteran placed at or above their shortlist's last entry, or whose
//     list holds all their eligible postings, can only block with postings
//     on their list: those pairs are checked one by one;
//   * a posting (kScore) whose list holds all its eligible veterans, or
//     that is full with its worst assignee at or above its list's last
//     entry, can only block with veterans on its list: likewise.
// The rest (veterans and postings neither proves) is scanned with
// pairs_at_or_above() (pair_scan.h), floors: the veteran's own score
// (their placement's, -infinity when unplaced) and (kScore) the posting's
// worst assignee's score when full, -infinity when not; kPoints gives no
// score floor for a posting, but a full posting whose worst assignee
// outranks every veteran of a chunk is left out of that chunk's scan.
// kScore scans all those veterans at once; kPoints in 16 chunks in points
// order (veterans_per_scan sets another size). Each pair found is checked
// exactly as the scan finds it and none is kept
// (for_each_pair_at_or_above()), so memory does not grow with the count.
// Cost: nothing beyond the checks of the shortlists' pairs when the
// shortlists prove every veteran or every posting (a `stable` outcome on
// its own lists, usually); otherwise about one pass of the fused kernel
// over the veterans not proven (a shortlist stage's time when that is most
// of them, as after points_order) plus an exact score per kernel hit.
//
// Same input, same count, whatever the thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/model/round_config.h"
#include "engine/policies/partner_anchors.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct BlockingPairOptions {
  PostingRanking ranking = PostingRanking::kScore;
  /// Optional shortlists of the round (Round index space) built at
  /// veteran_k / posting_k (e.g. the lists run_round built for the
  /// policy): they spare scanning what they prove.
  const Shortlists* shortlists = nullptr;
  int veteran_k = 0;
  int posting_k = 0;
  /// When not empty, each posting's own k (by posting slot), as
  /// ShortlistOptions::posting_k_each, in place of posting_k.
  std::vector<int> posting_k_each;
  /// Veterans (Round index) never counted as a pair's veteran, e.g.
  /// partners placed together under couples == together, whose instability
  /// is a couple's (StabilityReport); they still hold their postings.
  /// Empty: none.
  std::vector<std::uint8_t> skip_veteran;
  /// Optional: pairs it does not allow (a partner's place taken in an
  /// earlier round too far away, partner_anchors.h) never block.
  const PartnerAnchors* anchors = nullptr;
  /// Veterans per pair scan; 0: all at once (kScore), 16 chunks (kPoints).
  std::int64_t veterans_per_scan = 0;
};

struct BlockingPairCount {
  std::int64_t pairs = 0;
  /// Distinct veterans in at least one blocking pair.
  std::int64_t veterans = 0;
  /// Pair scans made.
  std::int32_t scans = 0;
};

/// `assignments` in Round index space (any order), each an eligible pair
/// of a veteran of the round, no veteran twice, no posting over its
/// openings left.
BlockingPairCount count_blocking_pairs(const IndexedRound& ir,
                                       std::span<const Assignment> assignments,
                                       const BlockingPairOptions& options);

}  // namespace vetmatch
