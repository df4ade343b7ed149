#include "datasets/generator/veterans.h"

#include <algorithm>
#include <array>

#include "datasets/generator/names.h"
#include "datasets/generator/presets.h"

namespace vetmatch::gen {
namespace {

constexpr int kSoldier = 0, kNco = 1, kOfficer = 2, kSpouse = 3;

// Households: veteran numbers 2h and 2h + 1 (0-based) are household h, drawn
// from its own Rng. A household is a couple (a veteran and the spouse who
// followed them, 随军家属) 5.6% of the time, else two single people. Couples'
// veterans are mostly career NCOs and officers (spouses may join an officer
// or a senior NCO). Singles' groups are set so that overall the mix is
// soldier 65%, nco 20%, officer 7%, spouse 8%, and a third of the spouses
// (2.8% of all) have their partner in the round:
//   couples: 2.8% veterans (nco 60%, officer 35%, soldier 5%) + 2.8% spouses
//   singles (94.4%): soldier 68.71%, nco 19.41%, officer 6.38%, spouse 5.50%.
constexpr int kCouplePerMille = 56;
constexpr std::array<int, 3> kPartneredGroupWeights = {5, 60, 35};
constexpr std::array<int, 4> kSingleGroupWeights = {6871, 1941, 638, 550};

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
    const int industry = rng.chance(750)
                             ? s.industries[rng.below(s.industries.size())]
                             : static_cast<int>(ctx.industry_picker.draw(rng));
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

/// A second specialty from the group's picker, different from `primary`
/// (-1 when the draws keep hitting it).
int draw_other_specialty(const Context& ctx, Rng& rng, int group, int primary) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int s = static_cast<int>(ctx.specialty_pickers[group].draw(rng));
    if (s != primary) return s;
  }
  return -1;
}

/// A CSCO code from a specialty's `csco` column, or any code when it has
/// none.
const std::string& csco_of(const Context& ctx, Rng& rng, int specialty) {
  const WeightedPicker& picker = ctx.specialty_csco_pickers[specialty];
  if (picker.empty()) {
    return ctx.catalog.csco[ctx.csco_picker.draw(rng)].code;
  }
  const int code =
      ctx.catalog.specialties[specialty].csco[picker.draw(rng)].first;
  return ctx.catalog.csco[code].code;
}

/// Civilian occupations held (CSCO codes): by veterans who worked before or
/// between their service (in their specialty's trade, in a civilian
/// profile's, or anything), and by most spouses.
std::vector<std::string> draw_occupations(const Context& ctx, Rng& rng,
                                          int group, int profile) {
  static constexpr int kHeldPerMille[kGroupCount] = {150, 250, 200, 750};
  std::vector<std::string> out;
  if (!rng.chance(kHeldPerMille[group])) return out;
  const int count = rng.chance(200) ? 2 : 1;
  for (int k = 0; k < count; ++k) {
    const std::string* code = nullptr;
    const auto r = rng.below(100);
    if (group == kSpouse) {
      code = r < 85 ? &csco_of(ctx, rng, profile)
                    : &ctx.catalog.csco[ctx.csco_picker.draw(rng)].code;
    } else if (r < 55) {
      code = &csco_of(ctx, rng, profile);
    } else if (r < 85 && !ctx.civilian_pickers[group].empty()) {
      const int civilian =
          ctx.civilian_profiles[ctx.civilian_pickers[group].draw(rng)];
      code = &csco_of(ctx, rng, civilian);
    } else {
      code = &ctx.catalog.csco[ctx.csco_picker.draw(rng)].code;
    }
    if (std::find(out.begin(), out.end(), *code) == out.end()) {
      out.push_back(*code);
    }
  }
  return out;
}

/// 0-4 free skill tags: named skills of the profile, with noise; sometimes
/// one from the second specialty or from anywhere.
SkillDraft veteran_tags(const Context& ctx, Rng& rng, int profile,
                        int secondary) {
  static constexpr std::array<int, 5> kCountWeights = {250, 250, 250, 150, 100};
  SkillDraft draft;
  const SpecialtyInfo& first = ctx.catalog.specialties[profile];
  const std::size_t count =
      std::min(rng.weighted(kCountWeights), first.profile.size());
  std::vector<int> entries(first.profile.size());
  for (std::size_t k = 0; k < entries.size(); ++k) entries[k] = int(k);
  for (std::size_t k = 0; k < count; ++k) {
    // A partial Fisher-Yates shuffle: distinct entries.
    std::swap(entries[k], entries[k + rng.below(entries.size() - k)]);
    const ProfileEntry& e = first.profile[entries[k]];
    draft.merge(e.skill, clamp_int(e.hundredths + rng.range(-25, 10), 5, 100));
  }
  if (secondary >= 0 && rng.chance(300)) {
    const auto& other = ctx.catalog.specialties[secondary].profile;
    const ProfileEntry& e = other[rng.below(other.size())];
    draft.merge(e.skill, clamp_int(e.hundredths * 60 / 100 + rng.range(-10, 10),
                                   5, 100));
  }
  if (rng.chance(150)) {
    // Something picked up outside the specialty.
    const int skill = static_cast<int>(rng.below(ctx.catalog.skills.size()));
    draft.merge(skill, clamp_int(rng.range(10, 50), 5, 100));
  }
  return draft;
}

/// Where a veteran lives: the county only (60%, as ledgers often give) or
/// a point within 6 km of its centre.
void draw_home(const Context& ctx, Rng& rng, Veteran& v) {
  const Place& home = ctx.places[ctx.draw_place(rng)];
  if (rng.chance(600)) {
    v.region = home.region->code;
    v.location = to_geo(home.centre);
  } else {
    v.location = to_geo(jitter(home, 6000, rng));
  }
}

/// One person of the given group; `home`, when given, is copied (a
/// spouse living with her partner).
Veteran draw_person(const Context& ctx, Rng& rng, std::int64_t number,
                    Group group_in, const Veteran* home) {
  Veteran v;
  v.id = make_id('V', number + 1, ctx.veteran_count, 6);
  v.group = group_in;
  const int group = static_cast<int>(v.group);
  v.name = person_name(rng, rng.chance(group == kSpouse ? 950 : 60));
  if (home != nullptr) {
    v.region = home->region;
    v.location = home->location;
  } else {
    draw_home(ctx, rng, v);
  }

  // The profile: a military specialty (spouses: mostly a civilian profile).
  const int profile = static_cast<int>(ctx.specialty_pickers[group].draw(rng));
  static constexpr int kSecondPerMille[kGroupCount] = {150, 300, 250, 0};
  const int secondary = rng.chance(kSecondPerMille[group])
                            ? draw_other_specialty(ctx, rng, group, profile)
                            : -1;
  if (ctx.catalog.specialties[profile].military) {
    v.specialties.push_back(ctx.catalog.specialties[profile].id);
  }
  if (secondary >= 0 && ctx.catalog.specialties[secondary].military) {
    v.specialties.push_back(ctx.catalog.specialties[secondary].id);
  }
  v.occupations = draw_occupations(ctx, rng, group, profile);
  SkillDraft tags = veteran_tags(ctx, rng, profile, secondary);
  if (tags.entries.empty() && v.specialties.empty() && v.occupations.empty()) {
    // Something to match on: the profile's first named skill.
    const ProfileEntry& e = ctx.catalog.specialties[profile].profile[0];
    tags.merge(e.skill, e.hundredths);
  }
  v.skills = tags.finish(ctx.catalog);
  v.certificates = veteran_certificates(ctx, rng, group, profile, secondary);
  v.education = draw_education(rng, group);
  v.wants = draw_wants(rng);
  v.industries = draw_industries(ctx, rng, profile);
  if (rng.chance(300)) v.max_commute_km = draw_commute_km(rng);
  v.points = draw_points(rng, group);
  v.priority = draw_priority(rng, group);
  return v;
}

}  // namespace

void make_household(const Context& ctx, std::int64_t household,
                    std::vector<Veteran>& out) {
  const std::int64_t first = 2 * household;
  const std::int64_t people =
      std::min<std::int64_t>(2, ctx.veteran_count - first);
  if (people <= 0) return;
  Rng rng(ctx.seed, kVeteranStream, static_cast<std::uint64_t>(household));
  if (people == 2 && rng.chance(kCouplePerMille)) {
    const auto group = static_cast<Group>(rng.weighted(kPartneredGroupWeights));
    Veteran veteran = draw_person(ctx, rng, first, group, nullptr);
    Veteran spouse = draw_person(ctx, rng, first + 1, Group::kSpouse, &veteran);
    veteran.partner = spouse.id;
    spouse.partner = veteran.id;
    out.push_back(std::move(veteran));
    out.push_back(std::move(spouse));
    return;
  }
  for (std::int64_t k = 0; k < people; ++k) {
    const auto group = static_cast<Group>(rng.weighted(kSingleGroupWeights));
    out.push_back(draw_person(ctx, rng, first + k, group, nullptr));
  }
}

}  // namespace vetmatch::gen
