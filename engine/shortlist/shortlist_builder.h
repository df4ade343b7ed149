// Entry point for both-way shortlists: for each veteran the top-k eligible
// postings, for each posting the top-k eligible veterans.
//
// Contract: the result equals scoring every pair with scorer.h, keeping the
// eligible ones (eligibility.h) and sorting (score desc, id asc): exact,
// not approximate, whatever the options. The N x M score matrix never
// exists: one fused pass (fused_scan.h) multiplies blocks of veterans
// against panels of postings in float, applies the location bound, the
// hard rules and the weights to the product while it is still in
// registers, and offers the few pairs that may still enter a list to both
// directions' float candidate lists; only those candidates are rescored
// exactly in double precision at the end. Same input, same output,
// whatever the thread count. Memory: the inputs, the outputs, the packed
// float copies of both skill matrices, and per thread one candidate list
// per posting.
#pragma once

#include <cstdint>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/util/progress.h"

namespace vetmatch {

/// What one build_shortlists() call did, for benchmarks and tuning.
struct ShortlistWork {
  std::int64_t tiles = 0;          ///< veteran groups x posting panels
  std::int64_t tiles_pruned = 0;   ///< skipped by geo pruning
  std::int64_t pairs_scored = 0;   ///< pairs in the tiles multiplied
  std::int64_t skill_columns = 0;  ///< d
  std::int64_t kernel_hits = 0;    ///< pairs past the fused bound
  std::int64_t offers = 0;         ///< hits that entered a candidate list
  std::int64_t rescored = 0;       ///< candidates scored exactly
};

struct ShortlistOptions {
  int veteran_k = 10;  ///< Postings per veteran.
  int posting_k = 20;  ///< Veterans per posting.
  /// Skip veteran-group x posting-panel tiles whose bounding regions lie
  /// farther apart than every commute limit in the veteran group. Exact
  /// either way; off only to test and measure it.
  bool geo_pruning = true;
  /// Use the portable micro-kernel even where the AVX-512 one is built
  /// (for tests that compare the two).
  bool portable_kernel = false;
  /// Multiply in bfloat16 first (twice the float kernel's rate where the
  /// CPU has AVX-512 BF16), widen the bound by the product's proven error,
  /// and redo in float each pair the bound cannot rule out: the result is
  /// the same. Ignored (float) where the CPU lacks BF16, unless
  /// portable_kernel is set (then emulated, for tests).
  bool bf16_first_pass = true;
  /// When set, receives the counts of what the call did.
  ShortlistWork* work = nullptr;
};

/// Lists are returned in Round index space (see Shortlists).
Shortlists build_shortlists(const IndexedRound& ir,
                            const ShortlistOptions& options,
                            const ProgressFn& progress = {});

/// Same, with geo pruning on.
Shortlists build_shortlists(const IndexedRound& ir, int veteran_k,
                            int posting_k, const ProgressFn& progress = {});

}  // namespace vetmatch
