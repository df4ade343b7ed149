// Couples across rounds: a veteran whose partner took a place in an earlier
// round, under config.couples == together, may only be placed near it.
//
// Contract: partner_anchors(ir, config) finds, when config.couples is
// together, each veteran of the round whose partner (named both ways, as
// couples.h says) is not in this round but was taken at a posting of it
// (Round::taken); that posting is the veteran's anchor. allows(v, p) is
// false exactly when v has an anchor and posting p lies farther than
// config.couple_max_km from it (great-circle, posting to posting, geo.h):
// the pairs every policy must leave out for v (points_order places such a
// veteran near the anchor at their own turn; optimal and stable drop the
// pairs from their candidate graphs; the blocking-pair count never counts
// them). With couples independent nobody has an anchor and allows() is
// always true. Slots throughout.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/model/round_config.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

class PartnerAnchors {
 public:
  PartnerAnchors() = default;
  PartnerAnchors(const IndexedRound& ir, const RoundConfig& config);

  /// Whether anyone has an anchor.
  bool any() const { return count_ > 0; }
  std::int64_t count() const { return count_; }
  /// Posting slot of v's anchor, or -1.
  std::int32_t anchor(std::int32_t v) const {
    return anchor_.empty() ? -1 : anchor_[v];
  }
  bool allows(std::int32_t v, std::int32_t p) const;

 private:
  const IndexedRound* ir_ = nullptr;
  double max_km_ = 0.0;
  std::vector<std::int32_t> anchor_;  ///< by veteran slot; empty: none
  std::int64_t count_ = 0;
};

}  // namespace vetmatch
