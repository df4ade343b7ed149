#include "engine/round/round_stats.h"

namespace vetmatch {

RoundStats compute_stats(const IndexedRound& ir, const PolicyOutcome& outcome) {
  const Round& round = *ir.round;
  RoundStats s;
  s.veterans = ir.n_veterans;
  s.veterans_taken =
      static_cast<std::int64_t>(round.veterans.size()) - ir.n_veterans;
  s.postings = ir.n_postings;
  for (Openings open : ir.posting_open) s.openings += open;
  s.assigned = static_cast<std::int64_t>(outcome.assignments.size());
  s.unassigned = static_cast<std::int64_t>(outcome.unassigned.size());
  for (VeteranIndex v : ir.veteran_of) {
    if (round.veterans[v].priority != 0) ++s.priority_veterans;
  }
  double total = 0.0;
  for (const Assignment& a : outcome.assignments) {
    total += a.score.score;
    if (round.veterans[a.veteran].priority != 0) ++s.priority_assigned;
  }
  if (s.veterans > 0) s.coverage = double(s.assigned) / double(s.veterans);
  if (s.openings > 0) s.fill_rate = double(s.assigned) / double(s.openings);
  if (s.assigned > 0) s.mean_score = total / double(s.assigned);
  return s;
}

}  // namespace vetmatch
