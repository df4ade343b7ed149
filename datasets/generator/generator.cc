#include "datasets/generator/generator.h"

#include "datasets/generator/context.h"
#include "datasets/generator/employers.h"
#include "datasets/generator/postings.h"
#include "datasets/generator/presets.h"
#include "datasets/generator/veterans.h"

namespace vetmatch {

std::string_view to_string(Preset p) { return gen::preset_spec(p).name; }

std::optional<Preset> parse_preset(std::string_view name) {
  for (Preset p : {Preset::kDistrict, Preset::kCity}) {
    if (gen::preset_spec(p).name == name) return p;
  }
  return std::nullopt;
}

Round generate_round(const GeneratorOptions& options) {
  const gen::Context ctx(gen::preset_spec(options.preset), options.seed);
  const std::vector<gen::EmployerPlan> plans = gen::make_employers(ctx);
  Round round;  // Default config.
  round.postings = gen::make_postings(ctx, plans);
  round.employers.reserve(plans.size());
  for (const gen::EmployerPlan& plan : plans) {
    round.employers.push_back(plan.employer);
  }
  round.veterans = gen::make_veterans(ctx);
  return round;
}

}  // namespace vetmatch
