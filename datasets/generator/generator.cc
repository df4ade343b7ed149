#include "datasets/generator/generator.h"

#include <algorithm>
#include <stdexcept>

#include "datasets/generator/context.h"
#include "datasets/generator/employers.h"
#include "datasets/generator/postings.h"
#include "datasets/generator/presets.h"
#include "datasets/generator/veterans.h"

namespace vetmatch {

std::string_view to_string(Preset p) { return gen::preset_spec(p).name; }

const std::vector<Preset>& all_presets() {
  static const std::vector<Preset> presets = {
      Preset::kDistrict, Preset::kCity, Preset::kProvince, Preset::kNational};
  return presets;
}

std::optional<Preset> parse_preset(std::string_view name) {
  for (Preset p : all_presets()) {
    if (gen::preset_spec(p).name == name) return p;
  }
  return std::nullopt;
}

namespace {

struct Sizes {
  std::int64_t veterans, postings, employers;
};

Sizes sizes_of(const GeneratorOptions& o) {
  const gen::PresetSpec& spec = gen::preset_spec(o.preset);
  Sizes s{o.veterans.value_or(spec.veterans),
          o.postings.value_or(spec.postings),
          o.employers.value_or(spec.employers)};
  if (o.postings && !o.employers) {
    // Keep the preset's employers per posting, rounded.
    s.employers =
        (2 * s.postings * spec.employers + spec.postings) / (2 * spec.postings);
    s.employers = std::clamp<std::int64_t>(
        s.employers, 1, std::max<std::int64_t>(1, s.postings));
  }
  if (s.veterans < 0 || s.postings < 0 || s.employers < 0) {
    throw std::invalid_argument("generator: sizes must not be negative");
  }
  if (s.postings > 0 && s.employers == 0) {
    throw std::invalid_argument("generator: postings need an employer");
  }
  if (s.employers > 100000000 || s.postings > 1000000000 ||
      s.veterans > 10000000000) {
    throw std::invalid_argument("generator: sizes beyond what ids can hold");
  }
  return s;
}

std::size_t blocks_of(std::int64_t count) {
  return static_cast<std::size_t>((count + RoundGenerator::kBlockSize - 1) /
                                  RoundGenerator::kBlockSize);
}

}  // namespace

RoundGenerator::RoundGenerator(const GeneratorOptions& options) {
  const Sizes sizes = sizes_of(options);
  ctx_ = std::make_unique<gen::Context>(gen::preset_spec(options.preset),
                                        options.seed, sizes.veterans,
                                        sizes.postings, sizes.employers);
  plans_ = gen::make_employers(*ctx_);
  owners_ = gen::assign_owners(*ctx_, plans_);
  employers_.reserve(plans_.size());
  for (gen::EmployerPlan& plan : plans_) {
    employers_.push_back(std::move(plan.employer));
  }
}

RoundGenerator::~RoundGenerator() = default;

std::int64_t RoundGenerator::posting_count() const {
  return ctx_->posting_count;
}
std::int64_t RoundGenerator::veteran_count() const {
  return ctx_->veteran_count;
}
std::size_t RoundGenerator::posting_blocks() const {
  return blocks_of(ctx_->posting_count);
}
std::size_t RoundGenerator::veteran_blocks() const {
  return blocks_of(ctx_->veteran_count);
}

void RoundGenerator::postings(std::size_t block,
                              std::vector<Posting>& out) const {
  out.clear();
  const std::int64_t first = static_cast<std::int64_t>(block) * kBlockSize;
  const std::int64_t end = std::min(ctx_->posting_count, first + kBlockSize);
  for (std::int64_t i = first; i < end; ++i) {
    const int owner = owners_[static_cast<std::size_t>(i)];
    out.push_back(
        gen::make_posting(*ctx_, plans_[owner], employers_[owner], i));
  }
}

void RoundGenerator::veterans(std::size_t block,
                              std::vector<Veteran>& out) const {
  out.clear();
  const std::int64_t first = static_cast<std::int64_t>(block) * kBlockSize;
  const std::int64_t end = std::min(ctx_->veteran_count, first + kBlockSize);
  for (std::int64_t h = first / 2; 2 * h < end; ++h) {
    gen::make_household(*ctx_, h, out);
  }
}

Round generate_round(const GeneratorOptions& options) {
  const RoundGenerator generator(options);
  Round round;  // Default config.
  round.config = generator.config();
  round.employers = generator.employers();
  std::vector<Posting> postings;
  round.postings.reserve(static_cast<std::size_t>(generator.posting_count()));
  for (std::size_t b = 0; b < generator.posting_blocks(); ++b) {
    generator.postings(b, postings);
    std::move(postings.begin(), postings.end(),
              std::back_inserter(round.postings));
  }
  std::vector<Veteran> veterans;
  round.veterans.reserve(static_cast<std::size_t>(generator.veteran_count()));
  for (std::size_t b = 0; b < generator.veteran_blocks(); ++b) {
    generator.veterans(b, veterans);
    std::move(veterans.begin(), veterans.end(),
              std::back_inserter(round.veterans));
  }
  return round;
}

}  // namespace vetmatch
