// Whom a round's assignments serve: placed counts and coverage overall, per
// group and per priority flag, and the totals and means of the assignments'
// scores, distances and skill components. Shared by RoundStats (every
// result's stats) and QualityReport (`vetmatch eval`).
//
// Contract: a pure function of its inputs. `veterans` are the veterans of
// the round (Round indices, those out of the round left out by the caller);
// an assignment counts for its veteran's group and for each of their
// priority flags. Ratios with a zero denominator are 0; sums run in the
// order of `assignments`, so the same inputs give the same bits.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "engine/model/round.h"
#include "engine/round/round_result.h"  // Coverage, Assignment

namespace vetmatch {

struct CoverageFigures {
  Coverage overall;
  std::array<Coverage, 4> by_group{};     ///< soldier, nco, officer, spouse
  std::array<Coverage, 4> by_priority{};  ///< disabled, martyr_family, ...
  double total_score = 0.0;
  double mean_score = 0.0;
  double mean_distance_km = 0.0;
  double mean_skill = 0.0;  ///< Mean skill component.
};

CoverageFigures coverage_figures(const Round& round,
                                 std::span<const VeteranIndex> veterans,
                                 std::span<const Assignment> assignments);

}  // namespace vetmatch
