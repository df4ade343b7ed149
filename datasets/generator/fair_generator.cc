#include "datasets/generator/fair_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "datasets/generator/random.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

// Stream tags of the fair's random draws (see random.h).
constexpr std::uint64_t kStreamEmployers = 0xFA1'0001;
constexpr std::uint64_t kStreamBooths = 0xFA1'0002;
constexpr std::uint64_t kStreamVeterans = 0xFA1'0003;

constexpr int kStandsPerRow = 25;
constexpr double kFairHours = 3.0;

std::string booth_id(std::size_t b) {
  char text[32];
  std::snprintf(text, sizeof text, "B%03zu", b + 1);
  return text;
}

std::string stand(std::size_t b) {
  const std::size_t row = b / kStandsPerRow;
  char text[32];
  if (row < 26) {
    std::snprintf(text, sizeof text, "%c%02zu", char('A' + row),
                  b % kStandsPerRow + 1);
  } else {
    std::snprintf(text, sizeof text, "Z%zu", b + 1);
  }
  return text;
}

}  // namespace

Fair generate_fair(const Round& round, const FairGeneratorOptions& options) {
  if (options.booths < 0 || options.pool < 0) {
    throw std::invalid_argument("generate_fair: negative booths or pool");
  }
  // Employers with postings, in first-posting order; their postings.
  std::vector<std::string> employers;
  std::unordered_map<std::string, std::vector<PostingIndex>> postings_of;
  for (std::size_t p = 0; p < round.postings.size(); ++p) {
    auto [it, fresh] = postings_of.try_emplace(round.postings[p].employer);
    if (fresh) employers.push_back(round.postings[p].employer);
    it->second.push_back(static_cast<PostingIndex>(p));
  }
  const std::size_t wanted = std::size_t(options.booths) + options.pool;
  if (wanted > employers.size()) {
    throw std::invalid_argument(
        "generate_fair: " + std::to_string(options.booths) + " booths and " +
        std::to_string(options.pool) +
        " pool entries need that many "
        "employers with postings; the round has " +
        std::to_string(employers.size()));
  }
  std::sort(employers.begin(), employers.end());
  gen::Rng employer_rng(options.seed, kStreamEmployers);
  employer_rng.shuffle(employers);
  std::vector<std::string> booth_employers(employers.begin(),
                                           employers.begin() + options.booths);
  std::vector<std::string> pool_employers(employers.begin() + options.booths,
                                          employers.begin() + wanted);
  std::sort(booth_employers.begin(), booth_employers.end());
  std::sort(pool_employers.begin(), pool_employers.end());

  Fair fair;
  fair.settings = options.settings;
  Round& out = fair.round;
  out.config = round.config;
  out.employers = round.employers;
  std::unordered_map<std::string, std::string> employer_name;
  for (const Employer& e : round.employers) employer_name[e.id] = e.name;

  // Postings, booth by booth, then the pool.
  std::unordered_set<std::string> offered;
  auto offer = [&](const std::string& employer) {
    std::vector<PostingIndex> indices;
    for (PostingIndex p : postings_of[employer]) {
      indices.push_back(static_cast<PostingIndex>(out.postings.size()));
      out.postings.push_back(round.postings[p]);
      offered.insert(round.postings[p].id);
    }
    return indices;
  };
  gen::Rng booth_rng(options.seed, kStreamBooths);
  double lat = 0.0, lon = 0.0;
  std::size_t places = 0;
  for (std::size_t b = 0; b < booth_employers.size(); ++b) {
    Booth booth;
    booth.id = booth_id(b);
    booth.employer = booth_employers[b];
    booth.name = employer_name[booth.employer];
    booth.stand = stand(b);
    booth.postings = offer(booth.employer);
    booth.interviewers = static_cast<std::int32_t>(booth_rng.range(1, 3));
    booth.hours = kFairHours;
    booth.interviews_per_hour = static_cast<double>(booth_rng.range(3, 6));
    booth.capacity = booth_capacity(booth.interviewers, booth.hours,
                                    booth.interviews_per_hour);
    for (PostingIndex p : booth.postings) {
      lat += out.postings[p].location.lat;
      lon += out.postings[p].location.lon;
      ++places;
    }
    fair.booths.push_back(std::move(booth));
  }
  for (const std::string& employer : pool_employers) {
    fair.pool.push_back({employer, offer(employer)});
  }

  // Registered veterans.
  std::unordered_set<std::string> taken;
  for (const PairRef& t : round.taken) taken.insert(t.veteran);
  std::vector<std::size_t> looking;
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    if (!taken.contains(round.veterans[v].id)) looking.push_back(v);
  }
  if (options.veterans && *options.veterans < std::int64_t(looking.size())) {
    gen::Rng veteran_rng(options.seed, kStreamVeterans);
    veteran_rng.shuffle(looking);
    looking.resize(
        static_cast<std::size_t>(std::max<std::int64_t>(0, *options.veterans)));
    std::sort(looking.begin(), looking.end());
  }
  std::unordered_set<std::string> registered;
  for (std::size_t v : looking) {
    out.veterans.push_back(round.veterans[v]);
    out.veterans.back().partner.clear();
    registered.insert(round.veterans[v].id);
  }
  for (const PairRef& d : round.declined) {
    if (registered.contains(d.veteran) && offered.contains(d.posting)) {
      out.declined.push_back(d);
    }
  }
  fair.visit_limit.assign(out.veterans.size(),
                          options.settings.max_booths_per_veteran);
  out.skills_resolved = round.skills_resolved;
  if (!out.skills_resolved) resolve_skills(out, bundled_skill_space());

  FairEvent& ev = fair.event;
  ev.id = "fair-" + std::to_string(options.seed);
  ev.name = "退役军人专场招聘会";
  ev.venue = "人力资源市场";
  if (places > 0) {
    // The booths' postings' centre, to the metre.
    ev.location = GeoPoint{std::round(lat / places * 1e5) / 1e5,
                           std::round(lon / places * 1e5) / 1e5};
  }
  ev.date = "2026-03-14";
  ev.start = "09:00";
  ev.end = "12:00";
  check_fair(fair);
  return fair;
}

}  // namespace vetmatch
