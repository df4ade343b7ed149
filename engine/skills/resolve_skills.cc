#include "engine/skills/resolve_skills.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace vetmatch {

namespace {

constexpr std::string_view kUsPrefix = "us:";

struct Issues {
  std::vector<ValidationIssue>* out;
  void error(Entity e, std::size_t index, std::string field,
             std::string expected, std::string found) {
    out->push_back({e, static_cast<int>(index), std::move(field),
                    std::move(expected), std::move(found), false});
  }
  void warning(Entity e, std::size_t index, std::string field,
               std::string expected, std::string found) {
    out->push_back({e, static_cast<int>(index), std::move(field),
                    std::move(expected), std::move(found), true});
  }
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, 60));
  if (s.size() > 60) out += "...";
  out += '"';
  return out;
}

// O-NET-SOC codes look like 53-3032.00, CSCO 2022 codes like 4-02-01-01.
bool looks_like_onet(std::string_view c) {
  return c.size() == 10 && c[2] == '-' && c[7] == '.';
}

// Accumulates the O*NET part of one record.
class OnetMean {
 public:
  explicit OnetMean(const SkillSpace& space)
      : space_(space), sum_(space.dimensions.size(), 0.0) {}

  /// Adds one source: the weighted mean of the profiles of `targets` that
  /// have one. Returns false when none has a profile.
  bool add_source(const std::vector<WeightedCode>& targets) {
    std::vector<double> mean(sum_.size(), 0.0);
    double total = 0.0;
    for (const WeightedCode& t : targets) {
      const auto it = space_.onet.find(t.code);
      if (it == space_.onet.end() || it->second.profile.empty()) continue;
      const std::vector<double>& p = it->second.profile;
      for (std::size_t d = 0; d < mean.size(); ++d) mean[d] += t.weight * p[d];
      total += t.weight;
    }
    if (!(total > 0)) return false;
    for (std::size_t d = 0; d < mean.size(); ++d) sum_[d] += mean[d] / total;
    ++sources_;
    return true;
  }

  int sources() const { return sources_; }

  /// The mean over sources, as (dimension id, weight) with zeros dropped.
  std::vector<SkillWeight> finish() const {
    std::vector<SkillWeight> out;
    if (sources_ == 0) return out;
    for (std::size_t d = 0; d < sum_.size(); ++d) {
      const double w = sum_[d] / sources_;
      if (w > 0) out.push_back({space_.dimensions[d].id, w});
    }
    return out;
  }

 private:
  const SkillSpace& space_;
  std::vector<double> sum_;
  int sources_ = 0;
};

// The O*NET targets of an occupation code; nullptr-like empty optional via
// the bool result. `borrowed` tells a CSCO code mapped through its group.
struct Targets {
  bool known = false;
  bool borrowed = false;
  std::vector<WeightedCode> onet;
};

Targets occupation_targets(const SkillSpace& space, std::string_view code) {
  Targets t;
  if (looks_like_onet(code)) {
    if (space.onet.find(code) != space.onet.end()) {
      t.known = true;
      t.onet.push_back({std::string(code), 1.0});
    }
    return t;
  }
  const auto it = space.csco.find(code);
  if (it == space.csco.end()) return t;
  t.known = true;
  t.borrowed = it->second.borrowed;
  t.onet = it->second.onet;
  return t;
}

double norm(const std::vector<SkillWeight>& v) {
  double sum = 0.0;
  for (const SkillWeight& s : v) sum += s.weight * s.weight;
  return std::sqrt(sum);
}

void append_scaled(const std::vector<SkillWeight>& part, double target_norm,
                   std::vector<SkillWeight>* out) {
  const double n = norm(part);
  if (!(n > 0) || !(target_norm > 0)) return;
  const double scale = target_norm / n;
  for (const SkillWeight& s : part) {
    // Clamp: rounding may lift a lone entry a hair above 1.
    const double w = std::min(1.0, s.weight * scale);
    if (w > 0) out->push_back({s.skill, w});
  }
}

void sort_by_id(std::vector<SkillWeight>& skills) {
  std::sort(skills.begin(), skills.end(),
            [](const SkillWeight& a, const SkillWeight& b) {
              return a.skill < b.skill;
            });
}

// Rebuilds `skills` from the O*NET mean and the explicit map.
void rebuild(const OnetMean& mean, double onet_share,
             std::vector<SkillWeight>& skills) {
  std::vector<SkillWeight> onet = mean.finish();
  std::vector<SkillWeight> tags;
  for (const SkillWeight& s : skills) {
    if (!SkillSpace::is_dimension_id(s.skill)) continue;
    auto it = std::find_if(onet.begin(), onet.end(), [&](const SkillWeight& o) {
      return o.skill == s.skill;
    });
    if (it != onet.end()) {
      it->weight = s.weight;
    } else {
      onet.push_back(s);
    }
  }
  for (const SkillWeight& s : skills) {
    if (!SkillSpace::is_dimension_id(s.skill)) tags.push_back(s);
  }
  std::vector<SkillWeight> out;
  const bool both = norm(onet) > 0 && norm(tags) > 0;
  append_scaled(onet, both ? std::sqrt(onet_share) : 1.0, &out);
  append_scaled(tags, both ? std::sqrt(1.0 - onet_share) : 1.0, &out);
  skills = std::move(out);
}

class Resolver {
 public:
  Resolver(Round& round, const SkillSpace& space,
           std::vector<ValidationIssue>* out)
      : round_(round), space_(space), issues_{out} {}

  void run() {
    for (std::size_t i = 0; i < round_.veterans.size(); ++i) veteran(i);
    for (std::size_t i = 0; i < round_.postings.size(); ++i) posting(i);
  }

 private:
  void veteran(std::size_t i) {
    Veteran& v = round_.veterans[i];
    if (v.specialties.empty() && v.occupations.empty()) {
      sort_by_id(v.skills);
      return;
    }
    OnetMean mean(space_);
    for (std::size_t s = 0; s < v.specialties.size(); ++s) {
      specialty(i, s, v.specialties[s], mean);
    }
    for (std::size_t o = 0; o < v.occupations.size(); ++o) {
      occupation(Entity::kVeteran, i, "occupations/" + std::to_string(o),
                 v.occupations[o], mean);
    }
    rebuild(mean, round_.config.onet_share, v.skills);
    sort_by_id(v.skills);
  }

  void posting(std::size_t i) {
    Posting& p = round_.postings[i];
    if (p.occupation.empty()) {
      sort_by_id(p.skills);
      return;
    }
    OnetMean mean(space_);
    occupation(Entity::kPosting, i, "occupation", p.occupation, mean);
    rebuild(mean, round_.config.onet_share, p.skills);
    sort_by_id(p.skills);
  }

  void specialty(std::size_t i, std::size_t s, const std::string& code,
                 OnetMean& mean) {
    const std::string field = "specialties/" + std::to_string(s);
    if (code.starts_with(kUsPrefix)) {
      const std::string_view key =
          std::string_view(code).substr(kUsPrefix.size());
      const auto it = space_.us_military.find(key);
      if (it == space_.us_military.end()) {
        issues_.error(Entity::kVeteran, i, field,
                      "a US military code \"us:<branch>:<code>\" from the "
                      "bundled O*NET military crosswalk (branches army, navy, "
                      "air_force, marine_corps, coast_guard, space_force)",
                      quoted(code));
        return;
      }
      std::vector<WeightedCode> targets;
      for (const std::string& onet : it->second) targets.push_back({onet, 1.0});
      if (!mean.add_source(targets)) {
        issues_.warning(
            Entity::kVeteran, i, field,
            "a military code with a civilian O*NET match",
            quoted(code) +
                (it->second.empty() ? ", which the crosswalk leaves unmatched"
                                    : ", which maps only to military-specific "
                                      "occupations without skill ratings") +
                "; it adds no skills");
      }
      return;
    }
    const auto it = space_.specialties.find(code);
    if (it == space_.specialties.end()) {
      issues_.error(
          Entity::kVeteran, i, field,
          "a specialty family id from the bundled table (e.g. "
          "\"driver\", \"cook\", \"signals\") or \"us:<branch>:<code>\"",
          quoted(code));
      return;
    }
    mean.add_source(it->second.onet);
  }

  void occupation(Entity entity, std::size_t i, const std::string& field,
                  const std::string& code, OnetMean& mean) {
    const Targets t = occupation_targets(space_, code);
    if (!t.known) {
      issues_.error(entity, i, field,
                    "an O*NET-SOC code (\"53-3032.00\") or a CSCO 2022 "
                    "detailed occupation code (\"4-02-01-01\") from the "
                    "bundled tables",
                    quoted(code));
      return;
    }
    if (!mean.add_source(t.onet)) {
      issues_.warning(entity, i, field, "an occupation with a skill profile",
                      quoted(code) +
                          ", which has no skill profile in the "
                          "bundled tables; it adds no skills");
    } else if (t.borrowed) {
      issues_.warning(entity, i, field,
                      "a CSCO code of the CSCO -> O*NET table",
                      quoted(code) +
                          ", which is not in it; using the mapped "
                          "occupations of its minor group " +
                          code.substr(0, 7));
    }
  }

  Round& round_;
  const SkillSpace& space_;
  Issues issues_;
};

}  // namespace

std::vector<ValidationIssue> resolve_skills(Round& round,
                                            const SkillSpace& space) {
  std::vector<ValidationIssue> issues;
  if (round.skills_resolved) return issues;
  Resolver(round, space, &issues).run();
  round.skills_resolved = true;
  return issues;
}

}  // namespace vetmatch
