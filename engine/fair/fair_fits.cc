#include "engine/fair/fair_fits.h"

#include <algorithm>

#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/pair_scan.h"

namespace vetmatch {

FairFits compute_fair_fits(const Fair& fair) {
  check_fair(fair);
  const Round& round = fair.round;
  FairFits out;
  out.booth_count = static_cast<std::int32_t>(fair.booths.size());
  out.unit_count =
      out.booth_count + static_cast<std::int32_t>(fair.pool.size());
  std::vector<std::int32_t> unit_of(round.postings.size(), -1);
  for (std::size_t b = 0; b < fair.booths.size(); ++b) {
    for (PostingIndex p : fair.booths[b].postings) {
      unit_of[p] = static_cast<std::int32_t>(b);
    }
  }
  for (std::size_t e = 0; e < fair.pool.size(); ++e) {
    for (PostingIndex p : fair.pool[e].postings) {
      unit_of[p] = out.booth_count + static_cast<std::int32_t>(e);
    }
  }

  const IndexedRound ir = index_round(round);
  const std::vector<double> veteran_floor(ir.n_veterans, fair.settings.min_fit);
  const std::vector<double> posting_floor(ir.n_postings, fair.settings.min_fit);
  const std::vector<ScoredPair> pairs =
      pairs_at_or_above(ir, veteran_floor, posting_floor);

  // Pairs come by veteran slot, then posting slot (= posting id order):
  // per veteran, the best pair of each unit, the first of equal scores.
  const std::size_t n = round.veterans.size();
  std::vector<std::vector<UnitFit>> lists(n);
  std::vector<std::int32_t> at(out.unit_count, -1);  // unit -> list position
  std::size_t i = 0;
  while (i < pairs.size()) {
    const std::int32_t slot = pairs[i].veteran;
    const VeteranIndex v = ir.veteran_of[slot];
    std::vector<UnitFit>& list = lists[v];
    for (; i < pairs.size() && pairs[i].veteran == slot; ++i) {
      const PostingIndex p = ir.posting_of[pairs[i].posting];
      const std::int32_t unit = unit_of[p];
      if (at[unit] < 0) {
        at[unit] = static_cast<std::int32_t>(list.size());
        list.push_back({unit, p, pairs[i].score});
      } else if (pairs[i].score.score > list[at[unit]].score.score) {
        list[at[unit]].posting = p;
        list[at[unit]].score = pairs[i].score;
      }
    }
    for (const UnitFit& f : list) at[f.unit] = -1;
    std::sort(list.begin(), list.end(), [](const UnitFit& a, const UnitFit& b) {
      return a.unit < b.unit;
    });
  }
  out.offsets.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) {
    out.offsets[v + 1] = out.offsets[v] + lists[v].size();
  }
  out.entries.reserve(out.offsets[n]);
  for (const std::vector<UnitFit>& list : lists) {
    out.entries.insert(out.entries.end(), list.begin(), list.end());
  }
  return out;
}

}  // namespace vetmatch
