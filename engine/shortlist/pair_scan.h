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
// veterans whose floor is not +infinity and the pairs that geo pruning
// keeps (all veterans: about a shortlist stage's time), plus the exact
// scoring of the kernel's hits. The result is the caller's to keep small: a
// floor of -infinity on both sides returns every eligible pair.
// for_each_pair_at_or_above() visits the same pairs without keeping them
// (a count over many pairs needs no memory for them).
//
// Same input, same output, whatever the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
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
  /// bfloat16 products (with their wider bound) or float; unset: where
  /// bf16_pass_pays_off() (kernel_choice.h). The pairs are the same.
  std::optional<bool> bf16;
};

/// Preconditions: veteran_floor.size() == ir.n_veterans,
/// posting_floor.size() == ir.n_postings.
std::vector<ScoredPair> pairs_at_or_above(const IndexedRound& ir,
                                          std::span<const double> veteran_floor,
                                          std::span<const double> posting_floor,
                                          const PairScanOptions& options = {});

/// Calls visit(pair) once for each pair pairs_at_or_above() returns, from
/// oneTBB's threads, concurrently and in no set order: `visit` must be
/// safe to call from several threads at once.
/// `decide`, when given, is asked first about each pair that is certainly
/// eligible and whose exact score is certainly above both floors (from the
/// kernel's estimate and its error bound), with `low`, a number the exact
/// score exceeds: returning true means the caller has dealt with the pair,
/// and it is neither scored exactly nor visited. (A count over many pairs
/// then needs exact scores near the floors only.) The same threads rules.
using PairVisitor = std::function<void(const ScoredPair&)>;
using PairDecider =
    std::function<bool(std::int32_t veteran, std::int32_t posting, double low)>;
void for_each_pair_at_or_above(const IndexedRound& ir,
                               std::span<const double> veteran_floor,
                               std::span<const double> posting_floor,
                               const PairVisitor& visit,
                               const PairDecider& decide = {},
                               const PairScanOptions& options = {});

}  // namespace vetmatch
