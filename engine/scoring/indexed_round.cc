#include "engine/scoring/indexed_round.h"

#include <algorithm>
#include <numeric>

#include "engine/scoring/indexed_round_builder.h"

namespace vetmatch {

// The builder, fed in ascending id order so that it copies nothing at the
// end, with room reserved for exactly what is fed.
IndexedRound index_round(const Round& round) {
  std::vector<VeteranIndex> order(round.veterans.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](VeteranIndex a, VeteranIndex b) {
    return round.veterans[a].id < round.veterans[b].id;
  });
  VeteranCounts totals;
  for (const Veteran& v : round.veterans) {
    ++totals.veterans;
    totals.skill_entries += v.skills.size();
    totals.certificates += v.certificates.size();
    totals.industries += v.industries.size();
    totals.id_bytes += v.id.size();
  }
  IndexedRoundBuilder builder(round);
  builder.reserve(totals);
  for (VeteranIndex v : order) builder.add_veteran(round.veterans[v], v);
  return builder.finish();
}

}  // namespace vetmatch
