// `fair invite`: which enterprises of the pool to invite, so that as many
// registered veterans as possible find a good posting at the fair.
//
// Objective. A veteran is covered when some posting at the fair (a booth's,
// or a chosen pool entry's) fits them: an eligible pair with score >=
// settings.min_fit (fair_fits.h). Each veteran's value is their best such
// score in integer units of 2^-20 (optimal_costs.h; 0 when uncovered).
// For a set S of pool entries:
//   coverage(S)  = veterans covered by the booths and S,
//   total_fit(S) = sum over veterans of their best value over the booths
//                  and S.
// Both are monotone submodular set functions (a coverage function, and a
// facility-location function: a sum of maxima of nonnegative values).
// objective kCoverage maximises coverage and ranks equal coverage gains by
// the total_fit gain; kTotalFit maximises total_fit and ranks equal gains
// by the coverage gain.
//
// Method: greedy. Each turn chooses the entry with the largest marginal
// gain (primary, then secondary, then the lower employer id), at most
// `budget` turns, stopping early when no entry adds anything. Guarantee
// (Nemhauser, Wolsey and Fisher 1978): the primary objective's gain over
// the booths alone is at least (1 - 1/e) ~ 63.2% of the largest gain any
// `budget` entries could bring. Evaluation is lazy (Minoux 1978): stale
// gains in a heap are upper bounds, because the (primary, secondary) gain
// pair of an entry never rises as S grows, so an entry whose fresh gain
// still tops the heap is the plain greedy's choice: the lazy result equals
// the plain greedy's exactly. The result also carries a data-dependent
// bound: the best gain is at most the greedy's gain plus the sum of the
// `budget` largest marginal gains left after it (submodularity), so
// gain / bound is a proven ratio for this instance.
//
// Contract: chosen entries in turn order; each entry's `serves` lists
// every registered veteran with a good posting there (its best one), by
// score descending, ties by veteran id; `newly_covered` marks those it
// covered first (at its turn), `best` those whose best fit at the fair, after
// all choices, is there (equal values go to a booth first, then to the
// earliest chosen entry). Same fair, same result, whatever the thread
// count.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/fair/fair.h"
#include "engine/fair/fair_fits.h"

namespace vetmatch {

struct InviteServed {
  VeteranIndex veteran = kNoVeteran;
  PostingIndex posting = kNoPosting;  ///< the best posting of the entry
  PairScore score;
  bool newly_covered = false;
  bool best = false;
};

struct InviteChoice {
  std::int32_t entry = -1;          ///< index into fair.pool
  std::int32_t turn = 0;            ///< 1-based
  std::int64_t gain_veterans = 0;   ///< coverage gain at its turn
  std::int64_t gain_fit_units = 0;  ///< total_fit gain at its turn
  std::vector<InviteServed> serves;
};

struct InviteResult {
  InviteObjective objective = InviteObjective::kCoverage;
  std::int32_t budget = 0;
  std::vector<InviteChoice> chosen;
  std::int64_t veterans = 0;
  std::int64_t covered_by_booths = 0;
  std::int64_t covered = 0;  ///< by the booths and the chosen entries
  std::int64_t fit_units_by_booths = 0;
  std::int64_t fit_units = 0;
  /// The primary objective's gain over the booths (veterans or units), and
  /// an upper bound on the gain of the best `budget` entries.
  std::int64_t gain = 0;
  std::int64_t gain_bound = 0;
  /// true when fewer than `budget` were chosen because no entry added
  /// anything (or the pool ran out).
  bool stopped_early = false;
  std::int64_t evaluations = 0;  ///< marginal gains computed
  /// Registered veterans with no good posting at the fair after the
  /// choices, by veteran id.
  std::vector<VeteranIndex> not_covered;
};

/// Preconditions: `fits` is compute_fair_fits(fair); budget >= 0.
InviteResult choose_invites(const Fair& fair, const FairFits& fits,
                            std::int32_t budget, InviteObjective objective);

}  // namespace vetmatch
