#include "engine/round/no_eligible.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <array>
#include <cstdint>
#include <optional>

#include "engine/scoring/pair_eval.h"

namespace vetmatch {
namespace {

// Veteran slot v's reason, or nullopt when some posting is eligible.
std::optional<NoEligibleReason> reason_of(const IndexedRound& ir,
                                          std::int32_t v) {
  std::array<std::int64_t, kNoEligibleReasons> count{};
  std::int64_t postings = 0;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (ir.posting_withdrawn[p]) continue;
    ++postings;
    // Rules 1-4 need no distance; passes_static_rules() is exact when it
    // says no for rules 1-3 and exact_eligibility() settles rule 4.
    const Ineligibility rule =
        passes_static_rules(ir, v, p)
            ? exact_eligibility(ir, v, p, exact_distance_km(ir, v, p))
            : exact_eligibility(ir, v, p, 0.0);
    if (rule == Ineligibility::kEligible) return std::nullopt;
    ++count[static_cast<std::size_t>(no_eligible_reason(rule))];
  }
  if (postings == 0) return NoEligibleReason::kNoPostings;
  std::size_t best = 1;
  for (std::size_t r = 2; r < count.size(); ++r) {
    if (count[r] > count[best]) best = r;
  }
  return static_cast<NoEligibleReason>(best);
}

}  // namespace

std::vector<NoEligibleVeteran> veterans_without_eligible_posting(
    const IndexedRound& ir, const Shortlists& shortlists) {
  // Veterans on some list have an eligible posting.
  std::vector<std::uint8_t> listed(ir.n_veterans, 0);
  for (std::int32_t s = 0; s < ir.n_veterans; ++s) {
    if (!shortlists.of_veteran(ir.veteran_of[s]).empty()) listed[s] = 1;
  }
  for (const ShortlistEntry& e : shortlists.posting_entries) {
    listed[ir.veteran_slot[e.index]] = 1;
  }
  std::vector<std::int32_t> scan;
  for (std::int32_t s = 0; s < ir.n_veterans; ++s) {
    if (!listed[s]) scan.push_back(s);
  }
  std::vector<std::optional<NoEligibleReason>> reasons(scan.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, scan.size(), 16),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end();
                           ++i) {
                        reasons[i] = reason_of(ir, scan[i]);
                      }
                    });
  std::vector<NoEligibleVeteran> out;
  for (std::size_t i = 0; i < scan.size(); ++i) {
    if (reasons[i]) out.push_back({ir.veteran_of[scan[i]], *reasons[i]});
  }
  return out;
}

}  // namespace vetmatch
