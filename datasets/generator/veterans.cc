#include "datasets/generator/veterans.h"

#include <algorithm>
#include <array>

#include "datasets/generator/names.h"

namespace vetmatch::gen {
namespace {

constexpr int kSoldier = 0, kNco = 1, kOfficer = 2, kSpouse = 3;

/// soldier ~65%, nco ~20%, officer ~7%, spouse ~8%.
Group draw_group(Rng& rng) {
  const auto r = rng.below(100);
  return r < 65   ? Group::kSoldier
         : r < 85 ? Group::kNco
         : r < 92 ? Group::kOfficer
                  : Group::kSpouse;
}

Education draw_education(Rng& rng, int group) {
  // Weights over none, primary, junior, senior, vocational, associate,
  // bachelor, master, doctorate.
  static constexpr std::array<std::array<int, 9>, kGroupCount> kWeights = {{
      {0, 0, 12, 40, 25, 17, 6, 0, 0},   // Soldiers.
      {0, 0, 3, 27, 25, 30, 15, 0, 0},   // NCOs.
      {0, 0, 0, 0, 0, 10, 64, 23, 3},    // Officers.
      {0, 1, 14, 30, 15, 20, 18, 2, 0},  // Spouses.
  }};
  return static_cast<Education>(rng.weighted(kWeights[group]));
}

int draw_specialty(const Context& ctx, Rng& rng, int group, int except) {
  std::vector<int> weights;
  weights.reserve(ctx.catalog.specialties.size());
  for (std::size_t s = 0; s < ctx.catalog.specialties.size(); ++s) {
    weights.push_back(static_cast<int>(s) == except
                          ? 0
                          : ctx.catalog.specialties[s].group_weight[group]);
  }
  std::int64_t total = 0;
  for (int w : weights) total += w;
  if (total == 0) return -1;
  return static_cast<int>(rng.weighted(weights));
}

SkillDraft veteran_skills(const Context& ctx, Rng& rng, int primary,
                          int secondary) {
  SkillDraft draft;
  const SpecialtyInfo& first = ctx.catalog.specialties[primary];
  for (const ProfileEntry& e : first.profile) {
    if (rng.chance(850)) {
      draft.merge(e.skill,
                  clamp_int(e.hundredths + rng.range(-25, 10), 5, 100));
    }
  }
  if (secondary >= 0) {
    for (const ProfileEntry& e : ctx.catalog.specialties[secondary].profile) {
      if (rng.chance(600)) {
        draft.merge(
            e.skill,
            clamp_int(e.hundredths * 60 / 100 + rng.range(-10, 10), 5, 100));
      }
    }
  }
  if (rng.chance(250)) {
    // Something picked up outside the specialty.
    const int skill = static_cast<int>(rng.below(ctx.catalog.skills.size()));
    draft.merge(skill, clamp_int(rng.range(10, 50), 5, 100));
  }
  if (draft.entries.empty()) {
    draft.merge(first.profile[0].skill, first.profile[0].hundredths);
  }
  return draft;
}

std::vector<std::string> veteran_certificates(const Context& ctx, Rng& rng,
                                              int group, int primary,
                                              int secondary) {
  std::vector<int> held;
  const SpecialtyInfo& first = ctx.catalog.specialties[primary];
  for (int cert : first.certificates) {
    if (rng.chance(cert == first.required_certificate ? 750 : 400)) {
      held.push_back(cert);
    }
  }
  if (first.required_certificate >= 0 &&
      std::find(first.certificates.begin(), first.certificates.end(),
                first.required_certificate) == first.certificates.end() &&
      rng.chance(group == kSpouse ? 550 : 750)) {
    held.push_back(first.required_certificate);
  }
  if (secondary >= 0) {
    const int cert = ctx.catalog.specialties[secondary].required_certificate;
    if (cert >= 0 && rng.chance(400)) held.push_back(cert);
  }
  if (rng.chance(group == kSpouse ? 250 : 350)) {
    held.push_back(ctx.certificate("driving_licence_c1"));
  }
  std::vector<std::string> out;
  for (int cert : held) out.push_back(ctx.catalog.certificates[cert].id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

PostingKindSet draw_wants(Rng& rng) {
  const auto r = rng.below(100);
  if (r < 10) return kind_bit(PostingKind::kJob);
  if (r < 15) return kind_bit(PostingKind::kIncubation);
  if (r < 23)
    return kind_bit(PostingKind::kTraining) | kind_bit(PostingKind::kJob);
  return kAllPostingKinds;
}

std::vector<std::string> draw_industries(const Context& ctx, Rng& rng,
                                         int primary) {
  const auto r = rng.below(100);
  const int count = r < 45 ? 0 : r < 75 ? 1 : r < 90 ? 2 : 3;
  const SpecialtyInfo& s = ctx.catalog.specialties[primary];
  std::vector<std::string> out;
  for (int k = 0; k < count; ++k) {
    const int industry =
        rng.chance(750) ? s.industries[rng.below(s.industries.size())]
                        : static_cast<int>(rng.weighted(ctx.industry_weights));
    out.push_back(ctx.catalog.industries[industry].id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// 10-60 km in tenths: mostly round figures.
double draw_commute_km(Rng& rng) {
  static constexpr int kRound[] = {10, 15, 20, 25, 30, 40, 50, 60};
  const int tenths = rng.chance(700) ? kRound[rng.below(std::size(kRound))] * 10
                                     : static_cast<int>(rng.range(100, 600));
  return static_cast<double>(tenths) / 10.0;
}

/// Placement points 50-100, piled up in the middle (many ties), one in five
/// with a half point.
double draw_points(Rng& rng, int group) {
  std::int64_t whole =
      50 + static_cast<std::int64_t>(rng.below(26) + rng.below(26));
  if (group == kNco) whole += 3;
  if (group == kOfficer) whole += 6;
  whole = std::min<std::int64_t>(whole, 100);
  std::int64_t halves = whole * 2;
  if (whole < 100 && rng.chance(200)) halves += 1;
  return static_cast<double>(halves) / 2.0;
}

PrioritySet draw_priority(Rng& rng, int group) {
  PrioritySet flags = 0;
  if (group != kSpouse && rng.chance(15)) {
    flags |= priority_bit(PriorityFlag::kDisabled);
  }
  if (rng.chance(5)) flags |= priority_bit(PriorityFlag::kMartyrFamily);
  if (group != kSpouse && rng.chance(30)) {
    flags |= priority_bit(PriorityFlag::kMerit);
  }
  if (rng.chance(20)) flags |= priority_bit(PriorityFlag::kHardship);
  return flags;
}

/// Pairs about a third of the spouses with a veteran; the couple shares a
/// home (the same region code or the same point).
void pair_partners(const Context& ctx, std::vector<Veteran>& veterans) {
  Rng rng(ctx.seed, kPartnerStream);
  const std::size_t n = veterans.size();
  if (n < 2) return;
  for (std::size_t i = 0; i < n; ++i) {
    Veteran& spouse = veterans[i];
    if (spouse.group != Group::kSpouse || !spouse.partner.empty()) continue;
    if (!rng.chance(350)) continue;
    for (int attempt = 0; attempt < 8; ++attempt) {
      Veteran& other = veterans[rng.below(n)];
      if (other.group == Group::kSpouse || !other.partner.empty()) continue;
      spouse.partner = other.id;
      other.partner = spouse.id;
      spouse.region = other.region;
      spouse.location = other.location;
      break;
    }
  }
}

}  // namespace

std::vector<Veteran> make_veterans(const Context& ctx) {
  Rng rng(ctx.seed, kVeteranStream);
  const int n = ctx.spec.veterans;
  std::vector<Veteran> veterans;
  veterans.reserve(n);
  for (int i = 0; i < n; ++i) {
    Veteran v;
    v.id = make_id('V', i + 1, n, 6);
    v.group = draw_group(rng);
    const int group = static_cast<int>(v.group);
    v.name = person_name(rng, rng.chance(group == kSpouse ? 950 : 60));

    const Place& home = ctx.places[ctx.draw_place(rng)];
    if (rng.chance(600)) {
      v.region = home.region->code;
      v.location = to_geo(home.centre);
    } else {
      v.location = to_geo(jitter(home, 6000, rng));
    }

    const int primary = draw_specialty(ctx, rng, group, -1);
    static constexpr int kSecondPerMille[kGroupCount] = {150, 300, 250, 200};
    const int secondary = rng.chance(kSecondPerMille[group])
                              ? draw_specialty(ctx, rng, group, primary)
                              : -1;
    v.skills = veteran_skills(ctx, rng, primary, secondary).finish(ctx.catalog);
    v.certificates = veteran_certificates(ctx, rng, group, primary, secondary);
    v.education = draw_education(rng, group);
    v.wants = draw_wants(rng);
    v.industries = draw_industries(ctx, rng, primary);
    if (rng.chance(300)) v.max_commute_km = draw_commute_km(rng);
    v.points = draw_points(rng, group);
    v.priority = draw_priority(rng, group);
    veterans.push_back(std::move(v));
  }
  pair_partners(ctx, veterans);
  return veterans;
}

}  // namespace vetmatch::gen
