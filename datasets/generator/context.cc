#include "datasets/generator/context.h"

#include <algorithm>
#include <stdexcept>

namespace vetmatch::gen {

Context::Context(const PresetSpec& spec_in, std::uint64_t seed_in)
    : spec(spec_in),
      seed(seed_in),
      catalog(Catalog::bundled()),
      places(preset_places(spec_in)) {
  for (const Place& p : places) place_weights.push_back(p.weight);
  const std::size_t n = catalog.industries.size();
  occupations.resize(n);
  occupation_weights.resize(n);
  for (const IndustryInfo& ind : catalog.industries) {
    industry_weights.push_back(ind.employer_weight);
  }
  for (std::size_t s = 0; s < catalog.specialties.size(); ++s) {
    const SpecialtyInfo& spec_info = catalog.specialties[s];
    int base = 1;
    for (int w : spec_info.group_weight) base += w;
    for (std::size_t k = 0; k < spec_info.industries.size(); ++k) {
      const int industry = spec_info.industries[k];
      const int position = k == 0 ? 3 : k == 1 ? 2 : 1;
      occupations[industry].push_back(static_cast<int>(s));
      occupation_weights[industry].push_back(base * position);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (occupations[i].empty()) {
      throw std::runtime_error("generator: no specialty works in industry " +
                               catalog.industries[i].id);
    }
  }
}

int Context::industry(std::string_view id) const {
  const int i = catalog.industry_index(id);
  if (i < 0)
    throw std::runtime_error("generator: unknown industry " + std::string(id));
  return i;
}

int Context::certificate(std::string_view id) const {
  const int i = catalog.certificate_index(id);
  if (i < 0) {
    throw std::runtime_error("generator: unknown certificate " +
                             std::string(id));
  }
  return i;
}

int Context::skill(std::string_view id) const {
  const int i = catalog.skill_index(id);
  if (i < 0)
    throw std::runtime_error("generator: unknown skill " + std::string(id));
  return i;
}

void SkillDraft::merge(int skill, int hundredths) {
  for (auto& [s, h] : entries) {
    if (s == skill) {
      h = std::max(h, hundredths);
      return;
    }
  }
  entries.emplace_back(skill, hundredths);
}

std::vector<SkillWeight> SkillDraft::finish(const Catalog& catalog) const {
  std::vector<SkillWeight> out;
  out.reserve(entries.size());
  for (const auto& [s, h] : entries) {
    out.push_back({catalog.skills[s].id, static_cast<double>(h) / 100.0});
  }
  std::sort(out.begin(), out.end(),
            [](const SkillWeight& a, const SkillWeight& b) {
              return a.skill < b.skill;
            });
  return out;
}

std::string make_id(char prefix, int number, int count, int min_width) {
  int width = 1;
  for (int c = count; c >= 10; c /= 10) ++width;
  width = std::max(width, min_width);
  std::string digits = std::to_string(number);
  std::string id(1, prefix);
  id.append(static_cast<std::size_t>(std::max(0, width - int(digits.size()))),
            '0');
  id += digits;
  return id;
}

}  // namespace vetmatch::gen
