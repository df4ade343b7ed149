#include "tests/support/fair_reference.h"

#include <algorithm>
#include <bit>
#include <map>
#include <stdexcept>

#include "engine/policies/optimal_costs.h"
#include "tests/reference/brute_force.h"

namespace vetmatch::test {

std::vector<std::vector<RefFit>> reference_fits(const Fair& fair) {
  const Round& round = fair.round;
  std::vector<std::int32_t> unit_of(round.postings.size(), -1);
  const std::int32_t booths = std::int32_t(fair.booths.size());
  for (std::int32_t b = 0; b < booths; ++b) {
    for (PostingIndex p : fair.booths[b].postings) unit_of[p] = b;
  }
  for (std::size_t e = 0; e < fair.pool.size(); ++e) {
    for (PostingIndex p : fair.pool[e].postings) {
      unit_of[p] = booths + std::int32_t(e);
    }
  }
  const ReferenceRound ref(round);
  std::vector<std::vector<RefFit>> out(round.veterans.size());
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    std::map<std::int32_t, RefFit> best;
    // Sorted by score descending, posting id ascending: the first of each
    // unit is its best.
    for (const ScoredPair& sp : ref.eligible_postings(VeteranIndex(v))) {
      if (!(sp.score.score >= fair.settings.min_fit)) continue;
      const std::int32_t unit = unit_of[sp.index];
      if (!best.contains(unit)) best[unit] = {unit, sp.index, sp.score};
    }
    for (const auto& [unit, fit] : best) out[v].push_back(fit);
  }
  return out;
}

InviteValue invite_value(const Fair& fair,
                         const std::vector<std::vector<RefFit>>& fits,
                         const std::vector<std::int32_t>& chosen) {
  const std::int32_t booths = std::int32_t(fair.booths.size());
  InviteValue out;
  for (const std::vector<RefFit>& list : fits) {
    std::int64_t best = -1;
    for (const RefFit& f : list) {
      const bool in =
          f.unit < booths || std::find(chosen.begin(), chosen.end(),
                                       f.unit - booths) != chosen.end();
      if (in) best = std::max(best, score_units(f.score.score));
    }
    if (best >= 0) {
      ++out.covered;
      out.fit_units += best;
    }
  }
  return out;
}

std::int64_t primary(const InviteValue& v, InviteObjective objective) {
  return objective == InviteObjective::kCoverage ? v.covered : v.fit_units;
}

namespace {
std::int64_t secondary(const InviteValue& v, InviteObjective objective) {
  return objective == InviteObjective::kCoverage ? v.fit_units : v.covered;
}
}  // namespace

std::vector<std::int32_t> plain_greedy_invites(
    const Fair& fair, const std::vector<std::vector<RefFit>>& fits,
    std::int32_t budget, InviteObjective objective) {
  std::vector<std::int32_t> chosen;
  for (std::int32_t turn = 0; turn < budget; ++turn) {
    const InviteValue now = invite_value(fair, fits, chosen);
    std::int32_t best = -1;
    std::int64_t best_p = 0, best_s = 0;
    for (std::int32_t e = 0; e < std::int32_t(fair.pool.size()); ++e) {
      if (std::find(chosen.begin(), chosen.end(), e) != chosen.end()) continue;
      std::vector<std::int32_t> with = chosen;
      with.push_back(e);
      const InviteValue v = invite_value(fair, fits, with);
      const std::int64_t p = primary(v, objective) - primary(now, objective);
      const std::int64_t s =
          secondary(v, objective) - secondary(now, objective);
      const bool better = best < 0 || p > best_p ||
                          (p == best_p && s > best_s) ||
                          (p == best_p && s == best_s &&
                           fair.pool[e].employer < fair.pool[best].employer);
      if (better) {
        best = e;
        best_p = p;
        best_s = s;
      }
    }
    if (best < 0 || (best_p == 0 && best_s == 0)) break;
    chosen.push_back(best);
  }
  return chosen;
}

std::int64_t best_invite_value(const Fair& fair,
                               const std::vector<std::vector<RefFit>>& fits,
                               std::int32_t budget, InviteObjective objective) {
  const std::int32_t n = std::int32_t(fair.pool.size());
  if (n > 20) throw std::invalid_argument("best_invite_value: pool too big");
  std::int64_t best = 0;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (std::popcount(mask) > budget) continue;
    std::vector<std::int32_t> chosen;
    for (std::int32_t e = 0; e < n; ++e) {
      if (mask & (1u << e)) chosen.push_back(e);
    }
    best = std::max(best, primary(invite_value(fair, fits, chosen), objective));
  }
  return best;
}

}  // namespace vetmatch::test
