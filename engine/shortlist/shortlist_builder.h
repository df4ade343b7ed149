// Entry point for both-way shortlists: for each veteran the top-k eligible
// postings, for each posting the top-k eligible veterans.
//
// Contract: the result equals scoring every pair with scorer.h, keeping the
// eligible ones (eligibility.h) and sorting (score desc, id asc): exact,
// not approximate, whatever the options. The N x M score matrix never
// exists. One fused pass (fused_scan.h, micro_kernel.h) walks blocks of
// veterans in Hilbert order against panels of postings, nearest panels
// first, skipping tiles beyond every commute limit in them (geo pruning);
// it multiplies each 12 x 32 tile (bfloat16 first where the CPU has it)
// and, while the products are in registers, applies the location bound,
// the hard rules as bit words, the weights and both lists' thresholds;
// the few pairs that pass are estimated in float with a proven error
// bound and offered to both directions' candidate lists
// (candidate_list.h); only the candidates are rescored exactly in double
// precision at the end (rescore.h). Same input, same output, whatever the
// thread count: the lists are exact top-k under a strict total order.
//
// Memory: the inputs (IndexedRound; the dense veteran matrix is not read),
// one packed copy of the postings (bfloat16: 2 bytes x d per posting;
// float: 4), the outputs (48-byte entries; the veterans' side is written in
// place into N x veteran_k entries and closed up), and per thread a fixed
// working set: one candidate list per posting (at most 2 x posting_k
// items of 8 bytes, more only for exact ties), one block of 192 veterans.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

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
  /// When not empty (one entry per posting slot, each >= 0): each
  /// posting's own k, in place of posting_k. Lets a policy ask for deeper
  /// lists where it needs them (optimal: in proportion to openings).
  std::vector<int> posting_k_each;
  /// Skip veteran-group x posting-panel tiles whose bounding regions lie
  /// farther apart than every commute limit in the veteran group. Exact
  /// either way; off only to test and measure it.
  bool geo_pruning = true;
  /// Use the portable micro-kernel even where the AVX-512 one is built
  /// (for tests that compare the two).
  bool portable_kernel = false;
  /// Multiply in bfloat16 (up to twice the float kernel's rate where the
  /// CPU has AVX-512 BF16) and widen every bound and the candidate lists'
  /// margin by the product's proven error: more candidates are rescored
  /// exactly, and the result is the same. Unset: where bf16_pass_pays_off()
  /// (kernel_choice.h: measured once per process). Ignored (float) where
  /// the CPU lacks BF16, unless portable_kernel is set (then emulated, for
  /// tests).
  std::optional<bool> bf16_first_pass;
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
