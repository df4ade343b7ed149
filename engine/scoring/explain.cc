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

// The entries of `skills` in id order, as pointers into it (sorted only when
// the map is not already in id order, as resolve_skills() leaves it).
std::vector<const SkillWeight*> in_id_order(
    const std::vector<SkillWeight>& skills) {
  std::vector<const SkillWeight*> order;
  order.reserve(skills.size());
  for (const SkillWeight& s : skills) order.push_back(&s);
  if (!std::is_sorted(skills.begin(), skills.end(), by_id)) {
    std::sort(order.begin(), order.end(),
              [](const SkillWeight* x, const SkillWeight* y) {
                return x->skill < y->skill;
              });
  }
  return order;
}

}  // namespace

std::vector<SkillShare> top_shared_skills(const Veteran& veteran,
                                          const Posting& posting, int limit) {
  std::vector<SkillShare> out;
  if (limit <= 0) return out;
  const double denominator = norm(veteran.skills) * norm(posting.skills);
  if (!(denominator > 0)) return out;
  // Pointers into the records' own maps, so the ids returned stay valid.
  const std::vector<const SkillWeight*> a = in_id_order(veteran.skills);
  const std::vector<const SkillWeight*> b = in_id_order(posting.skills);
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const SkillWeight& x = *a[i];
    const SkillWeight& y = *b[j];
    if (x.skill < y.skill) {
      ++i;
    } else if (y.skill < x.skill) {
      ++j;
    } else {
      const double share = x.weight * y.weight / denominator;
      if (share > 0) out.push_back({x.skill, share});
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
