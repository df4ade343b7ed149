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
                          const SpecialtyInfo& occupation, int industry) {
  const std::string& title = rng.pick(occupation.titles);
  switch (kind) {
    case PostingKind::kJob:
      return title;
    case PostingKind::kTraining:
      return title +
             std::string(
                 kTrainingSuffixes[rng.below(std::size(kTrainingSuffixes))]);
    case PostingKind::kIncubation: {
      const std::string& trade = ctx.catalog.industries[industry].name_zh;
      switch (rng.below(3)) {
        case 0:
          return "创业孵化工位（" + trade + "）";
        case 1:
          return "入驻孵化名额（" + trade + "）";
        default:
          return occupation.name_zh + "创业项目孵化";
      }
    }
  }
  return title;
}

SkillDraft posting_skills(const Context& ctx, Rng& rng, PostingKind kind,
                          const SpecialtyInfo& occupation, int industry) {
  SkillDraft draft;
  if (kind == PostingKind::kIncubation) {
    draft.merge(ctx.skill("business_planning"),
                clamp_int(rng.range(80, 100), 5, 100));
    draft.merge(ctx.skill("small_business_management"),
                clamp_int(rng.range(60, 100), 5, 100));
    if (rng.chance(600)) {
      draft.merge(ctx.skill("marketing"), clamp_int(rng.range(40, 70), 5, 100));
    }
    for (int k = 0; k < 2; ++k) {
      const ProfileEntry& e =
          occupation.profile[rng.below(occupation.profile.size())];
      draft.merge(e.skill,
                  clamp_int(e.hundredths / 2 + rng.range(-5, 5), 5, 100));
    }
    return draft;
  }
  for (const ProfileEntry& e : occupation.profile) {
    if (rng.chance(850)) {
      draft.merge(e.skill,
                  clamp_int(e.hundredths + rng.range(-15, 10), 5, 100));
    }
  }
  if (rng.chance(300)) {
    // A skill borrowed from another occupation of the same industry.
    const auto& candidates = ctx.occupations[industry];
    const SpecialtyInfo& other =
        ctx.catalog.specialties[candidates[rng.below(candidates.size())]];
    const ProfileEntry& e = other.profile[rng.below(other.profile.size())];
    draft.merge(e.skill, clamp_int(rng.range(20, 60), 5, 100));
  }
  if (draft.entries.empty()) {
    draft.merge(occupation.profile[0].skill, occupation.profile[0].hundredths);
  }
  return draft;
}

Education draw_min_education(Rng& rng, const SpecialtyInfo& occupation) {
  if (occupation.group_weight[2] > occupation.group_weight[0]) {
    // Officer-heavy occupations (staff, IT, admin) ask for degrees.
    return rng.chance(400) ? Education::kAssociate : Education::kBachelor;
  }
  const std::array<int, 4> weights = {50, 20, 20, 10};
  constexpr Education kLevels[] = {Education::kSeniorSecondary,
                                   Education::kVocational,
                                   Education::kAssociate, Education::kBachelor};
  return kLevels[rng.weighted(weights)];
}

}  // namespace

std::vector<Posting> make_postings(const Context& ctx,
                                   const std::vector<EmployerPlan>& employers) {
  Rng rng(ctx.seed, kPostingStream);
  const int n = ctx.spec.postings;
  const int e = static_cast<int>(employers.size());

  // Which employer offers each posting: one each, the rest by size.
  std::vector<int> owner;
  owner.reserve(n);
  for (int i = 0; i < e && i < n; ++i) owner.push_back(i);
  std::vector<std::int64_t> cumulative;
  std::int64_t total = 0;
  for (const EmployerPlan& p : employers) cumulative.push_back(total += p.size);
  while (static_cast<int>(owner.size()) < n) {
    const auto r =
        static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(total)));
    owner.push_back(static_cast<int>(
        std::upper_bound(cumulative.begin(), cumulative.end(), r) -
        cumulative.begin()));
  }
  rng.shuffle(owner);

  std::vector<Posting> postings;
  postings.reserve(n);
  for (int i = 0; i < n; ++i) {
    const EmployerPlan& employer = employers[owner[i]];
    Posting p;
    p.id = make_id('P', i + 1, n, 5);
    p.employer = employer.employer.id;
    switch (employer.employer.kind) {
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
    const int industry = employer.industry;
    p.industry = ctx.catalog.industries[industry].id;
    const SpecialtyInfo& occupation =
        ctx.catalog.specialties[ctx.occupations[industry][rng.weighted(
            ctx.occupation_weights[industry])]];
    p.title = posting_title(ctx, rng, p.kind, occupation, industry);

    // Where: mostly the employer's site; some at a branch elsewhere; a
    // quarter give only the county.
    const bool at_home = rng.chance(700);
    const std::size_t place = at_home ? static_cast<std::size_t>(employer.place)
                                      : ctx.draw_place(rng);
    if (rng.chance(250)) {
      p.region = ctx.places[place].region->code;
      p.location = to_geo(ctx.places[place].centre);
    } else {
      p.location = to_geo(at_home ? employer.site
                                  : jitter(ctx.places[place], 5000, rng));
    }

    p.openings = draw_openings(rng);
    if (p.kind == PostingKind::kTraining) {
      p.openings = std::min<Openings>(20, p.openings + 4);  // Classes.
    }
    p.skills = posting_skills(ctx, rng, p.kind, occupation, industry)
                   .finish(ctx.catalog);

    if (p.kind == PostingKind::kJob) {
      if (occupation.required_certificate >= 0 && rng.chance(650)) {
        p.required_certificates.push_back(
            ctx.catalog.certificates[occupation.required_certificate].id);
      }
      if (rng.chance(350))
        p.min_education = draw_min_education(rng, occupation);
    } else if (p.kind == PostingKind::kTraining && rng.chance(100)) {
      p.min_education = Education::kJuniorSecondary;
    }

    const int r = static_cast<int>(rng.below(100));
    p.veterans_only = r < 15;
    p.spouses_welcome = r >= 15 && r < 50;
    postings.push_back(std::move(p));
  }
  return postings;
}

}  // namespace vetmatch::gen
