// Every eligible pair above per-side floors: the scan behind certificates,
// blocking-pair counts and deepening candidate lists.
//
// pairs_at_or_above(ir, veteran_floor, posting_floor) returns every eligible
// (veteran slot, posting slot) pair whose exact score (pair_eval.h, bit for
// bit) is >= max(veteran_floor[v], posting_floor[p]), with that score,
// sorted by veteran slot then posting slot. A floor of -infinity puts no
// limit on that side; +infinity (or NaN) leaves the record out. Callers
// that need a different test (score >= u + w, a points rule) pass floors
// that every pair they want clears (for u, w >= 0: max(u, w)) and filter the
// returned pairs exactly.
//
// Cost: one pass of the fused shortlist kernel (fused_scan.h) over the
// pairs that geo pruning keeps, so about a shortlist stage's time, plus the
// exact scoring of the pairs returned. The result is the caller's to keep
// small: a floor of -infinity on both sides returns every eligible pair.
//
// Same input, same output, whatever the thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct ScoredPair {
  std::int32_t veteran = -1;  ///< slot
  std::int32_t posting = -1;  ///< slot
  PairScore score;
};

struct PairScanOptions {
  bool geo_pruning = true;
  /// Use the portable kernel even where AVX-512 is available (tests).
  bool portable_kernel = false;
};

/// Preconditions: veteran_floor.size() == ir.n_veterans,
/// posting_floor.size() == ir.n_postings.
std::vector<ScoredPair> pairs_at_or_above(const IndexedRound& ir,
                                          std::span<const double> veteran_floor,
                                          std::span<const double> posting_floor,
                                          const PairScanOptions& options = {});

}  // namespace vetmatch
