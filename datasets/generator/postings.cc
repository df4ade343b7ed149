#include "datasets/generator/postings.h"

#include <algorithm>
#include <array>
#include <string>

namespace vetmatch::gen {
namespace {

// Openings 1..20, skewed to small (about half the postings offer 1 or 2).
constexpr std::array<int, 20> kOpeningsWeights = {
    30, 18, 12, 9, 7, 5, 4, 3, 2, 4, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2};

Openings draw_openings(Rng& rng) {
  return static_cast<Openings>(rng.weighted(kOpeningsWeights) + 1);
}

constexpr std::string_view kTrainingSuffixes[] = {
    "岗前培训", "技能培训（企训合一）", "订单式培训（校企合一）",
    "职业技能提升培训"};

std::string posting_title(const Context& ctx, Rng& rng, PostingKind kind,
                          int code, int industry) {
  // A real job title for the code (csco_titles.tsv, the plain ones) most of
  // the time, else the occupation's name in the classification.
  // CSCO 2022 marks green and digital occupations with a trailing "L",
  // "S" or "L/S" (气象观测工程技术人员L/S); a title leaves the mark out.
  std::string_view name = ctx.catalog.csco[code].name_zh;
  while (!name.empty() &&
         (name.back() == 'L' || name.back() == 'S' || name.back() == '/')) {
    name.remove_suffix(1);
  }
  const std::vector<std::string>& titles = ctx.csco_titles[code];
  const std::string title =
      !titles.empty() && rng.chance(850) ? rng.pick(titles) : std::string(name);
  switch (kind) {
    case PostingKind::kJob:
      return title;
    case PostingKind::kTraining:
      return title + std::string(rng.pick(kTrainingSuffixes));
    case PostingKind::kIncubation: {
      const std::string& trade = ctx.catalog.industries[industry].name_zh;
      switch (rng.below(3)) {
        case 0:
          return "创业孵化工位（" + trade + "）";
        case 1:
          return "入驻孵化名额（" + trade + "）";
        default:
          return std::string(name) + "创业项目孵化";
      }
    }
  }
  return title;
}

/// 0-3 free skill tags. Incubation slots: business planning and management
/// (and often marketing); jobs and training places: named skills of a
/// specialty that does the occupation or a neighbouring one in the
/// classification (Context::tag_specialties), with noise; none when no
/// specialty does.
SkillDraft posting_tags(const Context& ctx, Rng& rng, PostingKind kind,
                        int code) {
  SkillDraft draft;
  if (kind == PostingKind::kIncubation) {
    draft.merge(ctx.skill("business_planning"),
                clamp_int(rng.range(80, 100), 5, 100));
    draft.merge(ctx.skill("small_business_management"),
                clamp_int(rng.range(60, 100), 5, 100));
    if (rng.chance(600)) {
      draft.merge(ctx.skill("marketing"), clamp_int(rng.range(40, 70), 5, 100));
    }
    return draft;
  }
  static constexpr std::array<int, 4> kCountWeights = {300, 300, 250, 150};
  const std::size_t wanted = rng.weighted(kCountWeights);
  if (wanted == 0 || ctx.tag_specialties[code].empty()) return draft;
  const int specialty =
      ctx.tag_specialties[code][ctx.tag_specialty_pickers[code].draw(rng)];
  const std::vector<ProfileEntry>& profile =
      ctx.catalog.specialties[specialty].profile;
  const std::size_t count = std::min(wanted, profile.size());
  std::vector<int> entries(profile.size());
  for (std::size_t k = 0; k < entries.size(); ++k) entries[k] = int(k);
  for (std::size_t k = 0; k < count; ++k) {
    std::swap(entries[k], entries[k + rng.below(entries.size() - k)]);
    const ProfileEntry& e = profile[entries[k]];
    draft.merge(e.skill, clamp_int(e.hundredths + rng.range(-15, 10), 5, 100));
  }
  return draft;
}

/// Degrees for heads of organisations and professionals (CSCO major groups
/// 1 and 2) and for officer-heavy specialties (staff, IT, admin); a school
/// level for the rest.
Education draw_min_education(const Context& ctx, Rng& rng,
                             const CscoInfo& occupation, int specialty) {
  const bool degree = occupation.code[0] == '1' || occupation.code[0] == '2' ||
                      (specialty >= 0 &&
                       ctx.catalog.specialties[specialty].group_weight[2] >
                           ctx.catalog.specialties[specialty].group_weight[0]);
  if (degree) {
    return rng.chance(400) ? Education::kAssociate : Education::kBachelor;
  }
  const std::array<int, 4> weights = {50, 20, 20, 10};
  constexpr Education kLevels[] = {Education::kSeniorSecondary,
                                   Education::kVocational,
                                   Education::kAssociate, Education::kBachelor};
  return kLevels[rng.weighted(weights)];
}

}  // namespace

std::vector<int> assign_owners(const Context& ctx,
                               const std::vector<EmployerPlan>& plans) {
  Rng rng(ctx.seed, kOwnerStream);
  const std::int64_t n = ctx.posting_count;
  const std::int64_t e = static_cast<std::int64_t>(plans.size());
  std::vector<int> owner;
  owner.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < e && i < n; ++i) owner.push_back(int(i));
  if (e == 0) return owner;
  std::vector<int> sizes;
  sizes.reserve(plans.size());
  for (const EmployerPlan& p : plans) sizes.push_back(p.size);
  const WeightedPicker by_size(sizes);
  while (static_cast<std::int64_t>(owner.size()) < n) {
    owner.push_back(static_cast<int>(by_size.draw(rng)));
  }
  rng.shuffle(owner);
  return owner;
}

Posting make_posting(const Context& ctx, const EmployerPlan& plan,
                     const Employer& employer, std::int64_t number) {
  Rng rng(ctx.seed, kPostingStream, static_cast<std::uint64_t>(number));
  Posting p;
  p.id = make_id('P', number + 1, ctx.posting_count, 5);
  p.employer = employer.id;
  switch (employer.kind) {
    case EmployerKind::kEnterprise:
      p.kind = PostingKind::kJob;
      break;
    case EmployerKind::kIncubationBase:
      p.kind = PostingKind::kIncubation;
      break;
    case EmployerKind::kTrainingBase:
      p.kind = PostingKind::kTraining;
      break;
  }
  const int industry = plan.industry;
  p.industry = ctx.catalog.industries[industry].id;

  // The occupation: a CSCO code offered in the industry; a specialty that
  // does it (if any) for tags, certificates and education.
  const int code =
      ctx.industry_csco[industry]
                       [ctx.industry_csco_pickers[industry].draw(rng)];
  const CscoInfo& occupation = ctx.catalog.csco[code];
  const int specialty =
      ctx.csco_specialties[code].empty()
          ? -1
          : ctx.csco_specialties[code]
                                [ctx.csco_specialty_pickers[code].draw(rng)];
  // A few employers give the O*NET-SOC code instead (its best match).
  p.occupation = rng.chance(80) ? occupation.onet[0].code : occupation.code;
  p.title = posting_title(ctx, rng, p.kind, code, industry);

  // Where: mostly the employer's site; some at a branch elsewhere in its
  // city; a quarter give only the county.
  const bool at_home = rng.chance(700);
  const std::size_t place =
      at_home ? static_cast<std::size_t>(plan.place)
              : ctx.draw_place_near(rng, static_cast<std::size_t>(plan.place));
  if (rng.chance(250)) {
    p.region = ctx.places[place].region->code;
    p.location = to_geo(ctx.places[place].centre);
  } else {
    p.location =
        to_geo(at_home ? plan.site : jitter(ctx.places[place], 5000, rng));
  }

  p.openings = draw_openings(rng);
  if (p.kind == PostingKind::kTraining) {
    p.openings = std::min<Openings>(20, p.openings + 4);  // Classes.
  }
  p.skills = posting_tags(ctx, rng, p.kind, code).finish(ctx.catalog);

  if (p.kind == PostingKind::kJob) {
    if (specialty >= 0 &&
        ctx.catalog.specialties[specialty].required_certificate >= 0 &&
        rng.chance(650)) {
      p.required_certificates.push_back(
          ctx.catalog
              .certificates[ctx.catalog.specialties[specialty]
                                .required_certificate]
              .id);
    }
    if (rng.chance(350)) {
      p.min_education = draw_min_education(ctx, rng, occupation, specialty);
    }
  } else if (p.kind == PostingKind::kTraining && rng.chance(100)) {
    p.min_education = Education::kJuniorSecondary;
  }

  const int r = static_cast<int>(rng.below(100));
  p.veterans_only = r < 15;
  p.spouses_welcome = r >= 15 && r < 50;
  return p;
}

}  // namespace vetmatch::gen
