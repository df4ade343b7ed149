#include "tests/reference/reference_anchors.h"

#include "tests/reference/brute_force.h"

namespace vetmatch::test {

ReferenceAnchors::ReferenceAnchors(const Round& round)
    : round_(round), anchor_(round.veterans.size(), -1) {
  if (round.config.couples != CouplesRule::kTogether) return;
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    const Veteran& me = round.veterans[v];
    if (me.partner.empty()) continue;
    for (const Veteran& other : round.veterans) {
      if (other.id != me.partner || other.partner != me.id) continue;
      for (const PairRef& t : round.taken) {
        if (t.veteran != other.id) continue;
        for (std::size_t p = 0; p < round.postings.size(); ++p) {
          if (round.postings[p].id == t.posting) anchor_[v] = PostingIndex(p);
        }
      }
    }
  }
}

bool ReferenceAnchors::allowed(VeteranIndex v, PostingIndex p) const {
  const PostingIndex a = anchor_[v];
  if (a < 0) return true;
  return reference_distance_km(round_.postings[p].location,
                               round_.postings[a].location) <=
         round_.config.couple_max_km;
}

}  // namespace vetmatch::test
