#include "engine/policies/optimality_certificate.h"

#include <algorithm>
#include <limits>

#include "engine/policies/optimal_costs.h"

namespace vetmatch {
namespace {

using Wide = __int128;
constexpr double kNoPairs = std::numeric_limits<double>::infinity();

std::int64_t min_posting_dual(const IndexedRound& ir, const OptimalDuals& d) {
  std::int64_t m = std::numeric_limits<std::int64_t>::max();
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (ir.posting_open[p] > 0) m = std::min(m, d.posting[p]);
  }
  return m == std::numeric_limits<std::int64_t>::max() ? 0 : m;
}

std::int64_t min_veteran_dual(const OptimalDuals& d) {
  return d.veteran.empty()
             ? 0
             : *std::min_element(d.veteran.begin(), d.veteran.end());
}

}  // namespace

std::vector<std::uint8_t> lists_at_risk(const IndexedRound& ir,
                                        const CandidateGraph& graph,
                                        CandidateSide side,
                                        const OptimalDuals& duals,
                                        std::int64_t bonus) {
  // Lists are by left node: postings or veterans, as the side says.
  const std::vector<std::int64_t>& own =
      side == CandidateSide::kPostings ? duals.posting : duals.veteran;
  const std::int64_t other = side == CandidateSide::kPostings
                                 ? min_veteran_dual(duals)
                                 : min_posting_dual(ir, duals);
  std::vector<std::uint8_t> risk(graph.cut_units.size(), 0);
  for (std::size_t i = 0; i < risk.size(); ++i) {
    const std::int64_t cut = graph.cut_units[i];
    risk[i] = cut >= 0 && Wide(bonus) + cut > Wide(own[i]) + other;
  }
  return risk;
}

std::vector<ScoredPair> violating_pairs(const IndexedRound& ir,
                                        CandidateSide side,
                                        std::span<const std::uint8_t> at_risk,
                                        const OptimalDuals& duals,
                                        std::int64_t bonus) {
  const std::int64_t min_y = min_posting_dual(ir, duals);
  const std::int64_t min_u = min_veteran_dual(duals);
  std::vector<double> veteran_floor(ir.n_veterans);
  std::vector<double> posting_floor(ir.n_postings);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const bool scan = side == CandidateSide::kPostings || at_risk[v];
    veteran_floor[v] =
        scan ? units_to_score(duals.veteran[v] + min_y - bonus) : kNoPairs;
  }
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    const bool scan = ir.posting_open[p] > 0 &&
                      (side == CandidateSide::kVeterans || at_risk[p]);
    posting_floor[p] =
        scan ? units_to_score(duals.posting[p] + min_u - bonus) : kNoPairs;
  }
  std::vector<ScoredPair> pairs =
      pairs_at_or_above(ir, veteran_floor, posting_floor);
  std::erase_if(pairs, [&](const ScoredPair& pair) {
    return Wide(bonus) + score_units(pair.score.score) <=
           Wide(duals.veteran[pair.veteran]) + duals.posting[pair.posting];
  });
  return pairs;
}

}  // namespace vetmatch
