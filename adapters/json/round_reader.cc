#include "adapters/json/round_reader.h"

#include <algorithm>
#include <array>
#include <memory>
#include <unordered_set>
#include <utility>

#include "adapters/json/json_checker.h"
#include "adapters/json/json_document.h"
#include "adapters/json/round_records.h"
#include "adapters/json/whole_file.h"
#include "datasets/regions/region_table.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/model/validate.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

using rapidjson::Value;

constexpr std::string_view kFormatTag = "round/1";

// The keys of each object, in README.md's JSON-contract order. The enums index
// the arrays.
enum TopKey {
  kTopVetmatch,
  kTopConfig,
  kTopVeterans,
  kTopPostings,
  kTopEmployers,
  kTopTaken,
  kTopDeclined,
  kTopWithdrawn,
  kTopNotLooking
};
constexpr std::array<KeySpec, 9> kTopKeys = {{
    {"vetmatch", true, "\"round/1\""},
    {"config", false, "an object"},
    {"veterans", true, "an array of veteran objects"},
    {"postings", true, "an array of posting objects"},
    {"employers", false, "an array of employer objects"},
    {"taken", false, "an array of {\"veteran\", \"posting\"} pairs"},
    {"declined", false, "an array of {\"veteran\", \"posting\"} pairs"},
    {"withdrawn", false, "an array of posting ids (strings)"},
    {"not_looking", false, "an array of veteran ids (strings)"},
}};

enum ConfigKey {
  kCfgWeights,
  kCfgDistanceScale,
  kCfgMaxCommute,
  kCfgVeteranK,
  kCfgPostingK,
  kCfgPolicy,
  kCfgOnetShare,
  kCfgObjective,
  kCfgCandidateK,
  kCfgExact,
  kCfgPostingRanking,
  kCfgCouples,
  kCfgCoupleMaxKm
};
constexpr std::array<KeySpec, 13> kConfigKeys = {{
    {"weights", false, "an object {\"skill\", \"location\", \"preference\"}"},
    {"distance_scale_km", false, "a finite number > 0"},
    {"max_commute_km", false, "a finite number > 0, or null"},
    {"veteran_shortlist_k", false, "an integer in [0, 1000]"},
    {"posting_shortlist_k", false, "an integer in [0, 1000]"},
    {"policy", false, "one of points_order, optimal, stable"},
    {"onet_share", false, "a number in [0, 1]"},
    {"objective", false, "one of coverage_first, total_score"},
    {"candidate_k", false, "an integer in [1, 1000]"},
    {"exact", false, "true or false"},
    {"posting_ranking", false, "one of score, points"},
    {"couples", false, "one of independent, together"},
    {"couple_max_km", false, "a finite number > 0"},
}};

constexpr std::array<KeySpec, 3> kWeightKeys = {{
    {"skill", false, "a finite number >= 0"},
    {"location", false, "a finite number >= 0"},
    {"preference", false, "a finite number >= 0"},
}};

constexpr std::string_view kIdExpected = "a string id of 1 to 128 bytes";
constexpr std::string_view kLocationExpected =
    "an object {\"lat\", \"lon\"} in WGS-84 degrees";
constexpr std::string_view kRegionExpected =
    "a 6-digit region code (GB/T 2260) or the exact Chinese name of a "
    "division in the bundled table";
constexpr std::string_view kSkillsExpected =
    "an object mapping skill ids to weights in (0, 1]";
constexpr std::string_view kSkillWeightExpected = "a weight in (0, 1]";
constexpr std::string_view kStringsExpected = "an array of strings";

enum VeteranKey {
  kVetId,
  kVetName,
  kVetGroup,
  kVetLocation,
  kVetRegion,
  kVetSkills,
  kVetSpecialties,
  kVetOccupations,
  kVetCertificates,
  kVetEducation,
  kVetWants,
  kVetIndustries,
  kVetMaxCommute,
  kVetPoints,
  kVetPriority,
  kVetPartner
};
constexpr std::array<KeySpec, 16> kVeteranKeys = {{
    {"id", true, kIdExpected},
    {"name", false, "a string"},
    {"group", true, "one of soldier, nco, officer, spouse"},
    {"location", false, kLocationExpected},
    {"region", false, kRegionExpected},
    {"skills", false, kSkillsExpected},
    {"specialties", false,
     "an array of military specialty ids (PLA family ids such as \"driver\", "
     "or \"us:<branch>:<code>\")"},
    {"occupations", false,
     "an array of occupation codes (O*NET-SOC or CSCO 2022)"},
    {"certificates", false, kStringsExpected},
    {"education", false, "an education level"},
    {"wants", false,
     "a non-empty array of posting kinds (job, incubation, training)"},
    {"industries", false, kStringsExpected},
    {"max_commute_km", false, "a finite number > 0"},
    {"points", false, "a finite number"},
    {"priority", false,
     "an array of priority flags (disabled, martyr_family, merit, hardship)"},
    {"partner", false, "the id of another veteran (a string)"},
}};

constexpr std::array<KeySpec, 2> kLocationKeys = {{
    {"lat", true, "a number in [-90, 90]"},
    {"lon", true, "a number in [-180, 180]"},
}};

enum PostingKey {
  kPostId,
  kPostEmployer,
  kPostKind,
  kPostTitle,
  kPostLocation,
  kPostRegion,
  kPostOpenings,
  kPostSkills,
  kPostOccupation,
  kPostRequires,
  kPostIndustry,
  kPostVeteransOnly,
  kPostSpousesWelcome
};
constexpr std::array<KeySpec, 13> kPostingKeys = {{
    {"id", true, kIdExpected},
    {"employer", true, "an employer id (a string)"},
    {"kind", false, "one of job, incubation, training"},
    {"title", false, "a string"},
    {"location", false, kLocationExpected},
    {"region", false, kRegionExpected},
    {"openings", false, "an integer in [1, 100000]"},
    {"skills", false, kSkillsExpected},
    {"occupation", false,
     "an occupation code (O*NET-SOC \"53-3032.00\" or CSCO 2022 "
     "\"4-02-01-01\")"},
    {"requires", false, "an object {\"certificates\", \"education\"}"},
    {"industry", false, "a string"},
    {"veterans_only", false, "true or false"},
    {"spouses_welcome", false, "true or false"},
}};

enum RequiresKey { kReqCertificates, kReqEducation };
constexpr std::array<KeySpec, 2> kRequiresKeys = {{
    {"certificates", false, kStringsExpected},
    {"education", false, "an education level"},
}};

enum EmployerKey { kEmpId, kEmpName, kEmpKind };
constexpr std::array<KeySpec, 3> kEmployerKeys = {{
    {"id", true, kIdExpected},
    {"name", false, "a string"},
    {"kind", false, "one of enterprise, incubation_base, training_base"},
}};

enum PairKey { kPairVeteran, kPairPosting };
constexpr std::array<KeySpec, 2> kPairKeys = {{
    {"veteran", true, "a veteran id (a string)"},
    {"posting", true, "a posting id (a string)"},
}};

constexpr std::array<std::string_view, 3> kPolicyNames = {"points_order",
                                                          "optimal", "stable"};
constexpr std::array<std::string_view, 2> kObjectiveNames = {"coverage_first",
                                                             "total_score"};
constexpr std::array<std::string_view, 2> kRankingNames = {"score", "points"};
constexpr std::array<std::string_view, 2> kCouplesNames = {"independent",
                                                           "together"};

// Walks one round document into a Round, collecting every reading problem.
// Each field that cannot be read keeps its default, chosen so that it
// triggers no further semantic problem elsewhere.
class RoundDocumentReader {
 public:
  RoundDocumentReader(const std::string& file, std::vector<InputError>* errors,
                      std::vector<InputError>* warnings)
      : check_(file, errors), file_(file), warnings_(warnings) {}

  // root must be an object.
  void read(const Value& root, Round* round) {
    const JsonPath at;
    check_.walk_object(
        root, at, "an object", kTopKeys,
        [&](std::size_t key, const Value& v, const JsonPath& path) {
          switch (static_cast<TopKey>(key)) {
            case kTopVetmatch:
              read_tag(v, path);
              break;
            case kTopConfig:
              read_config(v, path, &round->config);
              break;
            case kTopVeterans:
              check_.walk_array(
                  v, path, kTopKeys[key].expected,
                  [&](std::size_t, const Value& e, const JsonPath& p) {
                    round->veterans.push_back(read_veteran(e, p));
                  });
              break;
            case kTopPostings:
              check_.walk_array(
                  v, path, kTopKeys[key].expected,
                  [&](std::size_t, const Value& e, const JsonPath& p) {
                    round->postings.push_back(read_posting(e, p));
                  });
              break;
            case kTopEmployers:
              check_.walk_array(
                  v, path, kTopKeys[key].expected,
                  [&](std::size_t, const Value& e, const JsonPath& p) {
                    round->employers.push_back(read_employer(e, p));
                  });
              break;
            case kTopTaken:
            case kTopDeclined: {
              auto& pairs = key == kTopTaken ? round->taken : round->declined;
              check_.walk_array(
                  v, path, kTopKeys[key].expected,
                  [&](std::size_t, const Value& e, const JsonPath& p) {
                    pairs.push_back(read_pair(e, p));
                  });
              break;
            }
            case kTopWithdrawn:
              check_.get_string_list(v, path, kTopKeys[key].expected,
                                     &round->withdrawn);
              break;
            case kTopNotLooking:
              check_.get_string_list(v, path, kTopKeys[key].expected,
                                     &round->not_looking);
              break;
          }
        });
  }

 private:
  void read_tag(const Value& v, const JsonPath& at) {
    if (v.IsString() &&
        std::string_view(v.GetString(), v.GetStringLength()) == kFormatTag) {
      return;
    }
    check_.error(at, "\"round/1\"", JsonChecker::describe(v));
  }

  void read_config(const Value& v, const JsonPath& at, RoundConfig* config) {
    check_.walk_object(
        v, at, kTopKeys[kTopConfig].expected, kConfigKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kConfigKeys[key].expected;
          switch (static_cast<ConfigKey>(key)) {
            case kCfgWeights:
              read_weights(e, path, &config->weights);
              break;
            case kCfgDistanceScale:
              check_.get_number(e, path, expected, &config->distance_scale_km);
              break;
            case kCfgMaxCommute: {
              if (e.IsNull()) {
                config->max_commute_km.reset();
                break;
              }
              double km = 0;
              if (check_.get_number(e, path, expected, &km)) {
                config->max_commute_km = km;
              }
              break;
            }
            case kCfgVeteranK:
              check_.get_int(e, path, expected, &config->veteran_shortlist_k);
              break;
            case kCfgPostingK:
              check_.get_int(e, path, expected, &config->posting_shortlist_k);
              break;
            case kCfgPolicy:
              check_.get_name(e, path, parse_policy_kind, kPolicyNames,
                              &config->policy);
              break;
            case kCfgOnetShare:
              check_.get_number(e, path, expected, &config->onet_share);
              break;
            case kCfgObjective:
              check_.get_name(e, path, parse_optimal_objective, kObjectiveNames,
                              &config->objective);
              break;
            case kCfgCandidateK:
              check_.get_int(e, path, expected, &config->candidate_k);
              break;
            case kCfgExact:
              if (e.IsBool()) {
                config->exact = e.GetBool();
              } else {
                check_.error(path, std::string(expected),
                             JsonChecker::describe(e));
              }
              break;
            case kCfgPostingRanking:
              check_.get_name(e, path, parse_posting_ranking, kRankingNames,
                              &config->posting_ranking);
              break;
            case kCfgCouples:
              check_.get_name(e, path, parse_couples_rule, kCouplesNames,
                              &config->couples);
              break;
            case kCfgCoupleMaxKm:
              check_.get_number(e, path, expected, &config->couple_max_km);
              break;
          }
        });
  }

  void read_weights(const Value& v, const JsonPath& at, ScoreWeights* w) {
    double* const fields[] = {&w->skill, &w->location, &w->preference};
    check_.walk_object(
        v, at, kConfigKeys[kCfgWeights].expected, kWeightKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          check_.get_number(e, path, kWeightKeys[key].expected, fields[key]);
        });
  }

  // The location-or-region pair of a veteran or posting, after the record's
  // keys were walked. Exactly one must be given.
  void read_place(const Value* location, const Value* region,
                  const JsonPath& record, GeoPoint* point,
                  std::string* region_code) {
    if (location != nullptr && region != nullptr) {
      const JsonPath path(record, "region");
      check_.error(path, "either location or region, not both", "both");
    } else if (location == nullptr && region == nullptr) {
      const JsonPath path(record, "location");
      check_.missing(path,
                     "a location {\"lat\", \"lon\"} or a region code (one of "
                     "the two is required)");
      return;
    }
    if (location != nullptr) {
      const JsonPath path(record, "location");
      read_location(*location, path, point);
      return;
    }
    const JsonPath path(record, "region");
    std::string text;
    if (!check_.get_string(*region, path, kRegionExpected, &text)) return;
    const RegionTable& table = RegionTable::bundled();
    const RegionLookup found = table.resolve(text);
    switch (found.outcome) {
      case RegionLookup::Outcome::kFound:
        break;
      case RegionLookup::Outcome::kFallback:
        warn(path, "a county-level code of the 2023 division table",
             JsonChecker::describe(*region) + ", which it lacks; using " +
                 table.describe(*found.region));
        break;
      case RegionLookup::Outcome::kAmbiguous: {
        std::string names;
        for (const Region* r : found.candidates) {
          if (!names.empty()) names += ", ";
          names += table.describe(*r);
        }
        check_.error(path,
                     "a region name only one division has (or its 6-digit "
                     "code, or the name qualified by its city or province)",
                     JsonChecker::describe(*region) + ", which names " +
                         std::to_string(found.candidates.size()) +
                         " divisions: " + names);
        return;
      }
      case RegionLookup::Outcome::kUnknown:
        check_.error(path, std::string(kRegionExpected),
                     JsonChecker::describe(*region));
        return;
    }
    point->lat = found.region->lat;
    point->lon = found.region->lon;
    *region_code = found.region->code;
  }

  void warn(const JsonPath& path, std::string expected, std::string found) {
    InputError w;
    w.file = file_;
    w.json_path = path.str();
    w.expected = std::move(expected);
    w.found = std::move(found);
    w.warning = true;
    warnings_->push_back(std::move(w));
  }

  void read_location(const Value& v, const JsonPath& at, GeoPoint* point) {
    double* const fields[] = {&point->lat, &point->lon};
    check_.walk_object(
        v, at, kLocationExpected, kLocationKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          check_.get_number(e, path, kLocationKeys[key].expected, fields[key]);
        });
  }

  void read_skills(const Value& v, const JsonPath& at,
                   std::vector<SkillWeight>* skills) {
    check_.walk_map(
        v, at, kSkillsExpected,
        [&](std::string_view name, const Value& e, const JsonPath& path) {
          double weight = 0;
          if (check_.get_number(e, path, kSkillWeightExpected, &weight)) {
            skills->push_back({std::string(name), weight});
          }
        });
  }

  void read_wants(const Value& v, const JsonPath& at, PostingKindSet* wants) {
    PostingKindSet set = 0;
    bool ok = true;
    const bool is_array = check_.walk_array(
        v, at, kVeteranKeys[kVetWants].expected,
        [&](std::size_t, const Value& e, const JsonPath& path) {
          PostingKind kind = PostingKind::kJob;
          if (check_.get_name(e, path, parse_posting_kind, posting_kind_names(),
                              &kind)) {
            set |= kind_bit(kind);
          } else {
            ok = false;
          }
        });
    // An empty list is read as the empty set, which validate() reports.
    if (is_array && ok) *wants = set;
  }

  void read_priority(const Value& v, const JsonPath& at, PrioritySet* flags) {
    PrioritySet set = 0;
    check_.walk_array(v, at, kVeteranKeys[kVetPriority].expected,
                      [&](std::size_t, const Value& e, const JsonPath& path) {
                        PriorityFlag flag = PriorityFlag::kDisabled;
                        if (check_.get_name(e, path, parse_priority_flag,
                                            priority_flag_names(), &flag)) {
                          set |= priority_bit(flag);
                        }
                      });
    *flags = set;
  }

  Veteran read_veteran(const Value& v, const JsonPath& at) {
    Veteran vet;
    const Value* location = nullptr;
    const Value* region = nullptr;
    const bool is_object = check_.walk_object(
        v, at, "a veteran object", kVeteranKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kVeteranKeys[key].expected;
          switch (static_cast<VeteranKey>(key)) {
            case kVetId:
              check_.get_string(e, path, expected, &vet.id);
              break;
            case kVetName:
              check_.get_string(e, path, expected, &vet.name);
              break;
            case kVetGroup:
              check_.get_name(e, path, parse_group, group_names(), &vet.group);
              break;
            case kVetLocation:
              location = &e;
              break;
            case kVetRegion:
              region = &e;
              break;
            case kVetSkills:
              read_skills(e, path, &vet.skills);
              break;
            case kVetSpecialties:
              check_.get_string_list(e, path, expected, &vet.specialties);
              break;
            case kVetOccupations:
              check_.get_string_list(e, path, expected, &vet.occupations);
              break;
            case kVetCertificates:
              check_.get_string_list(e, path, expected, &vet.certificates);
              break;
            case kVetEducation:
              check_.get_name(e, path, parse_education, education_names(),
                              &vet.education);
              break;
            case kVetWants:
              read_wants(e, path, &vet.wants);
              break;
            case kVetIndustries:
              check_.get_string_list(e, path, expected, &vet.industries);
              break;
            case kVetMaxCommute: {
              double km = 0;
              if (check_.get_number(e, path, expected, &km)) {
                vet.max_commute_km = km;
              }
              break;
            }
            case kVetPoints:
              check_.get_number(e, path, expected, &vet.points);
              break;
            case kVetPriority:
              read_priority(e, path, &vet.priority);
              break;
            case kVetPartner:
              check_.get_string(e, path, expected, &vet.partner);
              break;
          }
        });
    if (is_object) {
      read_place(location, region, at, &vet.location, &vet.region);
    }
    return vet;
  }

  void read_requires(const Value& v, const JsonPath& at, Posting* posting) {
    check_.walk_object(
        v, at, kPostingKeys[kPostRequires].expected, kRequiresKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          switch (static_cast<RequiresKey>(key)) {
            case kReqCertificates:
              check_.get_string_list(e, path, kRequiresKeys[key].expected,
                                     &posting->required_certificates);
              break;
            case kReqEducation:
              check_.get_name(e, path, parse_education, education_names(),
                              &posting->min_education);
              break;
          }
        });
  }

  Posting read_posting(const Value& v, const JsonPath& at) {
    Posting post;
    const Value* location = nullptr;
    const Value* region = nullptr;
    const bool is_object = check_.walk_object(
        v, at, "a posting object", kPostingKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kPostingKeys[key].expected;
          switch (static_cast<PostingKey>(key)) {
            case kPostId:
              check_.get_string(e, path, expected, &post.id);
              break;
            case kPostEmployer:
              check_.get_string(e, path, expected, &post.employer);
              break;
            case kPostKind:
              check_.get_name(e, path, parse_posting_kind, posting_kind_names(),
                              &post.kind);
              break;
            case kPostTitle:
              check_.get_string(e, path, expected, &post.title);
              break;
            case kPostLocation:
              location = &e;
              break;
            case kPostRegion:
              region = &e;
              break;
            case kPostOpenings:
              check_.get_int(e, path, expected, &post.openings);
              break;
            case kPostSkills:
              read_skills(e, path, &post.skills);
              break;
            case kPostOccupation:
              check_.get_string(e, path, expected, &post.occupation);
              break;
            case kPostRequires:
              read_requires(e, path, &post);
              break;
            case kPostIndustry:
              check_.get_string(e, path, expected, &post.industry);
              break;
            case kPostVeteransOnly:
              check_.get_bool(e, path, expected, &post.veterans_only);
              break;
            case kPostSpousesWelcome:
              check_.get_bool(e, path, expected, &post.spouses_welcome);
              break;
          }
        });
    if (is_object) {
      read_place(location, region, at, &post.location, &post.region);
    }
    return post;
  }

  Employer read_employer(const Value& v, const JsonPath& at) {
    Employer employer;
    check_.walk_object(
        v, at, "an employer object", kEmployerKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          const std::string_view expected = kEmployerKeys[key].expected;
          switch (static_cast<EmployerKey>(key)) {
            case kEmpId:
              check_.get_string(e, path, expected, &employer.id);
              break;
            case kEmpName:
              check_.get_string(e, path, expected, &employer.name);
              break;
            case kEmpKind:
              check_.get_name(e, path, parse_employer_kind,
                              employer_kind_names(), &employer.kind);
              break;
          }
        });
    return employer;
  }

  PairRef read_pair(const Value& v, const JsonPath& at) {
    PairRef pair;
    std::string* const fields[] = {&pair.veteran, &pair.posting};
    check_.walk_object(
        v, at, "a {\"veteran\", \"posting\"} pair", kPairKeys,
        [&](std::size_t key, const Value& e, const JsonPath& path) {
          check_.get_string(e, path, kPairKeys[key].expected, fields[key]);
        });
    return pair;
  }

  friend class ::vetmatch::RoundRecordReader;

  JsonChecker check_;
  std::string file_;
  std::vector<InputError>* warnings_;
};

std::string issue_path(const ValidationIssue& issue) {
  std::string path = "/";
  path.append(to_string(issue.entity));
  if (issue.entity != Entity::kConfig) {
    path += '/';
    path += std::to_string(issue.index);
  }
  if (!issue.field.empty()) {
    path += '/';
    path += issue.field;
  }
  return path;
}

// True when `path` or one of its ancestors is in `paths`.
bool covered_by(const std::string& path,
                const std::unordered_set<std::string>& paths) {
  if (paths.contains(path)) return true;
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (paths.contains(path.substr(0, slash))) return true;
  }
  return false;
}

// Appends validate()'s and resolve_skills()'s issues that no reading error
// already covers, errors to `errors` and warnings to `warnings`.
void add_semantic_issues(Round& round, const std::string& file, bool resolve,
                         std::vector<InputError>* errors,
                         std::vector<InputError>* warnings) {
  std::unordered_set<std::string> reading_paths;
  for (const InputError& e : *errors) reading_paths.insert(e.json_path);
  std::vector<ValidationIssue> issues = validate(round);
  if (resolve) {
    for (ValidationIssue& issue :
         resolve_skills(round, bundled_skill_space())) {
      issues.push_back(std::move(issue));
    }
  }
  for (ValidationIssue& issue : issues) {
    std::string path = issue_path(issue);
    if (covered_by(path, reading_paths)) continue;
    InputError e;
    e.file = file;
    e.json_path = std::move(path);
    e.expected = std::move(issue.expected);
    e.found = std::move(issue.found);
    e.warning = issue.warning;
    (issue.warning ? warnings : errors)->push_back(std::move(e));
  }
}

// Where an error's record sits in the file: (top-level key in README.md's
// JSON-contract order, record index), so messages come grouped by record, in
// file order.
std::pair<int, long> error_place(const InputError& e) {
  if (e.json_path.empty()) return {-1, -1};
  const std::string_view path(e.json_path);
  const std::size_t end = path.find('/', 1);
  const std::string_view section =
      path.substr(1, end == path.npos ? path.npos : end - 1);
  int rank = 0;
  for (std::size_t k = 0; k < kTopKeys.size(); ++k) {
    if (kTopKeys[k].name == section) rank = static_cast<int>(k) + 1;
  }
  long index = -1;
  if (end != path.npos) {
    const std::string_view rest = path.substr(end + 1);
    long value = 0;
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 12 && rest[digits] >= '0' &&
           rest[digits] <= '9') {
      value = value * 10 + (rest[digits] - '0');
      ++digits;
    }
    if (digits > 0) index = value;
  }
  return {rank, index};
}

}  // namespace

ReadRoundResult read_round_string(std::string_view json,
                                  const std::string& file,
                                  const ReadOptions& options) {
  ReadRoundResult result;
  rapidjson::Document document;
  if (!parse_json_document(json, file, document, result.errors)) {
    return result;
  }
  if (!document.IsObject()) {
    JsonChecker check(file, &result.errors);
    check.error(JsonPath(),
                "a JSON object {\"vetmatch\": \"round/1\", ...} at the top "
                "level",
                JsonChecker::describe(document));
    return result;
  }
  RoundDocumentReader(file, &result.errors, &result.warnings)
      .read(document, &result.round);
  RoundConfig& config = result.round.config;
  if (options.weights) config.weights = *options.weights;
  if (options.onet_share) config.onet_share = *options.onet_share;
  if (options.veteran_shortlist_k) {
    config.veteran_shortlist_k = *options.veteran_shortlist_k;
  }
  add_semantic_issues(result.round, file, options.resolve_skills,
                      &result.errors, &result.warnings);
  // Reading errors were found in document order and semantic ones in
  // validate()'s; group both by record, keeping each record's reading
  // errors before its semantic ones.
  for (auto* list : {&result.errors, &result.warnings}) {
    std::stable_sort(list->begin(), list->end(),
                     [](const InputError& a, const InputError& b) {
                       return error_place(a) < error_place(b);
                     });
  }
  return result;
}

struct RoundRecordReader::Impl {
  Impl(const std::string& file, std::vector<InputError>* errors,
       std::vector<InputError>* warnings)
      : reader(file, errors, warnings) {}
  RoundDocumentReader reader;
};

RoundRecordReader::RoundRecordReader(const std::string& file,
                                     std::vector<InputError>* errors,
                                     std::vector<InputError>* warnings)
    : impl_(std::make_unique<Impl>(file, errors, warnings)) {}

RoundRecordReader::~RoundRecordReader() = default;

Veteran RoundRecordReader::veteran(const Value& v, const JsonPath& at) {
  return impl_->reader.read_veteran(v, at);
}

Posting RoundRecordReader::posting(const Value& v, const JsonPath& at) {
  return impl_->reader.read_posting(v, at);
}

Employer RoundRecordReader::employer(const Value& v, const JsonPath& at) {
  return impl_->reader.read_employer(v, at);
}

PairRef RoundRecordReader::pair(const Value& v, const JsonPath& at) {
  return impl_->reader.read_pair(v, at);
}

void RoundRecordReader::config(const Value& v, const JsonPath& at,
                               RoundConfig* config) {
  impl_->reader.read_config(v, at, config);
}

void RoundRecordReader::place(const Value* location, const Value* region,
                              const JsonPath& record, GeoPoint* point,
                              std::string* region_code) {
  impl_->reader.read_place(location, region, record, point, region_code);
}

ReadRoundResult read_round_file(const std::string& path,
                                const ReadOptions& options) {
  const std::string contents = read_whole_file(path);
  return read_round_string(contents, path, options);
}

}  // namespace vetmatch
