// Couples in a points_order round (RoundConfig::couples == together):
// who is whose partner, and the joint pick a couple makes at its turn.
//
// Contract:
//  * A couple is two veterans who name each other in Veteran::partner
//    (one-sided names are not couples: validate() allows them, and such a
//    veteran picks alone). When both are in the round, partner[v] is the
//    other's slot. When v's partner was taken in an earlier round,
//    partner_posting[v] is the posting slot the partner took. Else -1.
//  * place_together(a, b): among pairs (p, q) of postings with an opening,
//    p eligible for a and q for b (all rules of eligibility.h), at most
//    max_km apart by great_circle_km (geo.h) and, when p == q, with two
//    openings left, the pair with the largest score(a, p) + score(b, q)
//    (that sum in double, a's score first); equal sums go to the smaller
//    p, then the smaller q (slots: id order). No such pair: nobody placed,
//    and had_options says, per partner, whether any posting with an
//    opening was eligible for them at all.
//  * place_near(v, anchor): the best posting (score desc, slot asc) with
//    an opening, eligible for v and at most max_km from posting `anchor`,
//    or -1.
// Method: both partners' open eligible postings with score bounds
// (OpenPostings::candidates), walked in order of their upper bounds with
// exact scores computed lazily; a walk stops once no later pair's bound
// can reach the best sum found. Distances between postings are decided
// from the float unit vectors where the margin allows, exactly otherwise.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/policies/open_postings.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct Couples {
  std::vector<std::int32_t> partner;          ///< by veteran slot
  std::vector<std::int32_t> partner_posting;  ///< by veteran slot
};

/// Every couple of the round (both ways, see above).
Couples find_couples(const IndexedRound& ir);

struct JointPick {
  std::int32_t posting[2] = {-1, -1};  ///< a's and b's, or -1 and -1
  bool had_options[2] = {false, false};
};

class CouplePlacer {
 public:
  CouplePlacer(const OpenPostings& open, const IndexedRound& ir, double max_km);

  JointPick place_together(std::int32_t a, std::int32_t b,
                           SearchScratch& scratch);
  std::int32_t place_near(std::int32_t v, std::int32_t anchor,
                          SearchScratch& scratch, bool& had_options);

 private:
  /// great_circle_km between postings p and q <= max_km.
  bool near_enough(std::int32_t p, std::int32_t q) const;

  const OpenPostings& open_;
  const IndexedRound& ir_;
  double max_km_;
  float limit_in_ = 0.0f, limit_out_ = 0.0f;
  bool any_distance_ = false;  ///< max_km reaches round the globe
  std::vector<OpenOption> first_;
};

}  // namespace vetmatch
