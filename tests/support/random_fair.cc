#include "tests/support/random_fair.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

#include "datasets/skills/bundled_skill_space.h"
#include "engine/model/validate.h"
#include "engine/skills/resolve_skills.h"
#include "tests/support/random_round.h"

namespace vetmatch::test {
namespace {

std::string unit_id(char prefix, int n) {
  // Spread numbers so byte order and numeric order disagree ("w12" < "w3").
  return std::string(1, prefix) + std::to_string(n * 7 % 23 + n * 10);
}

Fair finish(Round round, const RandomFairOptions& o, std::mt19937_64& gen) {
  auto between = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(gen);
  };
  // A fair plans interviews, not places: no history of placements, and
  // (since random rounds may have them) no veterans out of the round.
  round.taken.clear();
  round.not_looking.clear();
  round.withdrawn.clear();
  for (Veteran& v : round.veterans) v.partner.clear();
  const int units = o.booths + o.pool;
  std::vector<int> unit_of(round.postings.size());
  for (std::size_t p = 0; p < round.postings.size(); ++p) {
    unit_of[p] = p < std::size_t(units) ? int(p) : between(0, units - 1);
  }
  std::shuffle(unit_of.begin(), unit_of.end(), gen);
  round.employers.clear();
  for (int u = 0; u < units; ++u) {
    Employer e;
    e.id = unit_id('w', u);
    e.name = "Employer " + e.id;
    round.employers.push_back(e);
  }
  for (std::size_t p = 0; p < round.postings.size(); ++p) {
    round.postings[p].employer = round.employers[unit_of[p]].id;
  }
  if (!validate(round).empty()) {
    throw std::logic_error("random_fair: the round does not validate");
  }
  resolve_skills(round, bundled_skill_space());

  Fair fair;
  fair.event.id = "F";
  fair.round = std::move(round);
  const std::vector<double> fits = {0.0, 0.0, 0.2, 0.4, 0.6};
  fair.settings.min_fit = fits[between(0, int(fits.size()) - 1)];
  fair.settings.max_booths_per_veteran = std::max(1, o.max_visits);
  for (int u = 0; u < units; ++u) {
    std::vector<PostingIndex> postings;
    for (std::size_t p = 0; p < unit_of.size(); ++p) {
      if (unit_of[p] == u) postings.push_back(PostingIndex(p));
    }
    if (u < o.booths) {
      Booth b;
      b.id = unit_id('b', u);
      b.employer = fair.round.employers[u].id;
      b.postings = std::move(postings);
      b.capacity = between(0, o.max_capacity);
      fair.booths.push_back(std::move(b));
    } else {
      fair.pool.push_back({fair.round.employers[u].id, std::move(postings)});
    }
  }
  for (std::size_t v = 0; v < fair.round.veterans.size(); ++v) {
    fair.visit_limit.push_back(between(1, std::max(1, o.max_visits)));
  }
  check_fair(fair);
  return fair;
}

}  // namespace

Fair random_fair(const RandomFairOptions& o, std::uint64_t seed) {
  RandomRoundOptions ro = varied_options(seed, 10);
  ro.veterans = o.veterans;
  ro.postings = o.booths + o.pool + o.extra_postings;
  ro.taken_fraction = 0.0;
  ro.p_partner = 0.0;
  ro.with_employers = true;
  std::mt19937_64 gen(seed * 0x2545F4914F6CDD1Dull + 17);
  return finish(random_round(ro, seed), o, gen);
}

std::vector<NamedFair> edge_case_fairs(std::uint64_t seed) {
  std::vector<NamedFair> out;
  RandomFairOptions o;
  {
    RandomFairOptions none = o;
    none.veterans = 0;
    out.push_back({"no_veterans", random_fair(none, seed)});
  }
  {
    RandomFairOptions none = o;
    none.booths = 0;
    none.pool = 3;
    out.push_back({"no_booths", random_fair(none, seed)});
  }
  {
    Fair f = random_fair(o, seed);
    for (Booth& b : f.booths) b.capacity = 0;
    out.push_back({"zero_capacity", std::move(f)});
  }
  {
    Fair f = random_fair(o, seed);
    for (Veteran& v : f.round.veterans) {
      v.wants = kind_bit(PostingKind::kIncubation);
    }
    for (Posting& p : f.round.postings) p.kind = PostingKind::kJob;
    out.push_back({"all_ineligible", std::move(f)});
  }
  {
    RandomFairOptions one = o;
    one.veterans = 1;
    out.push_back({"one_veteran", random_fair(one, seed)});
  }
  {
    Fair f = random_fair(o, seed);
    if (!f.round.veterans.empty() && !f.round.postings.empty()) {
      const Veteran first = f.round.veterans.front();
      for (Veteran& v : f.round.veterans) {
        Veteran copy = first;
        copy.id = v.id;
        copy.group = Group::kSoldier;
        copy.location = {36.5, 114.5};
        copy.wants = kAllPostingKinds;
        copy.max_commute_km.reset();
        v = std::move(copy);
      }
      const Posting front = f.round.postings.front();
      for (Posting& p : f.round.postings) {
        Posting copy = front;
        copy.id = p.id;
        copy.employer = p.employer;
        copy.location = {36.5, 114.5};
        copy.required_certificates.clear();
        copy.min_education = Education::kNone;
        p = std::move(copy);
      }
    }
    f.round.declined.clear();
    f.settings.min_fit = 0.0;
    for (Booth& b : f.booths) b.capacity = 2;
    out.push_back({"all_tied", std::move(f)});
  }
  {
    Fair f = random_fair(o, seed);
    for (std::int32_t& l : f.visit_limit) l = 1;
    out.push_back({"visit_limit_one", std::move(f)});
  }
  return out;
}

}  // namespace vetmatch::test
