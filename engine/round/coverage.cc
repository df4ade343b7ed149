#include "engine/round/coverage.h"

#include <vector>

namespace vetmatch {
namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

void finish(Coverage& c) {
  c.coverage =
      ratio(static_cast<double>(c.assigned), static_cast<double>(c.veterans));
}

// Adds one veteran (placed or not) to every count it belongs to.
void count(CoverageFigures& f, const Veteran& vet, bool placed) {
  const auto add = [placed](Coverage& c) {
    ++c.veterans;
    if (placed) ++c.assigned;
  };
  add(f.overall);
  add(f.by_group[static_cast<std::size_t>(vet.group)]);
  for (std::size_t flag = 0; flag < f.by_priority.size(); ++flag) {
    if (vet.priority & (1u << flag)) add(f.by_priority[flag]);
  }
}

}  // namespace

CoverageFigures coverage_figures(const Round& round,
                                 std::span<const VeteranIndex> veterans,
                                 std::span<const Assignment> assignments) {
  CoverageFigures f;
  std::vector<bool> placed(round.veterans.size(), false);
  double total_km = 0.0, total_skill = 0.0;
  for (const Assignment& a : assignments) {
    placed[static_cast<std::size_t>(a.veteran)] = true;
    f.total_score += a.score.score;
    total_km += a.score.distance_km;
    total_skill += a.score.skill;
  }
  for (const VeteranIndex v : veterans) {
    count(f, round.veterans[static_cast<std::size_t>(v)],
          placed[static_cast<std::size_t>(v)]);
  }
  finish(f.overall);
  for (Coverage& c : f.by_group) finish(c);
  for (Coverage& c : f.by_priority) finish(c);
  const auto n = static_cast<double>(assignments.size());
  f.mean_score = ratio(f.total_score, n);
  f.mean_distance_km = ratio(total_km, n);
  f.mean_skill = ratio(total_skill, n);
  return f;
}

}  // namespace vetmatch
