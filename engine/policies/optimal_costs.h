// The integer weights the `optimal` policy solves with, so that its
// optimality is exact (engine/policies/optimal.h).
//
// Contract:
//  * A score s in [0, 1] counts as score_units(s) = llround(s * 2^20)
//    integer units (kScoreScale = 1,048,576 units per score point, a
//    resolution of about 1e-6, the precision results are written with).
//    The rounding is monotone: s <= t implies units(s) <= units(t).
//  * total_score: the weight of a pair is its units. The policy's
//    assignment has the largest total of units of all assignments; its
//    total score is within 2^-21 per placed veteran of the largest total
//    of double scores (each rounding moves a score by at most 2^-21).
//  * coverage_first: the weight is placement_bonus + units, with the bonus
//    B = K * 2^20 + 1 for K = min(veterans, openings), the most veterans
//    any assignment can place: one more placement outweighs any difference
//    in score units over K placements, so the maximum weight places the
//    most veterans and, among those assignments, has the most units.
//  * Every weight fits in 2^60 (the solver's limit) for any valid round.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/model/round_config.h"

namespace vetmatch {

inline constexpr int kScoreScaleBits = 20;
inline constexpr std::int64_t kScoreScale = std::int64_t{1} << kScoreScaleBits;

inline std::int64_t score_units(double score) {
  return std::llround(std::ldexp(score, kScoreScaleBits));
}

/// The score a number of units stands for, exactly (|units| < 2^53).
inline double units_to_score(std::int64_t units) {
  return std::ldexp(static_cast<double>(units), -kScoreScaleBits);
}

/// 0 for total_score; for coverage_first, K * 2^20 + 1 with
/// K = min(veterans, openings).
inline std::int64_t placement_bonus(OptimalObjective objective,
                                    std::int64_t veterans,
                                    std::int64_t openings) {
  if (objective == OptimalObjective::kTotalScore) return 0;
  return std::max<std::int64_t>(0, std::min(veterans, openings)) * kScoreScale +
         1;
}

}  // namespace vetmatch
