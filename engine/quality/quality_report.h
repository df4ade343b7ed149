// Figures for tuning weights: how well a round's shortlists and assignments
// agree with the crosswalks, and whom they serve.
//
// Definitions (README.md, "Tuning with vetmatch eval"):
//   * A veteran's targets: the CSCO and O*NET occupations their specialties
//     crosswalk to (PLA families: both columns; US codes: the O*NET matches).
//     A posting's occupations: its code, plus a CSCO code's O*NET mapping.
//     A posting is a crosswalk hit for a veteran when the two share a code.
//   * recall@k: among veterans with targets for whom the round holds at least
//     one hit posting, the share whose first k shortlist entries hold a hit.
//     random_recall@k: the same for k postings drawn at random from the
//     round, 1 - (1 - hits / postings)^k averaged over those veterans (a
//     baseline for scale).
//   * related hit rate: the share of shortlist entries (of veterans with
//     O*NET targets) whose posting's O*NET occupations are a target or one
//     of O*NET's primary related occupations of a target.
//   * coverage per group and per priority flag: assigned / veterans
//     (coverage_figures(), engine/round/coverage.h, as in every result's
//     stats).
//   * mean distance and mean skill component of assignments and of
//     shortlist entries.
// Contract: a pure function of its inputs; veterans taken in earlier rounds
// are left out, as in RoundStats. Ratios with a zero denominator are 0.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/model/round.h"
#include "engine/round/coverage.h"
#include "engine/round/round_result.h"
#include "engine/skills/skill_space.h"

namespace vetmatch {

struct RecallAt {
  int k = 0;
  double recall = 0.0;
  double random_recall = 0.0;
};

struct QualityReport {
  std::int64_t veterans = 0;
  std::int64_t veterans_with_targets = 0;  ///< Their specialties map.
  std::int64_t veterans_with_hits = 0;     ///< ... and a hit posting exists.
  std::vector<RecallAt> recall;            ///< k = 1, 5, 10, shortlist k.
  std::int64_t shortlist_entries = 0;      ///< Of veterans with targets.
  double crosswalk_hit_rate = 0.0;         ///< Entries that are hits.
  double related_hit_rate = 0.0;           ///< Hits or related.
  /// Coverage overall, per group and per priority flag, and the means of
  /// the assignments (distance, skill component).
  CoverageFigures assigned;
  double mean_shortlist_km = 0.0;
  double mean_shortlist_skill = 0.0;
};

/// `round` must be resolved (resolve_skills) and `result` its run_round().
QualityReport quality_report(const Round& round, const RoundResult& result,
                             const SkillSpace& space);

}  // namespace vetmatch
