#include "engine/policies/partner_anchors.h"

#include "engine/policies/couples.h"
#include "engine/scoring/geo.h"

namespace vetmatch {

PartnerAnchors::PartnerAnchors(const IndexedRound& ir,
                               const RoundConfig& config)
    : ir_(&ir), max_km_(config.couple_max_km) {
  if (config.couples != CouplesRule::kTogether) return;
  Couples couples = find_couples(ir);
  for (std::int32_t p : couples.partner_posting) count_ += p >= 0;
  if (count_ > 0) anchor_ = std::move(couples.partner_posting);
}

bool PartnerAnchors::allows(std::int32_t v, std::int32_t p) const {
  const std::int32_t a = anchor(v);
  if (a < 0 || a == p) return true;
  const Round& round = *ir_->round;
  return great_circle_km(round.postings[ir_->posting_of[p]].location,
                         round.postings[ir_->posting_of[a]].location) <=
         max_km_;
}

}  // namespace vetmatch
