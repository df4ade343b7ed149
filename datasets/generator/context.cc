#include "datasets/generator/context.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace vetmatch::gen {

Context::Context(const PresetSpec& spec_in, std::uint64_t seed_in,
                 std::int64_t veterans, std::int64_t postings,
                 std::int64_t employers)
    : spec(spec_in),
      seed(seed_in),
      veteran_count(veterans),
      posting_count(postings),
      employer_count(employers),
      catalog(Catalog::bundled()),
      places(preset_places(spec_in)) {
  {
    std::vector<std::int64_t> weights;
    int areas = 0;
    for (const Place& p : places) {
      weights.push_back(p.weight);
      areas = std::max(areas, p.area + 1);
    }
    place_picker = WeightedPicker(weights);
    area_places.resize(areas);
    std::vector<std::vector<std::int64_t>> area_weights(areas);
    for (std::size_t i = 0; i < places.size(); ++i) {
      area_places[places[i].area].push_back(static_cast<int>(i));
      area_weights[places[i].area].push_back(places[i].weight);
    }
    for (const auto& w : area_weights) area_pickers.emplace_back(w);
  }

  const std::size_t n = catalog.industries.size();
  std::vector<int> industry_weights;
  for (const IndustryInfo& ind : catalog.industries) {
    industry_weights.push_back(ind.employer_weight);
  }
  industry_picker = WeightedPicker(industry_weights);

  occupations.resize(n);
  for (std::size_t s = 0; s < catalog.specialties.size(); ++s) {
    for (int industry : catalog.specialties[s].industries) {
      occupations[industry].push_back(static_cast<int>(s));
    }
  }

  // Which specialties name each CSCO code (strongly enough), and which
  // give postings of the code their tags.
  const std::size_t codes = catalog.csco.size();
  csco_specialties.resize(codes);
  std::vector<std::vector<int>> csco_specialty_weights(codes);
  std::map<std::string, std::map<int, int>> by_small, by_middle;
  for (std::size_t s = 0; s < catalog.specialties.size(); ++s) {
    std::vector<int> weights;
    for (const auto& [code, hundredths] : catalog.specialties[s].csco) {
      weights.push_back(hundredths);
      const std::string& text = catalog.csco[code].code;
      int& small = by_small[text.substr(0, 7)][static_cast<int>(s)];
      small = std::max(small, hundredths);
      int& middle = by_middle[text.substr(0, 4)][static_cast<int>(s)];
      middle = std::max(middle, hundredths);
      if (hundredths < 50) continue;
      csco_specialties[code].push_back(static_cast<int>(s));
      csco_specialty_weights[code].push_back(hundredths);
    }
    specialty_csco_pickers.emplace_back(weights);
  }
  for (std::size_t c = 0; c < codes; ++c) {
    csco_specialty_pickers.emplace_back(csco_specialty_weights[c]);
    std::vector<int> tags = csco_specialties[c];
    std::vector<int> tag_weights = csco_specialty_weights[c];
    const std::string& text = catalog.csco[c].code;
    for (const auto* group : {&by_small, &by_middle}) {
      if (!tags.empty()) break;
      const auto it = group->find(text.substr(0, group == &by_small ? 7 : 4));
      if (it == group->end()) continue;
      for (const auto& [specialty, hundredths] : it->second) {
        tags.push_back(specialty);
        tag_weights.push_back(hundredths);
      }
    }
    tag_specialties.push_back(std::move(tags));
    tag_specialty_pickers.emplace_back(tag_weights);
    std::vector<std::string> titles;
    for (const std::string& t : catalog.csco[c].titles) {
      if (is_plain_title(t)) titles.push_back(t);
    }
    csco_titles.push_back(std::move(titles));
  }
  csco_picker = WeightedPicker(std::vector<int>(codes, 1));

  // The codes offered in each industry.
  industry_csco.resize(n);
  std::vector<std::vector<int>> industry_csco_weights(n);
  for (std::size_t c = 0; c < codes; ++c) {
    const CscoInfo& info = catalog.csco[c];
    const int linked = csco_specialties[c].empty() ? 1 : 2;
    for (std::size_t k = 0; k < info.industries.size(); ++k) {
      const int position = k == 0 ? 3 : k == 1 ? 2 : 1;
      industry_csco[info.industries[k]].push_back(static_cast<int>(c));
      industry_csco_weights[info.industries[k]].push_back(position * linked);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (industry_csco[i].empty()) {
      // No row names the industry: the codes of its specialties.
      for (std::size_t k = 0; k < occupations[i].size(); ++k) {
        for (const auto& [code, hundredths] :
             catalog.specialties[occupations[i][k]].csco) {
          industry_csco[i].push_back(code);
          industry_csco_weights[i].push_back(hundredths);
        }
      }
    }
    if (industry_csco[i].empty()) {
      throw std::runtime_error(
          "generator: no CSCO occupation for industry " +
          catalog.industries[i].id +
          " (neither a csco_onet.tsv row nor a specialty names one)");
    }
    industry_csco_pickers.emplace_back(industry_csco_weights[i]);
  }

  // Specialties and civilian profiles by group.
  for (int g = 0; g < kGroupCount; ++g) {
    const bool spouse = g == kGroupCount - 1;
    std::vector<int> military_weights, civilian_weights;
    for (std::size_t s = 0; s < catalog.specialties.size(); ++s) {
      const SpecialtyInfo& info = catalog.specialties[s];
      military_weights.push_back(info.military || spouse ? info.group_weight[g]
                                                         : 0);
      if (!info.military) {
        if (g == 0) civilian_profiles.push_back(static_cast<int>(s));
        civilian_weights.push_back(info.group_weight[g]);
      }
    }
    specialty_pickers.emplace_back(military_weights);
    civilian_pickers.emplace_back(civilian_weights);
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

bool is_plain_title(std::string_view title) {
  if (title.empty() || title.size() > 30) return false;  // 10 CJK characters.
  for (char c : title) {
    if ((c >= '0' && c <= '9') ||
        std::string_view("./+-()[]!?~|#*&@%_,:;").find(c) !=
            std::string_view::npos) {
      return false;
    }
  }
  for (std::string_view mark : {"…", "（", "）", "【", "】", "！", "？", "～",
                                "·", "、", "，", "：", "—"}) {
    if (title.find(mark) != std::string_view::npos) return false;
  }
  return true;
}

std::string make_id(char prefix, std::int64_t number, std::int64_t count,
                    int min_width) {
  int width = 1;
  for (std::int64_t c = count; c >= 10; c /= 10) ++width;
  width = std::max(width, min_width);
  std::string digits = std::to_string(number);
  std::string id(1, prefix);
  id.append(static_cast<std::size_t>(std::max(0, width - int(digits.size()))),
            '0');
  id += digits;
  return id;
}

}  // namespace vetmatch::gen
