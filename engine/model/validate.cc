#include "engine/model/validate.h"

#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace vetmatch {
namespace {

constexpr std::size_t kMaxIdBytes = 128;

std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "infinity" : "-infinity";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  if (s.size() > 40) {
    out.append(s.substr(0, 40));
    out += "...";
  } else {
    out.append(s);
  }
  out += '"';
  return out;
}

class Validator {
 public:
  explicit Validator(const Round& round) : round_(round) {}

  std::vector<ValidationIssue> run() {
    check_config();
    index_ids();
    for (std::size_t i = 0; i < round_.veterans.size(); ++i) check_veteran(i);
    for (std::size_t i = 0; i < round_.postings.size(); ++i) check_posting(i);
    check_taken();
    check_declined();
    check_withdrawn();
    check_not_looking();
    return std::move(issues_);
  }

 private:
  void add(Entity entity, int index, std::string field, std::string expected,
           std::string found) {
    issues_.push_back({entity, index, std::move(field), std::move(expected),
                       std::move(found)});
  }

  void check_config() {
    const RoundConfig& c = round_.config;
    const struct {
      const char* field;
      double value;
    } weights[] = {{"weights/skill", c.weights.skill},
                   {"weights/location", c.weights.location},
                   {"weights/preference", c.weights.preference}};
    bool weights_ok = true;
    for (const auto& w : weights) {
      if (!std::isfinite(w.value) || w.value < 0) {
        add(Entity::kConfig, -1, w.field, "a finite number >= 0",
            number_text(w.value));
        weights_ok = false;
      }
    }
    if (weights_ok && !(c.weights.sum() > 0)) {
      add(Entity::kConfig, -1, "weights",
          "weights that sum to a positive number", "a sum of 0");
    }
    if (!(c.onet_share >= 0 && c.onet_share <= 1)) {
      add(Entity::kConfig, -1, "onet_share", "a number in [0, 1]",
          number_text(c.onet_share));
    }
    if (!std::isfinite(c.distance_scale_km) || c.distance_scale_km <= 0) {
      add(Entity::kConfig, -1, "distance_scale_km", "a finite number > 0",
          number_text(c.distance_scale_km));
    }
    if (c.max_commute_km &&
        (!std::isfinite(*c.max_commute_km) || *c.max_commute_km <= 0)) {
      add(Entity::kConfig, -1, "max_commute_km", "a finite number > 0 or null",
          number_text(*c.max_commute_km));
    }
    if (c.veteran_shortlist_k < 0 || c.veteran_shortlist_k > kMaxShortlistK) {
      add(Entity::kConfig, -1, "veteran_shortlist_k", "an integer in [0, 1000]",
          std::to_string(c.veteran_shortlist_k));
    }
    if (c.posting_shortlist_k < 0 || c.posting_shortlist_k > kMaxShortlistK) {
      add(Entity::kConfig, -1, "posting_shortlist_k", "an integer in [0, 1000]",
          std::to_string(c.posting_shortlist_k));
    }
    if (c.candidate_k < 1 || c.candidate_k > kMaxShortlistK) {
      add(Entity::kConfig, -1, "candidate_k", "an integer in [1, 1000]",
          std::to_string(c.candidate_k));
    }
    if (!std::isfinite(c.couple_max_km) || c.couple_max_km <= 0) {
      add(Entity::kConfig, -1, "couple_max_km", "a finite number > 0",
          number_text(c.couple_max_km));
    }
  }

  // Builds id -> first index maps, reporting empty, overlong and duplicate
  // ids as it goes.
  template <typename Record>
  void index_entity(const std::vector<Record>& records, Entity entity,
                    std::unordered_map<std::string_view, int>& index) {
    const char* what = entity == Entity::kVeteran   ? "veteran"
                       : entity == Entity::kPosting ? "posting"
                                                    : "employer";
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::string& id = records[i].id;
      if (id.empty()) {
        add(entity, static_cast<int>(i), "id", "a non-empty id", "\"\"");
        continue;
      }
      if (id.size() > kMaxIdBytes) {
        add(entity, static_cast<int>(i), "id", "an id of at most 128 bytes",
            quoted(id));
      }
      auto [it, inserted] = index.emplace(id, static_cast<int>(i));
      if (!inserted) {
        add(entity, static_cast<int>(i), "id",
            std::string("an id not used by another ") + what + " (it is " +
                std::string(to_string(entity)) + "/" +
                std::to_string(it->second) + "'s id)",
            quoted(id));
      }
    }
  }

  void index_ids() {
    index_entity(round_.veterans, Entity::kVeteran, veteran_index_);
    index_entity(round_.postings, Entity::kPosting, posting_index_);
    index_entity(round_.employers, Entity::kEmployer, employer_index_);
  }

  void check_location(Entity entity, int index, const GeoPoint& p) {
    if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
      add(entity, index, "location/lat", "a number in [-90, 90]",
          number_text(p.lat));
    }
    if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
      add(entity, index, "location/lon", "a number in [-180, 180]",
          number_text(p.lon));
    }
  }

  void check_skills(Entity entity, int index,
                    const std::vector<SkillWeight>& skills) {
    std::unordered_set<std::string_view> seen;
    for (const SkillWeight& s : skills) {
      const std::string field = "skills/" + escape_pointer_token(s.skill);
      if (s.skill.empty()) {
        add(entity, index, field, "a non-empty skill id", "\"\"");
      }
      if (!seen.insert(s.skill).second) {
        add(entity, index, field, "each skill once", "a repeated skill");
      }
      if (!std::isfinite(s.weight) || s.weight <= 0 || s.weight > 1) {
        add(entity, index, field, "a weight in (0, 1]", number_text(s.weight));
      }
    }
  }

  void check_veteran(std::size_t i) {
    const Veteran& v = round_.veterans[i];
    const int index = static_cast<int>(i);
    check_location(Entity::kVeteran, index, v.location);
    check_skills(Entity::kVeteran, index, v.skills);
    if ((v.wants & kAllPostingKinds) == 0) {
      add(Entity::kVeteran, index, "wants",
          "at least one posting kind (job, incubation, training)",
          "an empty list");
    }
    if (v.max_commute_km &&
        (!std::isfinite(*v.max_commute_km) || *v.max_commute_km <= 0)) {
      add(Entity::kVeteran, index, "max_commute_km", "a finite number > 0",
          number_text(*v.max_commute_km));
    }
    if (!std::isfinite(v.points)) {
      add(Entity::kVeteran, index, "points", "a finite number",
          number_text(v.points));
    }
    if (!v.partner.empty()) {
      auto it = veteran_index_.find(v.partner);
      if (it == veteran_index_.end()) {
        add(Entity::kVeteran, index, "partner", "the id of a listed veteran",
            quoted(v.partner));
      } else if (it->second == index || v.partner == v.id) {
        add(Entity::kVeteran, index, "partner",
            "the id of another veteran, not the veteran's own",
            quoted(v.partner));
      } else {
        const Veteran& other = round_.veterans[it->second];
        if (!other.partner.empty() && other.partner != v.id) {
          add(Entity::kVeteran, index, "partner",
              "a partner who names this veteran (or nobody) as partner",
              quoted(v.partner) + ", who names " + quoted(other.partner));
        }
      }
    }
  }

  void check_posting(std::size_t i) {
    const Posting& p = round_.postings[i];
    const int index = static_cast<int>(i);
    if (p.employer.empty()) {
      add(Entity::kPosting, index, "employer", "a non-empty employer id",
          "\"\"");
    } else if (!round_.employers.empty() &&
               employer_index_.find(p.employer) == employer_index_.end()) {
      add(Entity::kPosting, index, "employer", "the id of a listed employer",
          quoted(p.employer));
    }
    check_location(Entity::kPosting, index, p.location);
    if (p.openings < 1 || p.openings > kMaxOpenings) {
      add(Entity::kPosting, index, "openings", "an integer in [1, 100000]",
          std::to_string(p.openings));
    }
    check_skills(Entity::kPosting, index, p.skills);
    if (p.veterans_only && p.spouses_welcome) {
      add(Entity::kPosting, index, "spouses_welcome",
          "false when veterans_only is true", "true");
    }
  }

  // Resolves one pair reference; returns false (and reports) when unknown.
  bool resolve_pair(Entity entity, int index, const PairRef& pair, int* veteran,
                    int* posting) {
    bool ok = true;
    auto v = veteran_index_.find(pair.veteran);
    if (v == veteran_index_.end()) {
      add(entity, index, "veteran", "the id of a listed veteran",
          quoted(pair.veteran));
      ok = false;
    } else {
      *veteran = v->second;
    }
    auto p = posting_index_.find(pair.posting);
    if (p == posting_index_.end()) {
      add(entity, index, "posting", "the id of a listed posting",
          quoted(pair.posting));
      ok = false;
    } else {
      *posting = p->second;
    }
    return ok;
  }

  void check_taken() {
    std::unordered_map<int, int> veteran_taken_at;
    std::unordered_map<int, int> posting_taken;
    for (std::size_t i = 0; i < round_.taken.size(); ++i) {
      const int index = static_cast<int>(i);
      int v = -1, p = -1;
      if (!resolve_pair(Entity::kTaken, index, round_.taken[i], &v, &p)) {
        continue;
      }
      auto [it, inserted] = veteran_taken_at.emplace(v, index);
      if (!inserted) {
        add(Entity::kTaken, index, "veteran",
            "a veteran taken at most once (also in taken/" +
                std::to_string(it->second) + ")",
            quoted(round_.taken[i].veteran));
      }
      const int count = ++posting_taken[p];
      if (count == round_.postings[p].openings + 1) {
        add(Entity::kTaken, index, "posting",
            "a posting taken at most as many times as its openings (" +
                std::to_string(round_.postings[p].openings) + ")",
            quoted(round_.taken[i].posting));
      }
    }
  }

  void check_declined() {
    for (std::size_t i = 0; i < round_.declined.size(); ++i) {
      int v = -1, p = -1;
      resolve_pair(Entity::kDeclined, static_cast<int>(i), round_.declined[i],
                   &v, &p);
    }
  }

  // Each id of `ids` (the list `entity`) must name a record of `index` and
  // be listed once; `more(i, id)` checks the sound ones further.
  template <typename More>
  void check_id_list(const std::vector<std::string>& ids, Entity entity,
                     const std::unordered_map<std::string_view, int>& index,
                     std::string_view what, More&& more) {
    std::unordered_map<std::string_view, int> seen;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const int at = static_cast<int>(i);
      if (!index.contains(ids[i])) {
        add(entity, at, "", "the id of a listed " + std::string(what),
            quoted(ids[i]));
        continue;
      }
      const auto [it, inserted] = seen.emplace(ids[i], at);
      if (!inserted) {
        add(entity, at, "",
            "a " + std::string(what) + " listed once (also " +
                std::string(to_string(entity)) + "/" +
                std::to_string(it->second) + ")",
            quoted(ids[i]));
        continue;
      }
      more(at, ids[i]);
    }
  }

  void check_withdrawn() {
    check_id_list(round_.withdrawn, Entity::kWithdrawn, posting_index_,
                  "posting", [](int, const std::string&) {});
  }

  void check_not_looking() {
    std::unordered_map<std::string_view, int> taken_at;
    for (std::size_t i = 0; i < round_.taken.size(); ++i) {
      taken_at.emplace(round_.taken[i].veteran, static_cast<int>(i));
    }
    check_id_list(
        round_.not_looking, Entity::kNotLooking, veteran_index_, "veteran",
        [&](int at, const std::string& id) {
          const auto taken = taken_at.find(id);
          if (taken == taken_at.end()) return;
          add(Entity::kNotLooking, at, "",
              "a veteran not also taken (taken/" +
                  std::to_string(taken->second) +
                  " places them; a placed veteran is already out of the "
                  "round)",
              quoted(id));
        });
  }

  const Round& round_;
  std::vector<ValidationIssue> issues_;
  std::unordered_map<std::string_view, int> veteran_index_;
  std::unordered_map<std::string_view, int> posting_index_;
  std::unordered_map<std::string_view, int> employer_index_;
};

}  // namespace

std::string_view to_string(Entity e) {
  switch (e) {
    case Entity::kConfig:
      return "config";
    case Entity::kVeteran:
      return "veterans";
    case Entity::kPosting:
      return "postings";
    case Entity::kEmployer:
      return "employers";
    case Entity::kTaken:
      return "taken";
    case Entity::kDeclined:
      return "declined";
    case Entity::kWithdrawn:
      return "withdrawn";
    case Entity::kNotLooking:
      return "not_looking";
  }
  return "unknown";
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<ValidationIssue> validate(const Round& round) {
  return Validator(round).run();
}

}  // namespace vetmatch
