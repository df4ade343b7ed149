// THE score of one (veteran, posting) pair and its components: the
// definition every fast path must reproduce exactly.
//
// Components, each in [0, 1]:
//   skill      = cosine of the two skill maps (skill id -> weight):
//                dot / (sqrt(|a|^2) * sqrt(|b|^2)), each sum accumulated in
//                ascending skill-id order (byte-wise); 0 when either map is
//                empty.
//   location   = exp(-distance_km / config.distance_scale_km), with
//                distance_km = great_circle_km() (engine/scoring/geo.h).
//   preference = 1 when the veteran names no industries or the posting's
//                industry is one of them; else 0 (also when the posting
//                names no industry).
// score = (w.skill * skill + w.location * location + w.preference *
//          preference) / (w.skill + w.location + w.preference),
// in double precision, evaluated in exactly that order.
//
// Orderings built on scores (shortlists, points_order picks) put the higher
// score first and break equal scores by the lower id (byte-wise).
#pragma once

#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch {

/// Scores one pair from the Round's records directly (no eligibility check).
/// Slow (sorts the skill maps); the engine uses its indexed form, and tests
/// compare against this.
PairScore score_pair(const Veteran& veteran, const Posting& posting,
                     const RoundConfig& config);

}  // namespace vetmatch
