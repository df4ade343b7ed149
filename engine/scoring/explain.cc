#include "engine/scoring/explain.h"

#include <algorithm>
#include <cmath>

namespace vetmatch {
namespace {

bool by_id(const SkillWeight& a, const SkillWeight& b) {
  return a.skill < b.skill;
}

double norm(const std::vector<SkillWeight>& skills) {
  double sum = 0.0;
  for (const SkillWeight& s : skills) sum += s.weight * s.weight;
  return std::sqrt(sum);
}

}  // namespace

std::vector<SkillShare> top_shared_skills(const Veteran& veteran,
                                          const Posting& posting, int limit) {
  std::vector<SkillShare> out;
  if (limit <= 0) return out;
  const std::vector<SkillWeight>* a = &veteran.skills;
  const std::vector<SkillWeight>* b = &posting.skills;
  std::vector<SkillWeight> sorted_a, sorted_b;
  if (!std::is_sorted(a->begin(), a->end(), by_id)) {
    sorted_a = *a;
    std::sort(sorted_a.begin(), sorted_a.end(), by_id);
    a = &sorted_a;
  }
  if (!std::is_sorted(b->begin(), b->end(), by_id)) {
    sorted_b = *b;
    std::sort(sorted_b.begin(), sorted_b.end(), by_id);
    b = &sorted_b;
  }
  const double denominator = norm(*a) * norm(*b);
  if (!(denominator > 0)) return out;
  std::size_t i = 0, j = 0;
  while (i < a->size() && j < b->size()) {
    const SkillWeight& x = (*a)[i];
    const SkillWeight& y = (*b)[j];
    if (x.skill < y.skill) {
      ++i;
    } else if (y.skill < x.skill) {
      ++j;
    } else {
      const double share = x.weight * y.weight / denominator;
      // Points into the caller's map, not a sorted copy.
      if (share > 0) {
        const auto& original = veteran.skills;
        const auto it = std::find_if(
            original.begin(), original.end(),
            [&](const SkillWeight& s) { return s.skill == x.skill; });
        out.push_back({it->skill, share});
      }
      ++i;
      ++j;
    }
  }
  const auto before = [](const SkillShare& p, const SkillShare& q) {
    return p.share != q.share ? p.share > q.share : p.skill < q.skill;
  };
  if (out.size() > static_cast<std::size_t>(limit)) {
    std::partial_sort(out.begin(), out.begin() + limit, out.end(), before);
    out.resize(static_cast<std::size_t>(limit));
  } else {
    std::sort(out.begin(), out.end(), before);
  }
  return out;
}

}  // namespace vetmatch
