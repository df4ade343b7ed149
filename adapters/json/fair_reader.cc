#include "adapters/json/fair_reader.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "adapters/json/json_checker.h"
#include "adapters/json/json_document.h"
#include "adapters/json/round_reader.h"
#include "adapters/json/round_records.h"
#include "adapters/json/value_text.h"
#include "adapters/json/whole_file.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/model/validate.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

using rapidjson::Value;

constexpr std::string_view kFormatTag = "fair/1";

enum TopKey {
  kTopVetmatch,
  kTopFair,
  kTopRound,
  kTopConfig,
  kTopSettings,
  kTopEmployers,
  kTopVeterans,
  kTopBooths,
  kTopPool,
  kTopVisitLimits,
  kTopCount
};
constexpr std::array<KeySpec, kTopCount> kTopKeys = {{
    {"vetmatch", true, "\"fair/1\""},
    {"fair", true,
     "an object {\"id\", \"name\", \"venue\", \"region\" or \"location\", "
     "\"date\", \"hours\"}"},
    {"round", false, "the path of a round file (a string)"},
    {"config", false, "an object"},
    {"settings", false,
     "an object {\"max_booths_per_veteran\", \"min_fit\", \"invite_budget\", "
     "\"invite_objective\"}"},
    {"employers", false, "an array of employer objects"},
    {"veterans", true,
     "an array of veteran ids of the round file (strings) or veteran "
     "objects"},
    {"booths", true, "an array of booth objects"},
    {"pool", false, "an array of {\"employer\", \"postings\"} objects"},
    {"visit_limits", false,
     "an object mapping veteran ids to integers in [1, 100]"},
}};

enum EventKey {
  kEvId,
  kEvName,
  kEvVenue,
  kEvRegion,
  kEvLocation,
  kEvDate,
  kEvHours
};
constexpr std::array<KeySpec, 7> kEventKeys = {{
    {"id", true, "a string id of 1 to 128 bytes"},
    {"name", false, "a string"},
    {"venue", false, "a string"},
    {"region", false,
     "a 6-digit region code (GB/T 2260) or the exact Chinese name of a "
     "division in the bundled table"},
    {"location", false, "an object {\"lat\", \"lon\"} in WGS-84 degrees"},
    {"date", false, "a date YYYY-MM-DD"},
    {"hours", false, "an object {\"start\", \"end\"} of times HH:MM"},
}};

constexpr std::string_view kTimeExpected = "a time HH:MM from 00:00 to 24:00";
constexpr std::array<KeySpec, 2> kHoursKeys = {{
    {"start", true, kTimeExpected},
    {"end", true, kTimeExpected},
}};

enum SettingsKey { kSetMaxBooths, kSetMinFit, kSetBudget, kSetObjective };
constexpr std::array<KeySpec, 4> kSettingsKeys = {{
    {"max_booths_per_veteran", false, "an integer in [1, 100]"},
    {"min_fit", false, "a number in [0, 1]"},
    {"invite_budget", false, "an integer in [0, 100000]"},
    {"invite_objective", false, "one of coverage, total_fit"},
}};
constexpr std::array<std::string_view, 2> kObjectiveNames = {"coverage",
                                                             "total_fit"};

constexpr std::string_view kPostingsExpected =
    "a non-empty array of posting ids of the round file (strings) or "
    "posting objects";
enum BoothKey {
  kBoothId,
  kBoothEmployer,
  kBoothName,
  kBoothStand,
  kBoothPostings,
  kBoothCapacity,
  kBoothInterviewers,
  kBoothHours,
  kBoothPerHour
};
constexpr std::array<KeySpec, 9> kBoothKeys = {{
    {"id", true, "a string id of 1 to 128 bytes"},
    {"employer", true, "an employer id (a string)"},
    {"name", false, "a string"},
    {"stand", false, "a string"},
    {"postings", true, kPostingsExpected},
    {"capacity", false, "an integer in [0, 100000]"},
    {"interviewers", false, "an integer in [1, 1000]"},
    {"hours", false, "a number of hours in (0, 24]"},
    {"interviews_per_hour", false, "a number in (0, 60]"},
}};

enum PoolKey { kPoolEmployer, kPoolPostings };
constexpr std::array<KeySpec, 2> kPoolKeys = {{
    {"employer", true, "an employer id (a string)"},
    {"postings", true, kPostingsExpected},
}};

constexpr int kMaxVisitLimit = 100;
constexpr std::size_t kMaxIdBytes = 128;

// Where a record of the fair's Round was written: its file and JSON path,
// and for a record named by id, the fair path of that reference.
struct Origin {
  std::string file;
  std::string path;
  std::string ref;
};

// Minutes since midnight of "HH:MM" (00:00 to 24:00), or -1.
int parse_time(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return -1;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

class FairDocumentReader {
 public:
  FairDocumentReader(const std::string& file, const std::string& base_dir,
                     const FairReadOptions& options, ReadFairResult* result)
      : check_(file, &result->errors),
        records_(file, &result->errors, &result->warnings),
        file_(file),
        base_dir_(base_dir),
        options_(options),
        out_(result) {}

  void read(const Value& root) {
    const JsonPath at;
    std::array<const Value*, kTopCount> values{};
    const bool is_object =
        check_.walk_object(root, at, "an object", kTopKeys,
                           [&](std::size_t key, const Value& v,
                               const JsonPath&) { values[key] = &v; });
    if (!is_object) return;
    // Keys as static strings: a JsonPath keeps a view of its key.
    auto path_of = [](TopKey key) { return kTopKeys[key].name; };

    if (values[kTopVetmatch] != nullptr) {
      const Value& v = *values[kTopVetmatch];
      if (!(v.IsString() &&
            std::string_view(v.GetString(), v.GetStringLength()) ==
                kFormatTag)) {
        const JsonPath p(at, path_of(kTopVetmatch));
        check_.error(p, "\"fair/1\"", JsonChecker::describe(v));
      }
    }
    if (!read_round_file_named(values[kTopRound], at)) return;

    Round& round = fair().round;
    if (source_) round.config = source_->config;
    if (values[kTopConfig] != nullptr) {
      const JsonPath p(at, path_of(kTopConfig));
      records_.config(*values[kTopConfig], p, &round.config);
    }
    if (values[kTopFair] != nullptr) {
      const JsonPath p(at, path_of(kTopFair));
      read_event(*values[kTopFair], p);
    }
    if (values[kTopSettings] != nullptr) {
      const JsonPath p(at, path_of(kTopSettings));
      read_settings(*values[kTopSettings], p);
    }
    read_employers(values[kTopEmployers], at);
    if (values[kTopVeterans] != nullptr) {
      const JsonPath p(at, path_of(kTopVeterans));
      read_veterans(*values[kTopVeterans], p);
    }
    if (values[kTopBooths] != nullptr) {
      const JsonPath p(at, path_of(kTopBooths));
      check_.walk_array(*values[kTopBooths], p, kTopKeys[kTopBooths].expected,
                        [&](std::size_t, const Value& e, const JsonPath& bp) {
                          read_booth(e, bp);
                        });
    }
    if (values[kTopPool] != nullptr) {
      const JsonPath p(at, path_of(kTopPool));
      check_.walk_array(*values[kTopPool], p, kTopKeys[kTopPool].expected,
                        [&](std::size_t, const Value& e, const JsonPath& ep) {
                          read_pool_entry(e, ep);
                        });
    }
    fair().visit_limit.assign(round.veterans.size(),
                              fair().settings.max_booths_per_veteran);
    if (values[kTopVisitLimits] != nullptr) {
      const JsonPath p(at, path_of(kTopVisitLimits));
      read_visit_limits(*values[kTopVisitLimits], p);
    }
    carry_declined();
    for (Veteran& v : round.veterans) v.partner.clear();
    add_semantic_issues();
  }

 private:
  Fair& fair() { return out_->fair; }

  void error(const JsonPath& at, std::string expected, std::string found) {
    check_.error(at, std::move(expected), std::move(found));
  }

  // Reads the round file the fair names; false when it has errors (they
  // are reported and the fair is not read further).
  bool read_round_file_named(const Value* round, const JsonPath& at) {
    std::string path;
    if (options_.round_path) {
      path = *options_.round_path;
    } else if (round != nullptr) {
      const JsonPath p(at, "round");
      std::string name;
      if (!check_.get_string(*round, p, kTopKeys[kTopRound].expected, &name)) {
        return true;
      }
      if (name.empty()) {
        error(p, std::string(kTopKeys[kTopRound].expected), "\"\"");
        return true;
      }
      std::filesystem::path file(name);
      if (file.is_relative() && !base_dir_.empty()) {
        file = std::filesystem::path(base_dir_) / file;
      }
      path = file.string();
    } else {
      return true;
    }
    out_->round_path = path;
    ReadOptions read_options;
    read_options.resolve_skills = false;  // resolved once, for the fair
    ReadRoundResult read = read_round_file(path, read_options);
    for (InputError& e : read.warnings) out_->warnings.push_back(std::move(e));
    if (!read.errors.empty()) {
      for (InputError& e : read.errors) out_->errors.push_back(std::move(e));
      return false;
    }
    source_ = std::make_unique<Round>(std::move(read.round));
    for (std::size_t i = 0; i < source_->veterans.size(); ++i) {
      source_veteran_.emplace(source_->veterans[i].id, i);
    }
    for (std::size_t i = 0; i < source_->postings.size(); ++i) {
      source_posting_.emplace(source_->postings[i].id, i);
    }
    for (const PairRef& t : source_->taken) taken_.insert(t.veteran);
    not_looking_.insert(source_->not_looking.begin(),
                        source_->not_looking.end());
    withdrawn_.insert(source_->withdrawn.begin(), source_->withdrawn.end());
    return true;
  }

  void read_event(const Value& v, const JsonPath& at) {
    FairEvent& ev = fair().event;
    const Value* location = nullptr;
    const Value* region = nullptr;
    const bool is_object = check_.walk_object(
        v, at, kTopKeys[kTopFair].expected, kEventKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kEventKeys[key].expected;
          switch (static_cast<EventKey>(key)) {
            case kEvId:
              read_id(e, path, &ev.id);
              break;
            case kEvName:
              check_.get_string(e, path, expected, &ev.name);
              break;
            case kEvVenue:
              check_.get_string(e, path, expected, &ev.venue);
              break;
            case kEvRegion:
              region = &e;
              break;
            case kEvLocation:
              location = &e;
              break;
            case kEvDate: {
              std::string date;
              if (check_.get_string(e, path, expected, &date)) {
                if (valid_date(date)) {
                  ev.date = date;
                } else {
                  error(path, std::string(expected), quote_text(date));
                }
              }
              break;
            }
            case kEvHours:
              read_hours(e, path);
              break;
          }
        });
    if (is_object && (location != nullptr || region != nullptr)) {
      GeoPoint point;
      const std::size_t before = out_->errors.size();
      records_.place(location, region, at, &point, &ev.region);
      if (out_->errors.size() == before) ev.location = point;
    }
  }

  void read_hours(const Value& v, const JsonPath& at) {
    std::string times[2];
    int minutes[2] = {-1, -1};
    check_.walk_object(
        v, at, kEventKeys[kEvHours].expected, kHoursKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          if (!check_.get_string(e, path, kTimeExpected, &times[key])) return;
          minutes[key] = parse_time(times[key]);
          if (minutes[key] < 0) {
            error(path, std::string(kTimeExpected), quote_text(times[key]));
          }
        });
    if (minutes[0] < 0 || minutes[1] < 0) return;
    if (minutes[1] <= minutes[0]) {
      const JsonPath end(at, "end");
      error(end, "a time after the start (" + times[0] + ")",
            quote_text(times[1]));
      return;
    }
    fair().event.start = times[0];
    fair().event.end = times[1];
    fair_hours_ = (minutes[1] - minutes[0]) / 60.0;
  }

  void read_settings(const Value& v, const JsonPath& at) {
    FairSettings& s = fair().settings;
    check_.walk_object(
        v, at, kTopKeys[kTopSettings].expected, kSettingsKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kSettingsKeys[key].expected;
          switch (static_cast<SettingsKey>(key)) {
            case kSetMaxBooths: {
              int n = 0;
              if (get_int_in(e, path, expected, 1, kMaxVisitLimit, &n)) {
                s.max_booths_per_veteran = n;
              }
              break;
            }
            case kSetMinFit: {
              double x = 0;
              if (check_.get_number(e, path, expected, &x)) {
                if (x >= 0.0 && x <= 1.0) {
                  s.min_fit = x;
                } else {
                  error(path, std::string(expected), number_text(x));
                }
              }
              break;
            }
            case kSetBudget: {
              int n = 0;
              if (get_int_in(e, path, expected, 0, 100000, &n)) {
                s.invite_budget = n;
              }
              break;
            }
            case kSetObjective:
              check_.get_name(e, path, parse_invite_objective, kObjectiveNames,
                              &s.invite_objective);
              break;
          }
        });
  }

  bool get_int_in(const Value& v, const JsonPath& at, std::string_view expected,
                  int lo, int hi, int* out) {
    int n = 0;
    if (!check_.get_int(v, at, expected, &n)) return false;
    if (n < lo || n > hi) {
      error(at, std::string(expected), JsonChecker::describe(v));
      return false;
    }
    *out = n;
    return true;
  }

  bool read_id(const Value& v, const JsonPath& at, std::string* out) {
    std::string id;
    if (!check_.get_string(v, at, "a string id of 1 to 128 bytes", &id)) {
      return false;
    }
    if (id.empty() || id.size() > kMaxIdBytes) {
      error(at, "a string id of 1 to 128 bytes", quote_text(id));
      return false;
    }
    *out = std::move(id);
    return true;
  }

  void read_employers(const Value* inline_employers, const JsonPath& at) {
    Round& round = fair().round;
    if (source_) {
      for (std::size_t i = 0; i < source_->employers.size(); ++i) {
        round.employers.push_back(source_->employers[i]);
        employer_origin_.push_back(
            {out_->round_path, "/employers/" + std::to_string(i), ""});
      }
    }
    if (inline_employers != nullptr) {
      const JsonPath p(at, "employers");
      check_.walk_array(*inline_employers, p, kTopKeys[kTopEmployers].expected,
                        [&](std::size_t, const Value& e, const JsonPath& ep) {
                          round.employers.push_back(records_.employer(e, ep));
                          employer_origin_.push_back({file_, ep.str(), ""});
                        });
    }
    for (const Employer& e : round.employers) employer_ids_.insert(e.id);
  }

  void read_veterans(const Value& v, const JsonPath& at) {
    Round& round = fair().round;
    check_.walk_array(
        v, at, kTopKeys[kTopVeterans].expected,
        [&](std::size_t, const Value& e, const JsonPath& vp) {
          if (e.IsString()) {
            const std::string id(e.GetString(), e.GetStringLength());
            const std::size_t* index =
                lookup(source_veteran_, id, e, vp, "veteran");
            if (index == nullptr) return;
            const auto [it, fresh] = registered_.emplace(id, vp.str());
            if (!fresh) {
              error(vp, "a veteran not registered already",
                    quote_text(id) + ", registered at " + it->second);
              return;
            }
            round.veterans.push_back(source_->veterans[*index]);
            veteran_origin_.push_back({out_->round_path,
                                       "/veterans/" + std::to_string(*index),
                                       vp.str()});
            if (taken_.contains(id)) {
              warn(vp, "a veteran still looking for work",
                   quote_text(id) + ", taken in " + out_->round_path +
                       " (placed in an earlier round)");
            }
            if (not_looking_.contains(id)) {
              warn(vp, "a veteran still looking for work",
                   quote_text(id) + ", listed in " + out_->round_path +
                       "'s not_looking");
            }
            return;
          }
          if (!e.IsObject()) {
            error(vp, "a veteran id (a string) or a veteran object",
                  JsonChecker::describe(e));
            return;
          }
          round.veterans.push_back(records_.veteran(e, vp));
          registered_.emplace(round.veterans.back().id, vp.str());
          veteran_origin_.push_back({file_, vp.str(), ""});
        });
  }

  // The index of record `id` of the round file, or nullptr with an error.
  const std::size_t* lookup(
      const std::unordered_map<std::string, std::size_t>& ids,
      const std::string& id, const Value& e, const JsonPath& at,
      std::string_view what) {
    if (!source_) {
      error(at,
            "a " + std::string(what) +
                " object (the fair names no round file, so ids cannot be "
                "looked up)",
            JsonChecker::describe(e));
      return nullptr;
    }
    const auto it = ids.find(id);
    if (it == ids.end()) {
      error(at, "the id of a " + std::string(what) + " of " + out_->round_path,
            quote_text(id));
      return nullptr;
    }
    return &it->second;
  }

  // The postings of a booth or pool entry of `employer`, appended to the
  // fair's Round.
  std::vector<PostingIndex> read_postings(const Value& v, const JsonPath& at,
                                          const std::string& employer) {
    std::vector<PostingIndex> out;
    Round& round = fair().round;
    const bool is_array = check_.walk_array(
        v, at, kPostingsExpected,
        [&](std::size_t, const Value& e, const JsonPath& pp) {
          Posting posting;
          Origin origin;
          if (e.IsString()) {
            const std::string id(e.GetString(), e.GetStringLength());
            const std::size_t* index =
                lookup(source_posting_, id, e, pp, "posting");
            if (index == nullptr) return;
            posting = source_->postings[*index];
            origin = {out_->round_path, "/postings/" + std::to_string(*index),
                      pp.str()};
            if (withdrawn_.contains(id)) {
              warn(pp, "a posting still open",
                   quote_text(id) + ", listed in " + out_->round_path +
                       "'s withdrawn");
            }
            if (!employer.empty() && posting.employer != employer) {
              error(pp, "a posting of employer " + quote_text(employer),
                    quote_text(id) + ", a posting of " +
                        quote_text(posting.employer));
              return;
            }
          } else if (e.IsObject()) {
            const std::size_t before = out_->errors.size();
            posting = records_.posting(e, pp);
            origin = {file_, pp.str(), ""};
            if (out_->errors.size() == before && !employer.empty() &&
                posting.employer != employer) {
              const JsonPath ep(pp, "employer");
              error(ep,
                    "the employer of the booth or pool entry, " +
                        quote_text(employer),
                    quote_text(posting.employer));
            }
          } else {
            error(pp, "a posting id (a string) or a posting object",
                  JsonChecker::describe(e));
            return;
          }
          const auto [it, fresh] = offered_.emplace(posting.id, pp.str());
          if (!fresh && !posting.id.empty()) {
            error(pp, "a posting not offered elsewhere at the fair",
                  quote_text(posting.id) + ", offered at " + it->second);
            return;
          }
          out.push_back(static_cast<PostingIndex>(round.postings.size()));
          round.postings.push_back(std::move(posting));
          posting_origin_.push_back(std::move(origin));
        });
    if (is_array && v.Empty()) error(at, std::string(kPostingsExpected), "[]");
    return out;
  }

  void check_employer_known(const std::string& employer, const JsonPath& at) {
    if (employer.empty() || employer_ids_.empty() ||
        employer_ids_.contains(employer)) {
      return;
    }
    error(at,
          "an employer id listed in the employers of the fair or its round "
          "file",
          quote_text(employer));
  }

  void read_booth(const Value& v, const JsonPath& at) {
    Booth booth;
    const Value* postings = nullptr;
    const Value* parts[3] = {nullptr, nullptr, nullptr};
    std::optional<int> capacity;
    bool capacity_given = false;
    const bool is_object = check_.walk_object(
        v, at, "a booth object", kBoothKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kBoothKeys[key].expected;
          switch (static_cast<BoothKey>(key)) {
            case kBoothId:
              if (read_id(e, path, &booth.id) &&
                  !booth_ids_.emplace(booth.id).second) {
                error(path, "a booth id no earlier booth has",
                      quote_text(booth.id));
              }
              break;
            case kBoothEmployer:
              if (check_.get_string(e, path, expected, &booth.employer)) {
                check_employer_known(booth.employer, path);
                booth_employers_.insert(booth.employer);
              }
              break;
            case kBoothName:
              check_.get_string(e, path, expected, &booth.name);
              break;
            case kBoothStand:
              check_.get_string(e, path, expected, &booth.stand);
              break;
            case kBoothPostings:
              postings = &e;
              break;
            case kBoothCapacity: {
              int n = 0;
              capacity_given = true;
              if (get_int_in(e, path, expected, 0, 100000, &n)) capacity = n;
              break;
            }
            case kBoothInterviewers:
              parts[0] = &e;
              break;
            case kBoothHours:
              parts[1] = &e;
              break;
            case kBoothPerHour:
              parts[2] = &e;
              break;
          }
        });
    if (!is_object) return;
    if (postings != nullptr) {
      const JsonPath pp(at, "postings");
      booth.postings = read_postings(*postings, pp, booth.employer);
    }
    if (!capacity_given || capacity) {
      read_capacity(at, capacity, parts, &booth);
    }
    fair().booths.push_back(std::move(booth));
  }

  void read_capacity(const JsonPath& at, std::optional<int> capacity,
                     const Value* const parts[3], Booth* booth) {
    const bool any_part =
        parts[0] != nullptr || parts[1] != nullptr || parts[2] != nullptr;
    if (capacity) {
      if (any_part) {
        const JsonPath p(at, "capacity");
        error(p,
              "either a capacity or interviewers x hours x "
              "interviews_per_hour, not both",
              "both");
        return;
      }
      booth->capacity = *capacity;
      return;
    }
    if (!any_part) {
      const JsonPath p(at, "capacity");
      check_.missing(p,
                     "a capacity (interviews), or interviewers and "
                     "interviews_per_hour (hours default to the fair's)");
      return;
    }
    bool ok = true;
    int interviewers = 0;
    double hours = fair_hours_, per_hour = 0.0;
    if (parts[0] == nullptr) {
      const JsonPath p(at, "interviewers");
      check_.missing(p, kBoothKeys[kBoothInterviewers].expected);
      ok = false;
    } else {
      const JsonPath p(at, "interviewers");
      ok &= get_int_in(*parts[0], p, kBoothKeys[kBoothInterviewers].expected, 1,
                       1000, &interviewers);
    }
    if (parts[1] != nullptr) {
      const JsonPath p(at, "hours");
      ok &= get_positive(*parts[1], p, kBoothKeys[kBoothHours].expected, 24.0,
                         &hours);
    } else if (fair_hours_ <= 0.0) {
      const JsonPath p(at, "hours");
      check_.missing(p,
                     "a number of hours in (0, 24] (the fair gives no "
                     "hours to default to)");
      ok = false;
    }
    if (parts[2] == nullptr) {
      const JsonPath p(at, "interviews_per_hour");
      check_.missing(p, kBoothKeys[kBoothPerHour].expected);
      ok = false;
    } else {
      const JsonPath p(at, "interviews_per_hour");
      ok &= get_positive(*parts[2], p, kBoothKeys[kBoothPerHour].expected, 60.0,
                         &per_hour);
    }
    if (!ok) return;
    booth->interviewers = interviewers;
    booth->hours = hours;
    booth->interviews_per_hour = per_hour;
    booth->capacity = booth_capacity(interviewers, hours, per_hour);
  }

  bool get_positive(const Value& v, const JsonPath& at,
                    std::string_view expected, double max, double* out) {
    double x = 0;
    if (!check_.get_number(v, at, expected, &x)) return false;
    if (!(x > 0.0 && x <= max)) {
      error(at, std::string(expected), number_text(x));
      return false;
    }
    *out = x;
    return true;
  }

  void read_pool_entry(const Value& v, const JsonPath& at) {
    PoolEntry entry;
    const Value* postings = nullptr;
    const bool is_object = check_.walk_object(
        v, at, "a pool entry {\"employer\", \"postings\"}", kPoolKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          switch (static_cast<PoolKey>(key)) {
            case kPoolEmployer:
              if (!check_.get_string(e, path, kPoolKeys[key].expected,
                                     &entry.employer)) {
                break;
              }
              check_employer_known(entry.employer, path);
              if (booth_employers_.contains(entry.employer)) {
                error(path, "an employer without a booth at the fair",
                      quote_text(entry.employer));
              } else if (!pool_employers_.insert(entry.employer).second) {
                error(path, "an employer no earlier pool entry names",
                      quote_text(entry.employer));
              }
              break;
            case kPoolPostings:
              postings = &e;
              break;
          }
        });
    if (!is_object) return;
    if (postings != nullptr) {
      const JsonPath pp(at, "postings");
      entry.postings = read_postings(*postings, pp, entry.employer);
    }
    fair().pool.push_back(std::move(entry));
  }

  void read_visit_limits(const Value& v, const JsonPath& at) {
    std::unordered_map<std::string, std::size_t> index;
    const std::vector<Veteran>& vets = fair().round.veterans;
    for (std::size_t i = 0; i < vets.size(); ++i) index.emplace(vets[i].id, i);
    check_.walk_map(
        v, at, kTopKeys[kTopVisitLimits].expected,
        [&](std::string_view id, const Value& e, const JsonPath& path) {
          const auto it = index.find(std::string(id));
          if (it == index.end()) {
            error(path, "the id of a registered veteran as the key",
                  quote_text(id));
            return;
          }
          int n = 0;
          if (get_int_in(e, path, "an integer in [1, 100]", 1, kMaxVisitLimit,
                         &n)) {
            fair().visit_limit[it->second] = n;
          }
        });
  }

  // The round file's declined pairs between the fair's records.
  void carry_declined() {
    if (!source_) return;
    std::unordered_set<std::string> postings;
    for (const Posting& p : fair().round.postings) postings.insert(p.id);
    for (std::size_t i = 0; i < source_->declined.size(); ++i) {
      const PairRef& d = source_->declined[i];
      if (registered_.contains(d.veteran) && postings.contains(d.posting)) {
        fair().round.declined.push_back(d);
        declined_origin_.push_back(
            {out_->round_path, "/declined/" + std::to_string(i), ""});
      }
    }
  }

  void warn(const JsonPath& at, std::string expected, std::string found) {
    InputError w;
    w.file = file_;
    w.json_path = at.str();
    w.expected = std::move(expected);
    w.found = std::move(found);
    w.warning = true;
    out_->warnings.push_back(std::move(w));
  }

  // validate()'s and resolve_skills()'s issues on the fair's Round, placed
  // where each record was written; none where a reading error already is.
  void add_semantic_issues() {
    std::unordered_set<std::string> reading;
    for (const InputError& e : out_->errors) {
      reading.insert(e.file + '\n' + e.json_path);
    }
    Round& round = fair().round;
    std::vector<ValidationIssue> issues = validate(round);
    const bool readable = out_->errors.empty();
    if (readable) {
      for (ValidationIssue& issue :
           resolve_skills(round, bundled_skill_space())) {
        issues.push_back(std::move(issue));
      }
    }
    for (ValidationIssue& issue : issues) {
      InputError e;
      const Origin origin = origin_of(issue);
      e.file = origin.file;
      e.json_path = origin.path;
      if (!issue.field.empty()) e.json_path += "/" + issue.field;
      if (!origin.ref.empty() && (issue.field == "id" || issue.field.empty())) {
        e.file = file_;
        e.json_path = origin.ref;
      }
      if (covered(reading, e.file, e.json_path)) continue;
      e.expected = std::move(issue.expected);
      e.found = std::move(issue.found);
      e.warning = issue.warning;
      (issue.warning ? out_->warnings : out_->errors).push_back(std::move(e));
    }
  }

  static bool covered(const std::unordered_set<std::string>& paths,
                      const std::string& file, const std::string& path) {
    if (paths.contains(file + '\n' + path)) return true;
    for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (paths.contains(file + '\n' + path.substr(0, slash))) return true;
    }
    return false;
  }

  Origin origin_of(const ValidationIssue& issue) const {
    const auto pick = [&](const std::vector<Origin>& list) {
      if (issue.index >= 0 && std::size_t(issue.index) < list.size()) {
        return list[issue.index];
      }
      return Origin{file_, "", ""};
    };
    switch (issue.entity) {
      case Entity::kVeteran:
        return pick(veteran_origin_);
      case Entity::kPosting:
        return pick(posting_origin_);
      case Entity::kEmployer:
        return pick(employer_origin_);
      case Entity::kDeclined:
        return pick(declined_origin_);
      case Entity::kTaken:
        return Origin{out_->round_path, "/taken", ""};
      case Entity::kWithdrawn:
        return Origin{out_->round_path, "/withdrawn", ""};
      case Entity::kNotLooking:
        return Origin{out_->round_path, "/not_looking", ""};
      case Entity::kConfig:
        break;
    }
    return Origin{file_, "/config", ""};
  }

  JsonChecker check_;
  RoundRecordReader records_;
  std::string file_;
  std::string base_dir_;
  const FairReadOptions& options_;
  ReadFairResult* out_;

  std::unique_ptr<Round> source_;  // the round file, when named
  std::unordered_map<std::string, std::size_t> source_veteran_;
  std::unordered_map<std::string, std::size_t> source_posting_;
  std::unordered_set<std::string> taken_;
  std::unordered_set<std::string> not_looking_;  // warned about, kept
  std::unordered_set<std::string> withdrawn_;    // warned about, kept
  std::unordered_set<std::string> employer_ids_;
  std::unordered_map<std::string, std::string> registered_;  // id -> path
  std::unordered_map<std::string, std::string> offered_;     // id -> path
  std::unordered_set<std::string> booth_ids_;
  std::unordered_set<std::string> booth_employers_;
  std::unordered_set<std::string> pool_employers_;
  double fair_hours_ = 0.0;
  std::vector<Origin> veteran_origin_, posting_origin_, employer_origin_,
      declined_origin_;
};

}  // namespace

ReadFairResult read_fair_string(std::string_view json, const std::string& file,
                                const std::string& base_dir,
                                const FairReadOptions& options) {
  ReadFairResult result;
  rapidjson::Document document;
  if (!parse_json_document(json, file, document, result.errors)) {
    return result;
  }
  if (!document.IsObject()) {
    JsonChecker check(file, &result.errors);
    check.error(JsonPath(),
                "a JSON object {\"vetmatch\": \"fair/1\", ...} at the top "
                "level",
                JsonChecker::describe(document));
    return result;
  }
  FairDocumentReader(file, base_dir, options, &result).read(document);
  if (result.errors.empty()) check_fair(result.fair);
  return result;
}

ReadFairResult read_fair_file(const std::string& path,
                              const FairReadOptions& options) {
  const std::string contents = read_whole_file(path);
  const std::string base_dir =
      std::filesystem::path(path).parent_path().string();
  return read_fair_string(contents, path, base_dir, options);
}

}  // namespace vetmatch
