#include "engine/scoring/scorer.h"

#include <algorithm>
#include <cmath>

#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

std::vector<SkillWeight> sorted_by_skill(std::vector<SkillWeight> skills) {
  std::sort(skills.begin(), skills.end(),
            [](const SkillWeight& a, const SkillWeight& b) {
              return a.skill < b.skill;
            });
  return skills;
}

double squared_norm(const std::vector<SkillWeight>& sorted) {
  double sum = 0.0;
  for (const SkillWeight& s : sorted) sum += s.weight * s.weight;
  return sum;
}

}  // namespace

PairScore score_pair(const Veteran& veteran, const Posting& posting,
                     const RoundConfig& config) {
  PairScore out;
  const std::vector<SkillWeight> a = sorted_by_skill(veteran.skills);
  const std::vector<SkillWeight> b = sorted_by_skill(posting.skills);
  if (!a.empty() && !b.empty()) {
    double dot = 0.0;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (a[i].skill < b[j].skill) {
        ++i;
      } else if (b[j].skill < a[i].skill) {
        ++j;
      } else {
        dot += a[i].weight * b[j].weight;
        ++i;
        ++j;
      }
    }
    out.skill = dot / (std::sqrt(squared_norm(a)) * std::sqrt(squared_norm(b)));
  }
  out.distance_km = great_circle_km(veteran.location, posting.location);
  out.location = std::exp(-out.distance_km / config.distance_scale_km);
  const bool wanted =
      veteran.industries.empty() ||
      (!posting.industry.empty() &&
       std::find(veteran.industries.begin(), veteran.industries.end(),
                 posting.industry) != veteran.industries.end());
  out.preference = wanted ? 1.0 : 0.0;
  const ScoreWeights& w = config.weights;
  out.score = (w.skill * out.skill + w.location * out.location +
               w.preference * out.preference) /
              (w.skill + w.location + w.preference);
  return out;
}

}  // namespace vetmatch
