#include "engine/round/round_stats.h"

#include "engine/round/coverage.h"

namespace vetmatch {

RoundStats compute_stats(const IndexedRound& ir, const PolicyOutcome& outcome,
                         std::span<const NoEligibleVeteran> no_eligible) {
  const Round& round = *ir.round;
  RoundStats s;
  s.veterans = ir.n_veterans;
  s.veterans_taken = static_cast<std::int64_t>(round.taken.size());
  s.veterans_not_looking = static_cast<std::int64_t>(round.not_looking.size());
  s.postings_withdrawn = static_cast<std::int64_t>(round.withdrawn.size());
  s.postings = ir.n_postings - s.postings_withdrawn;
  for (Openings open : ir.posting_open) s.openings += open;
  s.assigned = static_cast<std::int64_t>(outcome.assignments.size());
  s.unassigned = static_cast<std::int64_t>(outcome.unassigned.size());

  const CoverageFigures f =
      coverage_figures(round, ir.veteran_of, outcome.assignments);
  s.coverage = f.overall.coverage;
  s.by_group = f.by_group;
  s.by_priority = f.by_priority;
  s.total_score = f.total_score;
  s.mean_score = f.mean_score;
  s.mean_distance_km = f.mean_distance_km;
  for (VeteranIndex v : ir.veteran_of) {
    if (round.veterans[v].priority != 0) ++s.priority_veterans;
  }
  for (const Assignment& a : outcome.assignments) {
    if (round.veterans[a.veteran].priority != 0) ++s.priority_assigned;
  }
  if (s.openings > 0) s.fill_rate = double(s.assigned) / double(s.openings);

  s.no_eligible_posting = static_cast<std::int64_t>(no_eligible.size());
  for (const NoEligibleVeteran& n : no_eligible) {
    ++s.no_eligible_by_reason[static_cast<std::size_t>(n.reason)];
  }
  return s;
}

}  // namespace vetmatch
