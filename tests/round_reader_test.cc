// The round-file reader and writer (adapters/json): every field of a full
// example, defaults, regions, the bad-input corpus through the reader (each
// expected path reported, every problem of a file listed), error messages,
// round trips Round -> JSON -> Round, and the round schema.
#include "adapters/json/round_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/json/input_error.h"
#include "adapters/json/json_document.h"
#include "adapters/json/round_writer.h"
#include "datasets/generator/generator.h"
#include "datasets/regions/region_table.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/model/validate.h"
#include "engine/skills/resolve_skills.h"
#include "tests/support/bad_input_corpus.h"
#include "tests/support/random_round.h"
#include "tests/support/run_cli.h"
#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

using vetmatch::test_support::schema_problem;
using vetmatch::test_support::slurp;

const std::string kSourceDir = VETMATCH_SOURCE_DIR;
const std::string kCorpusDir = vetmatch::test_support::corpus_dir();

std::vector<std::string> paths_of(const std::vector<InputError>& errors) {
  std::vector<std::string> paths;
  for (const InputError& e : errors) paths.push_back(e.json_path);
  return paths;
}

std::string messages_of(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += e.message() + "\n";
  return out;
}

bool has_path(const std::vector<InputError>& errors, const std::string& path) {
  for (const InputError& e : errors) {
    if (e.json_path == path) return true;
  }
  return false;
}

const std::string kRoundSchema =
    kSourceDir + "/adapters/json/schema/round.schema.json";

// A round with every field given, none at its default.
constexpr const char* kFullRound = R"json({
  "vetmatch": "round/1",
  "config": {"weights": {"skill": 0.5, "location": 0.25, "preference": 0.25},
             "distance_scale_km": 12.5, "max_commute_km": 40,
             "veteran_shortlist_k": 3, "posting_shortlist_k": 4,
             "policy": "points_order", "onet_share": 0.4},
  "veterans": [
    {"id": "V2", "name": "王伟", "group": "nco",
     "location": {"lat": 36.61, "lon": 114.49},
     "skills": {"welding": 0.8, "forklift": 0.25},
     "certificates": ["welder_l3", "c1"], "education": "vocational",
     "wants": ["job", "training"], "industries": ["manufacturing"],
     "max_commute_km": 15.5, "points": 87.5,
     "priority": ["merit", "disabled"], "partner": "V1"},
    {"id": "V1", "group": "spouse", "region": "130402", "partner": "V2",
     "specialties": ["driver", "us:army:88M"], "occupations": ["4-10-01-05"]}
  ],
  "postings": [
    {"id": "P1", "employer": "E1", "kind": "incubation", "title": "焊工",
     "location": {"lat": -33.5, "lon": 151.25}, "openings": 3,
     "skills": {"welding": 1},
     "requires": {"certificates": ["welder_l3"], "education": "junior_secondary"},
     "industry": "manufacturing", "veterans_only": true},
    {"id": "P2", "employer": "E2", "region": "130402", "spouses_welcome": true,
     "occupation": "53-3032.00"}
  ],
  "employers": [{"id": "E1", "name": "Handan Steel", "kind": "training_base"},
                {"id": "E2"}],
  "taken": [{"veteran": "V1", "posting": "P2"}],
  "declined": [{"veteran": "V2", "posting": "P2"}]
})json";

TEST(RoundReaderTest, ReadsEveryFieldOfAFullExample) {
  const ReadRoundResult read = read_round_string(kFullRound, "full.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  const Round& r = read.round;

  EXPECT_EQ(r.config.weights.skill, 0.5);
  EXPECT_EQ(r.config.weights.location, 0.25);
  EXPECT_EQ(r.config.weights.preference, 0.25);
  EXPECT_EQ(r.config.distance_scale_km, 12.5);
  ASSERT_TRUE(r.config.max_commute_km.has_value());
  EXPECT_EQ(*r.config.max_commute_km, 40.0);
  EXPECT_EQ(r.config.veteran_shortlist_k, 3);
  EXPECT_EQ(r.config.posting_shortlist_k, 4);
  EXPECT_EQ(r.config.policy, PolicyKind::kPointsOrder);

  ASSERT_EQ(r.veterans.size(), 2u);
  const Veteran& v = r.veterans[0];
  EXPECT_EQ(v.id, "V2");
  EXPECT_EQ(v.name, "王伟");
  EXPECT_EQ(v.group, Group::kNco);
  EXPECT_EQ(v.location.lat, 36.61);
  EXPECT_EQ(v.location.lon, 114.49);
  EXPECT_EQ(v.region, "");
  // No codes: the map as given, sorted by skill id.
  ASSERT_EQ(v.skills.size(), 2u);
  EXPECT_EQ(v.skills[0].skill, "forklift");
  EXPECT_EQ(v.skills[0].weight, 0.25);
  EXPECT_EQ(v.skills[1].skill, "welding");
  EXPECT_EQ(v.skills[1].weight, 0.8);
  EXPECT_EQ(v.certificates, (std::vector<std::string>{"welder_l3", "c1"}));
  EXPECT_EQ(v.education, Education::kVocational);
  EXPECT_EQ(v.wants,
            kind_bit(PostingKind::kJob) | kind_bit(PostingKind::kTraining));
  EXPECT_EQ(v.industries, std::vector<std::string>{"manufacturing"});
  ASSERT_TRUE(v.max_commute_km.has_value());
  EXPECT_EQ(*v.max_commute_km, 15.5);
  EXPECT_EQ(v.points, 87.5);
  EXPECT_EQ(v.priority, priority_bit(PriorityFlag::kMerit) |
                            priority_bit(PriorityFlag::kDisabled));
  EXPECT_EQ(v.partner, "V1");
  EXPECT_EQ(r.veterans[1].id, "V1");  // file order kept
  EXPECT_EQ(r.veterans[1].group, Group::kSpouse);
  EXPECT_EQ(r.veterans[1].specialties,
            (std::vector<std::string>{"driver", "us:army:88M"}));
  EXPECT_EQ(r.veterans[1].occupations, std::vector<std::string>{"4-10-01-05"});
  EXPECT_EQ(r.config.onet_share, 0.4);
  EXPECT_TRUE(r.skills_resolved);
  // Codes became skills: O*NET dimensions and the driver family's tags.
  bool onet = false, tag = false;
  for (const SkillWeight& s : r.veterans[1].skills) {
    (s.skill.rfind("skill.", 0) == 0 || s.skill.rfind("knowledge.", 0) == 0
         ? onet
         : tag) = true;
  }
  EXPECT_TRUE(onet);
  EXPECT_FALSE(tag);  // Tags come only from a skills map.
  EXPECT_EQ(r.postings[1].occupation, "53-3032.00");
  EXPECT_FALSE(r.postings[1].skills.empty());

  ASSERT_EQ(r.postings.size(), 2u);
  const Posting& p = r.postings[0];
  EXPECT_EQ(p.id, "P1");
  EXPECT_EQ(p.employer, "E1");
  EXPECT_EQ(p.kind, PostingKind::kIncubation);
  EXPECT_EQ(p.title, "焊工");
  EXPECT_EQ(p.location.lat, -33.5);
  EXPECT_EQ(p.location.lon, 151.25);
  EXPECT_EQ(p.openings, 3);
  ASSERT_EQ(p.skills.size(), 1u);
  EXPECT_EQ(p.skills[0].skill, "welding");
  EXPECT_EQ(p.skills[0].weight, 1.0);
  EXPECT_EQ(p.required_certificates, std::vector<std::string>{"welder_l3"});
  EXPECT_EQ(p.min_education, Education::kJuniorSecondary);
  EXPECT_EQ(p.industry, "manufacturing");
  EXPECT_TRUE(p.veterans_only);
  EXPECT_FALSE(p.spouses_welcome);
  EXPECT_TRUE(r.postings[1].spouses_welcome);

  ASSERT_EQ(r.employers.size(), 2u);
  EXPECT_EQ(r.employers[0].id, "E1");
  EXPECT_EQ(r.employers[0].name, "Handan Steel");
  EXPECT_EQ(r.employers[0].kind, EmployerKind::kTrainingBase);
  EXPECT_EQ(r.employers[1].kind, EmployerKind::kEnterprise);

  ASSERT_EQ(r.taken.size(), 1u);
  EXPECT_EQ(r.taken[0].veteran, "V1");
  EXPECT_EQ(r.taken[0].posting, "P2");
  ASSERT_EQ(r.declined.size(), 1u);
  EXPECT_EQ(r.declined[0].veteran, "V2");
  EXPECT_EQ(r.declined[0].posting, "P2");
}

TEST(RoundReaderTest, AppliesDefaults) {
  const ReadRoundResult read = read_round_string(
      R"({"vetmatch": "round/1",
          "veterans": [{"id": "V1", "group": "soldier",
                        "location": {"lat": 1, "lon": 2}}],
          "postings": [{"id": "P1", "employer": "Acme",
                        "location": {"lat": 3, "lon": 4}}]})",
      "min.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  const Round& r = read.round;
  const RoundConfig defaults;
  EXPECT_EQ(r.config.weights.skill, defaults.weights.skill);
  EXPECT_EQ(r.config.weights.location, defaults.weights.location);
  EXPECT_EQ(r.config.weights.preference, defaults.weights.preference);
  EXPECT_EQ(r.config.distance_scale_km, 30.0);
  EXPECT_FALSE(r.config.max_commute_km.has_value());
  EXPECT_EQ(r.config.veteran_shortlist_k, 10);
  EXPECT_EQ(r.config.posting_shortlist_k, 20);
  EXPECT_EQ(r.config.policy, PolicyKind::kPointsOrder);

  const Veteran& v = r.veterans.at(0);
  EXPECT_EQ(v.location.lat, 1.0);  // integers read as doubles
  EXPECT_EQ(v.location.lon, 2.0);
  EXPECT_EQ(v.name, "");
  EXPECT_TRUE(v.skills.empty());
  EXPECT_TRUE(v.certificates.empty());
  EXPECT_EQ(v.education, Education::kNone);
  EXPECT_EQ(v.wants, kAllPostingKinds);
  EXPECT_TRUE(v.industries.empty());
  EXPECT_FALSE(v.max_commute_km.has_value());
  EXPECT_EQ(v.points, 0.0);
  EXPECT_EQ(v.priority, 0);
  EXPECT_EQ(v.partner, "");

  const Posting& p = r.postings.at(0);
  EXPECT_EQ(p.kind, PostingKind::kJob);
  EXPECT_EQ(p.title, "");
  EXPECT_EQ(p.openings, 1);
  EXPECT_TRUE(p.skills.empty());
  EXPECT_TRUE(p.required_certificates.empty());
  EXPECT_EQ(p.min_education, Education::kNone);
  EXPECT_EQ(p.industry, "");
  EXPECT_FALSE(p.veterans_only);
  EXPECT_FALSE(p.spouses_welcome);

  EXPECT_TRUE(r.employers.empty());
  EXPECT_TRUE(r.taken.empty());
  EXPECT_TRUE(r.declined.empty());
}

TEST(RoundReaderTest, ResolvesRegionCodesThroughTheBundledTable) {
  const Region* hanshan = RegionTable::bundled().find("130402");
  ASSERT_NE(hanshan, nullptr);
  const ReadRoundResult read = read_round_string(kFullRound, "full.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  const Veteran& v = read.round.veterans.at(1);
  EXPECT_EQ(v.region, "130402");
  EXPECT_EQ(v.location.lat, hanshan->lat);
  EXPECT_EQ(v.location.lon, hanshan->lon);
  const Posting& p = read.round.postings.at(1);
  EXPECT_EQ(p.region, "130402");
  EXPECT_EQ(p.location.lat, hanshan->lat);
  EXPECT_EQ(p.location.lon, hanshan->lon);
}

TEST(RoundReaderTest, ResolvesRegionNamesAndFallsBackWithAWarning) {
  const ReadRoundResult read = read_round_string(R"json({
    "vetmatch": "round/1",
    "veterans": [{"id": "V1", "group": "nco", "region": "邯郸市邯山区"},
                 {"id": "V2", "group": "nco", "region": "130428"},
                 {"id": "V3", "group": "nco", "region": "朝阳区"}],
    "postings": []})json",
                                                 "names.json");
  ASSERT_EQ(read.errors.size(), 1u) << messages_of(read.errors);
  EXPECT_EQ(read.errors[0].json_path, "/veterans/2/region");
  const std::string message = read.errors[0].message();
  EXPECT_NE(message.find("110105 朝阳区 (北京市)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("220104 朝阳区 (吉林省长春市)"), std::string::npos)
      << message;
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0].json_path, "/veterans/1/region");
  EXPECT_EQ(read.warnings[0].message(),
            "names.json: warning: /veterans/1/region: expected a "
            "county-level code of the 2023 division table, found "
            "\"130428\", which it lacks; using 130400 邯郸市 (河北省)");
  const RegionTable& table = RegionTable::bundled();
  EXPECT_EQ(read.round.veterans[0].region, "130402");
  EXPECT_EQ(read.round.veterans[0].location.lat, table.find("130402")->lat);
  EXPECT_EQ(read.round.veterans[1].region, "130400");
  EXPECT_EQ(read.round.veterans[1].location.lon, table.find("130400")->lon);
}

TEST(RoundReaderTest, UnknownCodesAreErrorsAtTheirPaths) {
  const ReadRoundResult read = read_round_string(R"json({
    "vetmatch": "round/1",
    "veterans": [{"id": "V1", "group": "nco", "region": "130402",
                  "specialties": ["tank_ace", "us:army:11B"],
                  "occupations": ["99-9999.00"]}],
    "postings": [{"id": "P1", "employer": "E", "region": "130402",
                  "occupation": "4-99-99-99"}]})json",
                                                 "codes.json");
  EXPECT_EQ(paths_of(read.errors),
            (std::vector<std::string>{"/veterans/0/specialties/0",
                                      "/veterans/0/occupations/0",
                                      "/postings/0/occupation"}))
      << messages_of(read.errors);
  // 11B (infantryman) maps only to a military-specific O*NET occupation.
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0].json_path, "/veterans/0/specialties/1");
}

TEST(RoundReaderTest, AcceptsWholeNumbersWrittenAsDoubles) {
  const ReadRoundResult read = read_round_string(
      R"({"vetmatch": "round/1", "config": {"veteran_shortlist_k": 5.0},
          "veterans": [],
          "postings": [{"id": "P1", "employer": "E", "openings": 1e1,
                        "location": {"lat": 0, "lon": 0}}]})",
      "r.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  EXPECT_EQ(read.round.config.veteran_shortlist_k, 5);
  EXPECT_EQ(read.round.postings.at(0).openings, 10);
}

TEST(RoundReaderTest, SkipsAByteOrderMark) {
  const ReadRoundResult read = read_round_string(
      "\xEF\xBB\xBF{\"vetmatch\": \"round/1\", \"veterans\": [], \"postings\": "
      "[]}",
      "bom.json");
  EXPECT_TRUE(read.errors.empty()) << messages_of(read.errors);
}

TEST(RoundReaderTest, DeepNestingIsAnErrorNotACrash) {
  const int depth = 200000;
  const std::string json =
      "{\"vetmatch\": \"round/1\", \"veterans\": " + std::string(depth, '[') +
      std::string(depth, ']') + ", \"postings\": []}";
  const ReadRoundResult read = read_round_string(json, "deep.json");
  EXPECT_TRUE(has_path(read.errors, "/veterans/0")) << messages_of(read.errors);
}

// Every truncation and many one-character edits of the full example: the
// reader never crashes, every error names the file and has a path or a line,
// and a round read without errors passes validate().
TEST(RoundReaderTest, MangledInputsAreReportedNeverCrash) {
  const std::string full = kFullRound;
  std::vector<std::string> inputs;
  for (std::size_t n = 0; n < full.size(); ++n) {
    inputs.push_back(full.substr(0, n));
  }
  for (std::size_t i = 0; i < full.size(); ++i) {
    for (char c : {'"', '{', ']', '0', 'x', ',', '-', '\0', '\xff'}) {
      std::string edited = full;
      edited[i] = c;
      inputs.push_back(edited);
    }
    inputs.push_back(full.substr(0, i) + full.substr(i + 1));
  }
  std::size_t rejected = 0;
  for (const std::string& input : inputs) {
    const ReadRoundResult read = read_round_string(input, "m.json");
    for (const InputError& e : read.errors) {
      ASSERT_EQ(e.file, "m.json");
      ASSERT_TRUE(e.line > 0 || !e.json_path.empty() || !e.expected.empty());
      ASSERT_FALSE(e.message().empty());
    }
    if (read.errors.empty()) {
      ASSERT_TRUE(validate(read.round).empty()) << input;
    } else {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, inputs.size() / 2);
}

TEST(RoundReaderTest, LeavesOutSemanticProblemsUnderAReadingError) {
  // veterans/1 is not an object: it is read as an empty record, whose empty
  // id validate() would report at /veterans/1/id.
  const ReadRoundResult read =
      read_round_file(kCorpusDir + "wrong_type_record.json");
  EXPECT_EQ(paths_of(read.errors), std::vector<std::string>{"/veterans/1"})
      << messages_of(read.errors);
  // A bad id type is reported once, not again as an empty id.
  const ReadRoundResult bad_id = read_round_string(
      R"({"vetmatch": "round/1",
          "veterans": [{"id": 17, "group": "soldier",
                        "location": {"lat": 0, "lon": 0}}],
          "postings": []})",
      "r.json");
  EXPECT_EQ(paths_of(bad_id.errors), std::vector<std::string>{"/veterans/0/id"})
      << messages_of(bad_id.errors);
}

TEST(RoundReaderTest, ReadingErrorsKeepEveryRecordAtItsFileIndex) {
  const ReadRoundResult read =
      read_round_file(kCorpusDir + "many_problems.json");
  ASSERT_EQ(read.round.veterans.size(), 3u);
  EXPECT_EQ(read.round.veterans[2].id, "V3");
  ASSERT_EQ(read.round.postings.size(), 2u);
  EXPECT_EQ(read.round.postings[1].id, "P2");
}

TEST(RoundReaderTest, ListsEveryProblemOfAFileWithSeveral) {
  const std::string file = kCorpusDir + "many_problems.json";
  const ReadRoundResult read = read_round_file(file);
  const std::vector<std::string> expected = {
      "/config/weights/skill",    "/config/veteran_shortlist_k",
      "/veterans/0/location/lat", "/veterans/1/group",
      "/veterans/1/id",           "/veterans/2/colour",
      "/postings/0/openings",     "/postings/1/openings",
      "/postings/1/employer",     "/taken/0/veteran"};
  // Exactly these, grouped by record in file order, reading problems of a
  // record before its semantic ones.
  EXPECT_EQ(paths_of(read.errors), expected) << messages_of(read.errors);
  for (const InputError& e : read.errors) {
    EXPECT_EQ(e.file, file);
    EXPECT_EQ(e.line, 0);
  }
}

using vetmatch::test_support::corpus_rows;
using vetmatch::test_support::CorpusRow;

TEST(RoundReaderTest, CorpusTableCoversEveryFileAndEveryFileIsListed) {
  const std::vector<CorpusRow> rows = corpus_rows();
  ASSERT_GE(rows.size(), 40u);
  std::set<std::string> listed;
  for (const CorpusRow& row : rows) {
    listed.insert(row.file);
    EXPECT_TRUE(row.command == "validate" || row.command == "match")
        << row.file;
    EXPECT_EQ(row.exit_code, 3) << row.file;
  }
  for (const std::string& file : listed) {
    std::ifstream in(kCorpusDir + file);
    EXPECT_TRUE(in.good()) << "listed but missing: " << file;
  }
}

TEST(RoundReaderTest, EveryCorpusRowIsReportedAtItsPath) {
  for (const CorpusRow& row : corpus_rows()) {
    SCOPED_TRACE(row.file + " " + row.path);
    const std::string file = kCorpusDir + row.file;
    const ReadRoundResult read = read_round_file(file);
    ASSERT_FALSE(read.errors.empty());
    bool found = false;
    for (const InputError& e : read.errors) {
      const bool path_matches =
          row.path == "-" ? e.json_path.empty() : e.json_path == row.path;
      const std::string message = e.message();
      const std::string wanted =
          row.fragment[0] == ':' ? file + row.fragment : row.fragment;
      if (path_matches && message.find(wanted) != std::string::npos) {
        found = true;
        EXPECT_EQ(message.rfind(file, 0), 0u) << message;  // names the file
      }
    }
    EXPECT_TRUE(found) << messages_of(read.errors);
  }
}

TEST(RoundReaderTest, MalformedJsonHasLineAndColumnOnly) {
  const ReadRoundResult read =
      read_round_file(kCorpusDir + "malformed_missing_comma.json");
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].line, 3);
  EXPECT_EQ(read.errors[0].column, 15);
  EXPECT_EQ(read.errors[0].json_path, "");
}

TEST(RoundReaderTest, CountsColumnsInCharacters) {
  int line = 0, column = 0;
  line_and_column("ab\n王伟x", std::strlen("ab\n王伟"), &line, &column);
  EXPECT_EQ(line, 2);
  EXPECT_EQ(column, 3);
  line_and_column("", 0, &line, &column);
  EXPECT_EQ(line, 1);
  EXPECT_EQ(column, 1);
}

TEST(RoundReaderTest, MissingFileIsAnIoErrorNamingIt) {
  const std::string path = "/nonexistent-dir/round.json";
  try {
    read_round_file(path);
    FAIL() << "no IoError";
  } catch (const IoError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("cannot read"), std::string::npos);
  }
  EXPECT_THROW(read_round_file(kCorpusDir), IoError);  // a directory
}

TEST(InputErrorTest, RendersTheThreeShapes) {
  InputError at_path{
      "round.json", "/veterans/17/location/lat", 0, 0, "a number in [-90, 90]",
      "\"north\""};
  EXPECT_EQ(at_path.message(),
            "round.json: /veterans/17/location/lat: expected a number in "
            "[-90, 90], found \"north\"");
  InputError at_line{
      "round.json", "", 12, 5, "',' or '}' after an object member", ""};
  EXPECT_EQ(at_line.message(),
            "round.json:12:5: malformed JSON: expected ',' or '}' after an "
            "object member");
  InputError whole{"round.json", "", 0, 0, "a JSON document", "an empty file"};
  EXPECT_EQ(whole.message(),
            "round.json: expected a JSON document, found an empty file");
}

TEST(InputErrorTest, FoundValuesAreShortAndJsonLike) {
  const ReadRoundResult read = read_round_string(
      R"({"vetmatch": "round/1",
          "veterans": [{"id": "V1", "group": "a very long group name that goes on and on and on",
                        "name": null, "points": true,
                        "location": {"lat": [1], "lon": {"x": 1}}}],
          "postings": [{"id": "P1", "employer": 12.5, "location": {"lat": 0, "lon": 0}}]})",
      "r.json");
  const std::string all = messages_of(read.errors);
  EXPECT_NE(all.find("found \"a very long group name that goes on and ...\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/veterans/0/name: expected a string, found null"),
            std::string::npos);
  EXPECT_NE(
      all.find("/veterans/0/points: expected a finite number, found true"),
      std::string::npos);
  EXPECT_NE(all.find("/veterans/0/location/lat: expected a number in [-90, "
                     "90], found an array"),
            std::string::npos);
  EXPECT_NE(all.find("found an object"), std::string::npos);
  EXPECT_NE(all.find("/postings/0/employer: expected an employer id (a "
                     "string), found 12.5"),
            std::string::npos);
}

// ---- Round -> JSON -> Round ----

// `a` is a Round as built in memory; `b` is what the reader made of its JSON,
// with skills resolved, so `a` is compared after the same resolution.
void expect_same_round(const Round& original, const Round& b) {
  Round a = original;
  ASSERT_TRUE(b.skills_resolved);
  ASSERT_TRUE(resolve_skills(a, bundled_skill_space()).empty() ||
              !a.skills_resolved);
  EXPECT_EQ(a.config.onet_share, b.config.onet_share);
  EXPECT_EQ(a.config.weights.skill, b.config.weights.skill);
  EXPECT_EQ(a.config.weights.location, b.config.weights.location);
  EXPECT_EQ(a.config.weights.preference, b.config.weights.preference);
  EXPECT_EQ(a.config.distance_scale_km, b.config.distance_scale_km);
  EXPECT_EQ(a.config.max_commute_km, b.config.max_commute_km);
  EXPECT_EQ(a.config.veteran_shortlist_k, b.config.veteran_shortlist_k);
  EXPECT_EQ(a.config.posting_shortlist_k, b.config.posting_shortlist_k);
  EXPECT_EQ(a.config.policy, b.config.policy);
  ASSERT_EQ(a.veterans.size(), b.veterans.size());
  for (std::size_t i = 0; i < a.veterans.size(); ++i) {
    SCOPED_TRACE("veteran " + std::to_string(i));
    const Veteran& x = a.veterans[i];
    const Veteran& y = b.veterans[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.group, y.group);
    EXPECT_EQ(x.location.lat, y.location.lat);
    EXPECT_EQ(x.location.lon, y.location.lon);
    EXPECT_EQ(x.region, y.region);
    ASSERT_EQ(x.skills.size(), y.skills.size());
    for (std::size_t s = 0; s < x.skills.size(); ++s) {
      EXPECT_EQ(x.skills[s].skill, y.skills[s].skill);
      EXPECT_EQ(x.skills[s].weight, y.skills[s].weight);
    }
    EXPECT_EQ(x.specialties, y.specialties);
    EXPECT_EQ(x.occupations, y.occupations);
    EXPECT_EQ(x.certificates, y.certificates);
    EXPECT_EQ(x.education, y.education);
    EXPECT_EQ(x.wants, y.wants);
    EXPECT_EQ(x.industries, y.industries);
    EXPECT_EQ(x.max_commute_km, y.max_commute_km);
    EXPECT_EQ(x.points, y.points);
    EXPECT_EQ(std::signbit(x.points), std::signbit(y.points));
    EXPECT_EQ(x.priority, y.priority);
    EXPECT_EQ(x.partner, y.partner);
  }
  ASSERT_EQ(a.postings.size(), b.postings.size());
  for (std::size_t i = 0; i < a.postings.size(); ++i) {
    SCOPED_TRACE("posting " + std::to_string(i));
    const Posting& x = a.postings[i];
    const Posting& y = b.postings[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.employer, y.employer);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.location.lat, y.location.lat);
    EXPECT_EQ(x.location.lon, y.location.lon);
    EXPECT_EQ(x.region, y.region);
    EXPECT_EQ(x.openings, y.openings);
    ASSERT_EQ(x.skills.size(), y.skills.size());
    for (std::size_t s = 0; s < x.skills.size(); ++s) {
      EXPECT_EQ(x.skills[s].skill, y.skills[s].skill);
      EXPECT_EQ(x.skills[s].weight, y.skills[s].weight);
    }
    EXPECT_EQ(x.occupation, y.occupation);
    EXPECT_EQ(x.required_certificates, y.required_certificates);
    EXPECT_EQ(x.min_education, y.min_education);
    EXPECT_EQ(x.industry, y.industry);
    EXPECT_EQ(x.veterans_only, y.veterans_only);
    EXPECT_EQ(x.spouses_welcome, y.spouses_welcome);
  }
  ASSERT_EQ(a.employers.size(), b.employers.size());
  for (std::size_t i = 0; i < a.employers.size(); ++i) {
    EXPECT_EQ(a.employers[i].id, b.employers[i].id);
    EXPECT_EQ(a.employers[i].name, b.employers[i].name);
    EXPECT_EQ(a.employers[i].kind, b.employers[i].kind);
  }
  ASSERT_EQ(a.taken.size(), b.taken.size());
  for (std::size_t i = 0; i < a.taken.size(); ++i) {
    EXPECT_EQ(a.taken[i].veteran, b.taken[i].veteran);
    EXPECT_EQ(a.taken[i].posting, b.taken[i].posting);
  }
  ASSERT_EQ(a.declined.size(), b.declined.size());
  for (std::size_t i = 0; i < a.declined.size(); ++i) {
    EXPECT_EQ(a.declined[i].veteran, b.declined[i].veteran);
    EXPECT_EQ(a.declined[i].posting, b.declined[i].posting);
  }
  EXPECT_EQ(a.withdrawn, b.withdrawn);
  EXPECT_EQ(a.not_looking, b.not_looking);
}

void expect_round_trip(const Round& round) {
  const std::string json = round_to_json(round);
  const ReadRoundResult read = read_round_string(json, "written.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  expect_same_round(round, read.round);
  // Read without resolving skills, it writes back to the same bytes.
  ReadOptions as_written;
  as_written.resolve_skills = false;
  const ReadRoundResult raw =
      read_round_string(json, "written.json", as_written);
  ASSERT_TRUE(raw.errors.empty()) << messages_of(raw.errors);
  EXPECT_FALSE(raw.round.skills_resolved);
  EXPECT_EQ(round_to_json(raw.round), json);  // byte-stable
  EXPECT_EQ(schema_problem(kRoundSchema, json), "");
}

TEST(RoundWriterTest, FullExampleRoundTrips) {
  const ReadRoundResult read = read_round_string(kFullRound, "full.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  expect_round_trip(read.round);
}

TEST(RoundWriterTest, GeneratedDistrictRoundTrips) {
  expect_round_trip(generate_round({Preset::kDistrict, 7}));
}

TEST(RoundWriterTest, RandomRoundsRoundTrip) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_round_trip(test::random_round(test::varied_options(seed, 60), seed));
  }
}

TEST(RoundWriterTest, CarryOverListsRoundTrip) {
  test::RandomRoundOptions options;
  options.not_looking_fraction = 0.3;
  options.withdrawn_fraction = 0.3;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Round round = test::random_round(options, seed);
    ASSERT_FALSE(round.not_looking.empty());
    ASSERT_FALSE(round.withdrawn.empty());
    expect_round_trip(round);
    const std::string json = round_to_json(round);
    // After declined, one id a line; absent when empty.
    EXPECT_NE(
        json.find("\n],\n\"withdrawn\":[\n\"" + round.withdrawn[0] + "\""),
        std::string::npos);
    EXPECT_NE(
        json.find(",\n\"not_looking\":[\n\"" + round.not_looking[0] + "\""),
        std::string::npos);
  }
  const std::string none = round_to_json(test::random_round({}, 3));
  EXPECT_EQ(none.find("withdrawn"), std::string::npos);
  EXPECT_EQ(none.find("not_looking"), std::string::npos);
}

TEST(RoundReaderTest, ReadsWithdrawnAndNotLooking) {
  std::string json = kFullRound;
  json.replace(json.rfind('}'), 1,
               R"(, "withdrawn": ["P1"], "not_looking": ["V2"]})");
  const ReadRoundResult read = read_round_string(json, "carry.json");
  ASSERT_TRUE(read.errors.empty()) << messages_of(read.errors);
  EXPECT_EQ(read.round.withdrawn, std::vector<std::string>{"P1"});
  EXPECT_EQ(read.round.not_looking, std::vector<std::string>{"V2"});
  EXPECT_EQ(schema_problem(kRoundSchema, json), "");
}

TEST(RoundReaderTest, CarryOverProblemsAreErrorsAtTheirPaths) {
  const std::string head = R"({"vetmatch": "round/1",
    "veterans": [{"id": "V1", "group": "soldier", "region": "130402"},
                 {"id": "V2", "group": "soldier", "region": "130402"}],
    "postings": [{"id": "P1", "employer": "E", "region": "130402",
                  "openings": 2}],
    "taken": [{"veteran": "V1", "posting": "P1"}], )";
  const struct {
    const char* tail;
    const char* path;
    const char* fragment;
  } cases[] = {
      {R"("withdrawn": ["P9"]})", "/withdrawn/0",
       "expected the id of a listed posting, found \"P9\""},
      {R"("withdrawn": ["P1", "P1"]})", "/withdrawn/1",
       "a posting listed once (also withdrawn/0)"},
      {R"("withdrawn": "P1"})", "/withdrawn",
       "expected an array of posting ids (strings), found \"P1\""},
      {R"("withdrawn": ["P1", 7]})", "/withdrawn/1",
       "expected a string, found 7"},
      {R"("not_looking": ["V9"]})", "/not_looking/0",
       "expected the id of a listed veteran, found \"V9\""},
      {R"("not_looking": ["V2", "V2"]})", "/not_looking/1",
       "a veteran listed once (also not_looking/0)"},
      {R"("not_looking": ["V1"]})", "/not_looking/0",
       "a veteran not also taken (taken/0 places them"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.tail);
    const ReadRoundResult read = read_round_string(head + c.tail, "carry.json");
    ASSERT_EQ(read.errors.size(), 1u) << messages_of(read.errors);
    EXPECT_EQ(read.errors[0].json_path, c.path);
    EXPECT_NE(read.errors[0].message().find(c.fragment), std::string::npos)
        << read.errors[0].message();
  }
  // The schema catches what it can express: types and repeats.
  EXPECT_NE(schema_problem(kRoundSchema, head + R"("withdrawn": "P1"})"), "");
  EXPECT_NE(
      schema_problem(kRoundSchema, head + R"("withdrawn": ["P1", "P1"]})"), "");
  EXPECT_NE(schema_problem(kRoundSchema, head + R"("not_looking": [""]})"), "");
}

TEST(RoundWriterTest, AwkwardNumbersAndStringsRoundTripExactly) {
  Round round;
  round.config.weights = {0.1 + 0.2, 1e-300, 5e-324};
  round.config.distance_scale_km = 1.0 / 3.0;
  round.config.max_commute_km = 123456789012345678901.0;
  for (double points : {0.0, -0.0, -1.5, 1e21, 1e-7, 0.1 + 0.7,
                        std::numeric_limits<double>::max(),
                        std::numeric_limits<double>::denorm_min(),
                        9007199254740993.0, -123456789.125}) {
    Veteran v;
    v.id = "V" + std::to_string(round.veterans.size()) + " \"quoted\" \\ / \t";
    v.name = "名字 ~ / \u00e9 \x01";
    v.location = {-89.999999999999986, 179.99999999999997};
    v.points = points;
    v.wants =
        0;  // written as [] (which validate() rejects, but it must survive)
    v.skills = {{"a/b~c", 2.0 / 3.0}, {"", 1e-9}};
    round.veterans.push_back(v);
  }
  Posting p;
  p.id = "P";
  p.employer = "E";
  p.openings = -7;
  p.location = {0.1, -0.1};
  round.postings.push_back(p);
  const std::string json = round_to_json(round);
  const ReadRoundResult read = read_round_string(json, "awkward.json");
  // Only validate()'s complaints about the odd values, no reading errors.
  for (const InputError& e : read.errors) {
    EXPECT_EQ(e.message().find("found nothing"), std::string::npos)
        << e.message();
    EXPECT_EQ(e.message().find("unknown key"), std::string::npos)
        << e.message();
  }
  expect_same_round(round, read.round);
  ReadOptions as_written;
  as_written.resolve_skills = false;
  EXPECT_EQ(
      round_to_json(read_round_string(json, "awkward.json", as_written).round),
      json);
}

TEST(RoundWriterTest, WritesOneRecordPerLineWithRegionsAsCodes) {
  ReadOptions as_written;
  as_written.resolve_skills = false;
  const ReadRoundResult read =
      read_round_string(kFullRound, "full.json", as_written);
  ASSERT_TRUE(read.errors.empty());
  const std::string json = round_to_json(read.round);
  EXPECT_EQ(json.rfind("{\"vetmatch\":\"round/1\",\n\"config\":{", 0), 0u)
      << json;
  EXPECT_NE(
      json.find("\n{\"id\":\"V1\",\"group\":\"spouse\",\"region\":\"130402\","
                "\"specialties\":[\"driver\",\"us:army:88M\"],"
                "\"occupations\":[\"4-10-01-05\"],\"partner\":\"V2\"}\n"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find("\n{\"id\":\"E2\"}\n"), std::string::npos) << json;
  EXPECT_EQ(json.back(), '\n');
}

TEST(RoundSchemaTest, AcceptedExampleConforms) {
  EXPECT_EQ(schema_problem(kRoundSchema, kFullRound), "");
  const std::string sample =
      slurp(kSourceDir + "/datasets/samples/district.round.json");
  if (!sample.empty()) {
    EXPECT_EQ(schema_problem(kRoundSchema, sample), "");
  }
}

TEST(RoundSchemaTest, RejectsWhatTheReaderRejects) {
  for (const char* file : {"unknown_top_key.json",
                           "unknown_veteran_key.json",
                           "unknown_weights_key.json",
                           "unknown_requires_key.json",
                           "both_location_and_region.json",
                           "missing_location_and_region.json",
                           "missing_group.json",
                           "missing_tag.json",
                           "wrong_tag.json",
                           "bad_group.json",
                           "bad_kind.json",
                           "bad_policy.json",
                           "openings_zero.json",
                           "openings_absurd.json",
                           "openings_non_integer.json",
                           "lat_out_of_range.json",
                           "shortlist_k_too_big.json",
                           "flags_contradict.json",
                           "wants_empty.json",
                           "wrong_type_veterans_object.json",
                           "top_level_array.json",
                           "withdrawn_not_array.json",
                           "not_looking_twice.json"}) {
    EXPECT_NE(schema_problem(kRoundSchema, slurp(kCorpusDir + file)), "")
        << file;
  }
}

}  // namespace
}  // namespace vetmatch
