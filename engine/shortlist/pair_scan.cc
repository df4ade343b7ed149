#include "engine/shortlist/pair_scan.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "engine/scoring/pair_eval.h"

namespace vetmatch {

// First version: every pair, exactly. The fused-kernel pass replaces it.
std::vector<ScoredPair> pairs_at_or_above(const IndexedRound& ir,
                                          std::span<const double> veteran_floor,
                                          std::span<const double> posting_floor,
                                          const PairScanOptions& /*options*/) {
  std::vector<std::vector<ScoredPair>> by_veteran(ir.n_veterans);
  tbb::parallel_for(std::int32_t{0}, ir.n_veterans, [&](std::int32_t v) {
    const double vf = veteran_floor[v];
    if (std::isnan(vf) || vf == INFINITY) return;
    for (std::int32_t p = 0; p < ir.n_postings; ++p) {
      const double floor = std::max(vf, posting_floor[p]);
      if (std::isnan(posting_floor[p]) || floor == INFINITY) continue;
      const double km = exact_distance_km(ir, v, p);
      if (exact_eligibility(ir, v, p, km) != Ineligibility::kEligible) continue;
      const PairScore s = exact_score(ir, v, p, km);
      if (s.score >= floor) by_veteran[v].push_back({v, p, s});
    }
  });
  std::vector<ScoredPair> out;
  for (auto& list : by_veteran) out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace vetmatch
