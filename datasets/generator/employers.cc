#include "datasets/generator/employers.h"

#include <string>
#include <unordered_set>

#include "datasets/generator/names.h"

namespace vetmatch::gen {
namespace {

// Handan: 21 incubation bases + 20 return-home parks, 226 employment and
// training bases + 29 education bases, next to 1,118 member units.
constexpr int kAssociationUnits = 1118;
constexpr int kIncubationUnits = 21 + 20;
constexpr int kTrainingUnits = 226 + 29;

struct IndustryWeight {
  std::string_view industry;
  int weight;
};

// Incubation bases: half are return-home parks (agriculture), the rest
// veteran business parks (e-commerce, media, IT, catering, ...).
constexpr IndustryWeight kIncubationIndustries[] = {
    {"agriculture", 10},    {"retail", 5},   {"culture_media", 3},
    {"it_services", 3},     {"catering", 3}, {"logistics", 2},
    {"electronics_tech", 2}};

// Training bases: driving schools, factory and site training, cooking,
// care, security and IT courses.
constexpr IndustryWeight kTrainingIndustries[] = {
    {"transport", 4},          {"manufacturing", 3}, {"construction", 3},
    {"education_training", 3}, {"security", 2},      {"catering", 2},
    {"elderly_care", 2},       {"it_services", 2},   {"logistics", 2},
    {"automotive", 2},         {"energy", 1},        {"healthcare", 1},
    {"property_services", 1},  {"agriculture", 1}};

template <std::size_t N>
int draw_industry(const Context& ctx, Rng& rng,
                  const IndustryWeight (&table)[N]) {
  std::vector<int> weights;
  for (const IndustryWeight& w : table) weights.push_back(w.weight);
  return ctx.industry(table[rng.weighted(weights)].industry);
}

std::int64_t rounded_share(std::int64_t n, std::int64_t part) {
  return (2 * n * part + kAssociationUnits) / (2 * kAssociationUnits);
}

}  // namespace

std::vector<EmployerPlan> make_employers(const Context& ctx) {
  Rng rng(ctx.seed, kEmployerStream);
  const std::int64_t n = ctx.employer_count;
  const std::int64_t incubation = rounded_share(n, kIncubationUnits);
  const std::int64_t training = rounded_share(n, kTrainingUnits);
  std::vector<EmployerKind> kinds;
  kinds.reserve(n);
  for (std::int64_t i = 0; i < n; ++i) {
    kinds.push_back(i < incubation              ? EmployerKind::kIncubationBase
                    : i < incubation + training ? EmployerKind::kTrainingBase
                                                : EmployerKind::kEnterprise);
  }
  rng.shuffle(kinds);

  std::unordered_set<std::string> names;
  names.reserve(static_cast<std::size_t>(n));
  std::vector<EmployerPlan> plans;
  plans.reserve(n);
  for (std::int64_t i = 0; i < n; ++i) {
    EmployerPlan plan;
    plan.employer.id = make_id('E', i + 1, n, 4);
    plan.employer.kind = kinds[i];
    switch (kinds[i]) {
      case EmployerKind::kEnterprise:
        plan.industry = static_cast<int>(ctx.industry_picker.draw(rng));
        break;
      case EmployerKind::kIncubationBase:
        plan.industry = draw_industry(ctx, rng, kIncubationIndustries);
        break;
      case EmployerKind::kTrainingBase:
        plan.industry = draw_industry(ctx, rng, kTrainingIndustries);
        break;
    }
    plan.place = static_cast<int>(ctx.draw_place(rng));
    plan.site = jitter(ctx.places[plan.place], 5000, rng);
    // Sizes: most units offer a few postings, one in ten many.
    plan.size = rng.chance(100) ? static_cast<int>(rng.range(6, 24))
                                : static_cast<int>(rng.range(1, 5));

    const IndustryInfo& industry = ctx.catalog.industries[plan.industry];
    const Place& place = ctx.places[plan.place];
    std::string name;
    for (int attempt = 0; attempt < 16; ++attempt) {
      const std::string place_name = rng.chance(300)
                                         ? place.city_short
                                         : short_place_name(place.region->name);
      name = organisation_name(rng, kinds[i], place_name, industry.id,
                               industry.name_zh);
      if (!names.count(name)) break;
    }
    if (names.count(name)) {
      const std::string base = name;
      for (int k = 2; names.count(name); ++k) {
        name = base + (kinds[i] == EmployerKind::kEnterprise ? "第" : "（") +
               std::to_string(k) +
               (kinds[i] == EmployerKind::kEnterprise ? "分公司" : "）");
      }
    }
    names.insert(name);
    plan.employer.name = std::move(name);
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace vetmatch::gen
