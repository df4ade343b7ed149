#include "tests/support/random_round.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "engine/model/validate.h"
#include "tests/reference/brute_force.h"

namespace vetmatch::test {
namespace {

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : gen_(seed) {}

  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(gen_);
  }
  /// Uniform integer in [lo, hi].
  int between(int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(gen_);
  }
  /// Uniform index in [0, n); n > 0.
  int index(std::size_t n) { return between(0, static_cast<int>(n) - 1); }
  bool chance(double p) { return p > 0 && uniform(0.0, 1.0) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[index(v.size())];
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    std::shuffle(v.begin(), v.end(), gen_);
  }

 private:
  std::mt19937_64 gen_;
};

/// `count` distinct ids "<prefix><number>" with numbers spread over a range
/// ten times larger, so byte order and numeric order disagree; a few use an
/// upper-case prefix, which sorts before every lower-case one.
std::vector<std::string> make_ids(Dice& dice, char prefix, int count) {
  std::vector<int> numbers(static_cast<std::size_t>(count) * 10 + 10);
  std::iota(numbers.begin(), numbers.end(), 0);
  dice.shuffle(numbers);
  std::vector<std::string> ids;
  ids.reserve(count);
  for (int i = 0; i < count; ++i) {
    const char p =
        dice.chance(0.15) ? static_cast<char>(prefix - 'a' + 'A') : prefix;
    ids.push_back(std::string(1, p) + std::to_string(numbers[i]));
  }
  return ids;
}

class Builder {
 public:
  Builder(const RandomRoundOptions& o, std::uint64_t seed)
      : o_(o), dice_(seed) {}

  Round build() {
    make_vocabularies();
    round_.config.weights = o_.weights;
    round_.config.distance_scale_km = o_.distance_scale_km;
    if (o_.round_commute_km > 0) {
      round_.config.max_commute_km = o_.round_commute_km;
    }
    round_.config.veteran_shortlist_k = o_.veteran_k;
    round_.config.posting_shortlist_k = o_.posting_k;

    make_employers();
    make_veterans();
    make_postings();
    put_commutes_on_boundaries();
    make_partners();
    make_taken();
    make_carry_over();
    make_declined();

    // The file order is not the id order, nor the order records were made.
    dice_.shuffle(round_.veterans);
    dice_.shuffle(round_.postings);
    dice_.shuffle(round_.employers);
    dice_.shuffle(round_.taken);
    dice_.shuffle(round_.declined);
    // Drawn only when asked for, so rounds without them are as before.
    if (!round_.not_looking.empty()) dice_.shuffle(round_.not_looking);
    if (!round_.withdrawn.empty()) dice_.shuffle(round_.withdrawn);
    return std::move(round_);
  }

 private:
  void make_vocabularies() {
    const int n_skills = std::max(1, o_.skill_vocabulary);
    skills_ = make_ids(dice_, 's', n_skills);
    // One multi-byte UTF-8 id: it sorts after every ASCII id byte-wise.
    if (n_skills >= 3) skills_[1] = "\xE7\x84\x8A\xE6\x8E\xA5";  // "焊接"
    certificates_ =
        make_ids(dice_, 'c', std::max(1, o_.certificate_vocabulary));
    industries_ = make_ids(dice_, 'i', std::max(1, o_.industry_vocabulary));
    for (int i = 0; i < 4; ++i) shared_points_.push_back(random_point());
  }

  GeoPoint random_point() {
    GeoPoint p;
    p.lat = std::min(90.0, o_.box_lat + dice_.uniform(0.0, o_.box_degrees));
    p.lon = o_.box_lon + dice_.uniform(0.0, o_.box_degrees);
    if (p.lon > 180.0) p.lon -= 360.0;
    return p;
  }

  GeoPoint location() {
    if (dice_.chance(o_.p_shared_location)) return dice_.pick(shared_points_);
    return random_point();
  }

  double weight() {
    if (o_.weight_set.empty()) return 1.0 - dice_.uniform(0.0, 1.0);
    return dice_.pick(o_.weight_set);
  }

  std::vector<SkillWeight> skill_map() {
    std::vector<SkillWeight> out;
    if (dice_.chance(o_.p_empty_skills)) return out;
    for (std::size_t i = 0; i < skills_.size(); ++i) {
      const double density = o_.dense_skills > 0 && int(i) >= o_.dense_skills
                                 ? o_.rare_skill_density
                                 : o_.skill_density;
      if (dice_.chance(density)) out.push_back({skills_[i], weight()});
    }
    dice_.shuffle(out);  // Maps come in no particular order.
    return out;
  }

  void make_employers() {
    const int n = dice_.between(1, 5);
    employer_ids_ = make_ids(dice_, 'e', n);
    if (!o_.with_employers) {
      for (std::string& id : employer_ids_) id = "Employer " + id;
      return;
    }
    for (const std::string& id : employer_ids_) {
      Employer e;
      e.id = id;
      e.name = "Company " + id;
      e.kind = static_cast<EmployerKind>(dice_.between(0, 2));
      round_.employers.push_back(e);
    }
  }

  Points points() {
    if (o_.points_levels <= 0) return dice_.uniform(-10.0, 100.0);
    const int level = dice_.between(0, o_.points_levels - 1);
    // Zero sometimes comes as -0.0: equal points all the same.
    if (level == 0 && dice_.chance(0.5)) return -0.0;
    return 5.0 * level;
  }

  void make_veterans() {
    const std::vector<std::string> ids = make_ids(dice_, 'v', o_.veterans);
    for (int i = 0; i < o_.veterans; ++i) {
      Veteran v;
      if (i > 0 && dice_.chance(o_.p_duplicate_veteran)) {
        v = round_.veterans[dice_.index(round_.veterans.size())];
        v.partner.clear();
        v.id = ids[i];
        round_.veterans.push_back(std::move(v));
        continue;
      }
      if (i > 0 && dice_.chance(o_.p_near_duplicate)) {
        v = round_.veterans[dice_.index(round_.veterans.size())];
        v.partner.clear();
        v.id = ids[i];
        nudge(v.location, v.skills);
        round_.veterans.push_back(std::move(v));
        continue;
      }
      v.id = ids[i];
      v.name = "Veteran " + v.id;
      v.group = dice_.chance(o_.p_spouse)
                    ? Group::kSpouse
                    : static_cast<Group>(dice_.between(0, 2));
      v.location = location();
      v.skills = skill_map();
      for (const std::string& c : certificates_) {
        if (dice_.chance(0.5)) v.certificates.push_back(c);
      }
      dice_.shuffle(v.certificates);
      v.education = static_cast<Education>(dice_.between(0, 8));
      if (dice_.chance(o_.p_wants_subset)) {
        v.wants = static_cast<PostingKindSet>(dice_.between(1, 6));
      }
      if (dice_.chance(o_.p_veteran_industries)) {
        const int n = dice_.between(1, 2);
        for (int k = 0; k < n; ++k) {
          const std::string& ind = dice_.pick(industries_);
          if (std::find(v.industries.begin(), v.industries.end(), ind) ==
              v.industries.end()) {
            v.industries.push_back(ind);
          }
        }
      }
      if (dice_.chance(o_.p_veteran_commute)) {
        v.max_commute_km =
            dice_.uniform(0.2, 1.5) * o_.veteran_commute_scale_km;
      }
      v.points = points();
      if (dice_.chance(o_.p_priority)) {
        v.priority = static_cast<PrioritySet>(dice_.between(1, 15));
      }
      round_.veterans.push_back(std::move(v));
    }
  }

  void make_postings() {
    const std::vector<std::string> ids = make_ids(dice_, 'p', o_.postings);
    for (int i = 0; i < o_.postings; ++i) {
      Posting p;
      if (i > 0 && dice_.chance(o_.p_duplicate_posting)) {
        p = round_.postings[dice_.index(round_.postings.size())];
        p.id = ids[i];
        round_.postings.push_back(std::move(p));
        continue;
      }
      if (i > 0 && dice_.chance(o_.p_near_duplicate)) {
        p = round_.postings[dice_.index(round_.postings.size())];
        p.id = ids[i];
        nudge(p.location, p.skills);
        round_.postings.push_back(std::move(p));
        continue;
      }
      p.id = ids[i];
      p.employer = dice_.pick(employer_ids_);
      p.kind = dice_.chance(o_.p_other_kind)
                   ? static_cast<PostingKind>(dice_.between(1, 2))
                   : PostingKind::kJob;
      p.title = "Posting " + p.id;
      p.location = location();
      p.openings = dice_.between(1, std::max(1, o_.max_openings));
      p.skills = skill_map();
      if (dice_.chance(o_.p_required_certificate)) {
        p.required_certificates.push_back(dice_.pick(certificates_));
        if (dice_.chance(0.3)) {
          const std::string& c = dice_.pick(certificates_);
          if (c != p.required_certificates[0]) {
            p.required_certificates.push_back(c);
          }
        }
      }
      if (dice_.chance(o_.p_min_education)) {
        p.min_education = static_cast<Education>(dice_.between(1, 8));
      }
      if (dice_.chance(o_.p_posting_industry)) {
        p.industry = dice_.pick(industries_);
      }
      p.veterans_only = dice_.chance(o_.p_veterans_only);
      p.spouses_welcome =
          !p.veterans_only && dice_.chance(o_.p_spouses_welcome);
      round_.postings.push_back(std::move(p));
    }
  }

  // Moves a point by up to near_duplicate_degrees, or scales each skill
  // weight by up to 1 - near_duplicate_weight_scale (weights stay in
  // (0, 1]).
  void nudge(GeoPoint& location, std::vector<SkillWeight>& skills) {
    if (skills.empty() || dice_.chance(0.5)) {
      const double d = o_.near_duplicate_degrees;
      location.lat =
          std::clamp(location.lat + dice_.uniform(-d, d), -90.0, 90.0);
      location.lon =
          std::clamp(location.lon + dice_.uniform(-d, d), -180.0, 180.0);
    } else {
      for (SkillWeight& s : skills) {
        s.weight *= 1.0 - dice_.uniform(0.0, o_.near_duplicate_weight_scale);
      }
    }
  }

  void put_commutes_on_boundaries() {
    if (round_.postings.empty()) return;
    for (Veteran& v : round_.veterans) {
      if (!dice_.chance(o_.p_commute_on_boundary)) continue;
      const Posting& p = dice_.pick(round_.postings);
      const double d = reference_distance_km(v.location, p.location);
      if (!(d > 0)) continue;
      v.max_commute_km = dice_.chance(0.5) ? d : std::nextafter(d, 0.0);
    }
  }

  void make_partners() {
    std::vector<std::size_t> free(round_.veterans.size());
    std::iota(free.begin(), free.end(), 0);
    dice_.shuffle(free);
    for (std::size_t i = 0; i + 1 < free.size(); i += 2) {
      if (!dice_.chance(o_.p_partner)) continue;
      Veteran& a = round_.veterans[free[i]];
      Veteran& b = round_.veterans[free[i + 1]];
      a.partner = b.id;
      // Sometimes one-sided: the other names nobody (valid).
      if (dice_.chance(0.8)) b.partner = a.id;
    }
  }

  void make_taken() {
    if (round_.veterans.empty() || round_.postings.empty()) return;
    const int n_taken = static_cast<int>(
        std::lround(o_.taken_fraction * double(round_.veterans.size())));
    std::vector<std::size_t> order(round_.veterans.size());
    std::iota(order.begin(), order.end(), 0);
    dice_.shuffle(order);
    std::vector<Openings> left(round_.postings.size());
    for (std::size_t p = 0; p < left.size(); ++p) {
      left[p] = round_.postings[p].openings;
    }
    // Taken places cluster on a few postings, so those run out.
    std::vector<std::size_t> favourites;
    for (std::size_t p = 0; p < left.size(); ++p) {
      if (dice_.chance(0.4)) favourites.push_back(p);
    }
    for (int t = 0; t < n_taken && t < static_cast<int>(order.size()); ++t) {
      std::vector<std::size_t> open;
      for (std::size_t p : favourites) {
        if (left[p] > 0) open.push_back(p);
      }
      if (open.empty()) {
        for (std::size_t p = 0; p < left.size(); ++p) {
          if (left[p] > 0) open.push_back(p);
        }
      }
      if (open.empty()) break;
      const std::size_t p = dice_.pick(open);
      --left[p];
      round_.taken.push_back(
          {round_.veterans[order[t]].id, round_.postings[p].id});
    }
  }

  // Veterans no longer looking (among those not taken) and postings
  // withdrawn (some of them with places taken before).
  void make_carry_over() {
    if (o_.not_looking_fraction > 0) {
      std::set<std::string_view> taken;
      for (const PairRef& t : round_.taken) taken.insert(t.veteran);
      for (const Veteran& v : round_.veterans) {
        if (!taken.contains(v.id) && dice_.chance(o_.not_looking_fraction)) {
          round_.not_looking.push_back(v.id);
        }
      }
    }
    if (o_.withdrawn_fraction > 0) {
      for (const Posting& p : round_.postings) {
        if (dice_.chance(o_.withdrawn_fraction)) {
          round_.withdrawn.push_back(p.id);
        }
      }
    }
  }

  void make_declined() {
    if (round_.veterans.empty() || round_.postings.empty()) return;
    const int n = static_cast<int>(
        std::lround(o_.declines_per_veteran * double(round_.veterans.size())));
    for (int i = 0; i < n; ++i) {
      round_.declined.push_back(
          {round_.veterans[dice_.index(round_.veterans.size())].id,
           round_.postings[dice_.index(round_.postings.size())].id});
    }
    // The same pair listed twice is allowed.
    if (!round_.declined.empty() && dice_.chance(0.3)) {
      round_.declined.push_back(dice_.pick(round_.declined));
    }
  }

  const RandomRoundOptions& o_;
  Dice dice_;
  Round round_;
  std::vector<std::string> skills_;
  std::vector<std::string> certificates_;
  std::vector<std::string> industries_;
  std::vector<std::string> employer_ids_;
  std::vector<GeoPoint> shared_points_;
};

void check_valid(const Round& round, const char* what) {
  const std::vector<ValidationIssue> issues = validate(round);
  if (!issues.empty()) {
    const ValidationIssue& i = issues.front();
    throw std::logic_error(std::string(what) + " built an invalid round: " +
                           std::string(to_string(i.entity)) + "/" +
                           std::to_string(i.index) + "/" + i.field +
                           ": expected " + i.expected + ", found " + i.found);
  }
}

RandomRoundOptions sized(int veterans, int postings) {
  RandomRoundOptions o;
  o.veterans = veterans;
  o.postings = postings;
  return o;
}

}  // namespace

Round random_round(const RandomRoundOptions& options, std::uint64_t seed) {
  Round round = Builder(options, seed).build();
  check_valid(round, "random_round");
  return round;
}

RandomRoundOptions varied_options(std::uint64_t seed, int max_size) {
  Dice d(seed * 0x9E3779B97F4A7C15ull + 0x5EEDull);
  RandomRoundOptions o;
  auto size = [&] {
    if (d.chance(0.05)) return 0;
    if (d.chance(0.1)) return d.between(1, 3);
    return d.between(1, std::max(1, max_size));
  };
  o.veterans = size();
  o.postings = size();
  o.skill_vocabulary = d.pick(std::vector<int>{1, 3, 8, 30});
  o.skill_density = d.pick(std::vector<double>{0.1, 0.3, 0.7});
  if (d.chance(0.3)) o.weight_set.clear();
  o.p_empty_skills = d.pick(std::vector<double>{0.0, 0.1, 0.4});
  o.p_duplicate_veteran = d.pick(std::vector<double>{0.0, 0.1, 0.3});
  o.p_duplicate_posting = d.pick(std::vector<double>{0.0, 0.1, 0.3});
  o.p_near_duplicate = d.pick(std::vector<double>{0.0, 0.0, 0.1, 0.3});
  o.p_commute_on_boundary = d.pick(std::vector<double>{0.0, 0.1, 0.5});
  o.box_degrees = d.pick(std::vector<double>{0.01, 0.1, 0.5, 2.0});
  o.p_shared_location = d.pick(std::vector<double>{0.0, 0.25, 0.6});
  const int place = d.between(0, 9);
  if (place == 0) {  // Across the antimeridian.
    o.box_lat = 60.0;
    o.box_lon = 180.0 - o.box_degrees / 2;
  } else if (place == 1) {  // Next to the north pole.
    o.box_lat = 90.0 - o.box_degrees;
    o.box_lon = -20.0;
  } else {
    o.box_lat = d.uniform(20.0, 45.0);
    o.box_lon = d.uniform(100.0, 124.0);
  }
  const double box_km = o.box_degrees * 111.0;
  const int commute = d.between(0, 2);
  if (commute == 1) o.round_commute_km = d.uniform(0.05, 0.3) * box_km;
  if (commute == 2) o.round_commute_km = d.uniform(0.5, 2.0) * box_km;
  o.p_veteran_commute = d.pick(std::vector<double>{0.0, 0.2, 0.8});
  o.veteran_commute_scale_km = d.uniform(0.05, 1.0) * box_km;
  o.p_spouse = d.pick(std::vector<double>{0.0, 0.15, 0.5});
  o.p_wants_subset = d.pick(std::vector<double>{0.0, 0.3, 0.8});
  o.p_other_kind = d.pick(std::vector<double>{0.0, 0.3, 0.7});
  o.p_min_education = d.pick(std::vector<double>{0.0, 0.3});
  o.p_required_certificate = d.pick(std::vector<double>{0.0, 0.2, 0.5});
  o.p_veteran_industries = d.pick(std::vector<double>{0.0, 0.4, 0.9});
  o.declines_per_veteran = d.pick(std::vector<double>{0.0, 0.5, 3.0});
  o.taken_fraction = d.pick(std::vector<double>{0.0, 0.1, 0.3, 0.6});
  o.max_openings = d.pick(std::vector<int>{1, 2, 5});
  o.points_levels = d.pick(std::vector<int>{0, 1, 3, 6});
  o.with_employers = d.chance(0.7);
  const std::vector<int> ks = {0, 1, 2, 3, 7, 1000};
  o.veteran_k = d.pick(ks);
  o.posting_k = d.pick(ks);
  const std::vector<ScoreWeights> weights = {
      {0.6, 0.3, 0.1}, {1.0, 0.0, 0.0},   {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0},
      {2.0, 1.0, 1.0}, {0.25, 0.5, 0.25}, {0.7, 0.2, 0.1}};
  o.weights = d.pick(weights);
  o.distance_scale_km = d.pick(std::vector<double>{1.0, 10.0, 30.0, 100.0});
  // From a die of their own, so the options above are as they were before
  // rounds carried over.
  Dice carry(seed ^ 0x9e3779b97f4a7c15ull);
  o.not_looking_fraction = carry.pick(std::vector<double>{0.0, 0.0, 0.1, 0.4});
  o.withdrawn_fraction = carry.pick(std::vector<double>{0.0, 0.0, 0.1, 0.4});
  return o;
}

Round empty_round() { return Round{}; }

Round round_without_postings(std::uint64_t seed) {
  Round r = random_round(sized(25, 0), seed);
  check_valid(r, "round_without_postings");
  return r;
}

Round round_without_veterans(std::uint64_t seed) {
  Round r = random_round(sized(0, 25), seed);
  check_valid(r, "round_without_veterans");
  return r;
}

Round round_with_one_veteran(std::uint64_t seed) {
  RandomRoundOptions o = sized(1, 30);
  o.taken_fraction = 0.0;
  o.veteran_k = 1000;
  return random_round(o, seed);
}

Round round_all_ineligible(std::uint64_t seed) {
  RandomRoundOptions o = sized(20, 15);
  o.taken_fraction = 0.0;
  Round r = random_round(o, seed);
  for (Veteran& v : r.veterans) v.wants = kind_bit(PostingKind::kIncubation);
  for (std::size_t i = 0; i < r.postings.size(); ++i) {
    r.postings[i].kind = i % 2 ? PostingKind::kJob : PostingKind::kTraining;
  }
  check_valid(r, "round_all_ineligible");
  return r;
}

Round round_all_openings_taken(std::uint64_t seed) {
  RandomRoundOptions o = sized(40, 8);
  o.taken_fraction = 0.0;
  o.max_openings = 2;
  Round r = random_round(o, seed);
  std::size_t next = 0;
  for (const Posting& p : r.postings) {
    for (Openings k = 0; k < p.openings; ++k) {
      r.taken.push_back({r.veterans[next++].id, p.id});
    }
  }
  check_valid(r, "round_all_openings_taken");
  return r;
}

Round round_all_veterans_taken(std::uint64_t seed) {
  RandomRoundOptions o = sized(10, 10);
  o.taken_fraction = 0.0;
  Round r = random_round(o, seed);
  for (Posting& p : r.postings) p.openings = 2;
  for (std::size_t i = 0; i < r.veterans.size(); ++i) {
    r.taken.push_back({r.veterans[i].id, r.postings[i % 10].id});
  }
  check_valid(r, "round_all_veterans_taken");
  return r;
}

Round round_all_not_looking(std::uint64_t seed) {
  RandomRoundOptions o = sized(12, 10);
  o.taken_fraction = 0.3;
  Round r = random_round(o, seed);
  std::set<std::string_view> taken;
  for (const PairRef& t : r.taken) taken.insert(t.veteran);
  for (const Veteran& v : r.veterans) {
    if (!taken.contains(v.id)) r.not_looking.push_back(v.id);
  }
  check_valid(r, "round_all_not_looking");
  return r;
}

Round round_all_withdrawn(std::uint64_t seed) {
  RandomRoundOptions o = sized(15, 8);
  o.taken_fraction = 0.2;
  Round r = random_round(o, seed);
  for (const Posting& p : r.postings) r.withdrawn.push_back(p.id);
  check_valid(r, "round_all_withdrawn");
  return r;
}

Round round_all_tied(std::uint64_t seed) {
  RandomRoundOptions o = sized(30, 20);
  o.taken_fraction = 0.0;
  o.declines_per_veteran = 0.0;
  o.veteran_k = 7;
  o.posting_k = 7;
  Round r = random_round(o, seed);
  const GeoPoint here{31.2304, 121.4737};
  const std::vector<SkillWeight> skills = {{"weld", 0.5}, {"drive", 1.0}};
  for (Veteran& v : r.veterans) {
    v.location = here;
    v.skills = skills;
    v.industries.clear();
    v.wants = kAllPostingKinds;
    v.group = Group::kNco;
    v.max_commute_km.reset();
    v.points = 10.0;
    v.education = Education::kDoctorate;
  }
  for (Posting& p : r.postings) {
    p.location = here;
    p.skills = {{"drive", 1.0}, {"weld", 0.5}};
    p.required_certificates.clear();
  }
  check_valid(r, "round_all_tied");
  return r;
}

void PrintTo(const NamedRound& named, std::ostream* out) { *out << named.name; }

std::vector<NamedRound> edge_case_rounds() {
  return {
      {"empty", empty_round()},
      {"no_postings", round_without_postings(11)},
      {"no_veterans", round_without_veterans(12)},
      {"one_veteran", round_with_one_veteran(13)},
      {"all_ineligible", round_all_ineligible(14)},
      {"all_openings_taken", round_all_openings_taken(15)},
      {"all_veterans_taken", round_all_veterans_taken(16)},
      {"all_tied", round_all_tied(17)},
      {"all_not_looking", round_all_not_looking(18)},
      {"all_withdrawn", round_all_withdrawn(19)},
  };
}

}  // namespace vetmatch::test
