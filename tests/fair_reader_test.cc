// The fair file reader (adapters/json/fair_reader.h) and the fair writers:
// every row of the fair bad-input corpus is reported at its file and JSON
// path; the bundled sample reads and conforms to fair.schema.json; a
// generated fair written by fair_to_json reads back to the same Fair;
// inline records, config overrides, booth hours defaulting to the fair's,
// visit limits and warnings; the plan and invite files conform to their
// schemas.
#include "adapters/json/fair_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "adapters/json/fair_invite_writer.h"
#include "adapters/json/fair_plan_writer.h"
#include "adapters/json/fair_writer.h"
#include "adapters/json/round_reader.h"
#include "datasets/generator/fair_generator.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/invite.h"
#include "engine/fair/plan.h"
#include "tests/support/bad_input_corpus.h"
#include "tests/support/run_cli.h"
#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

namespace fs = std::filesystem;

const std::string kFairCorpus = test_support::corpus_dir() + "fair/";
using test_support::CorpusRow;

const std::string kSource = VETMATCH_SOURCE_DIR;
const std::string kSamples = kSource + "/datasets/samples/";
const std::string kSchemas = kSource + "/adapters/json/schema/";

std::string messages(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += e.message() + "\n";
  return out;
}

TEST(FairReaderTest, EveryCorpusRowIsReportedAtItsPath) {
  const std::vector<CorpusRow> rows = test_support::corpus_rows(kFairCorpus);
  ASSERT_GE(rows.size(), 30u);
  for (const CorpusRow& row : rows) {
    SCOPED_TRACE(row.file + " " + row.path);
    const std::string file = kFairCorpus + row.file;
    const ReadFairResult read = read_fair_file(file);
    ASSERT_FALSE(read.errors.empty());
    bool found = false;
    const std::string wanted =
        row.fragment[0] == ':' ? file + row.fragment : row.fragment;
    for (const InputError& e : read.errors) {
      const bool at = row.path == "-" ? true : e.json_path == row.path;
      if (at && e.message().find(wanted) != std::string::npos) {
        found = true;
        if (row.path != "-") {
          EXPECT_EQ(e.file, file);
        }
      }
    }
    EXPECT_TRUE(found) << messages(read.errors);
  }
}

TEST(FairReaderTest, CorpusListsEveryFile) {
  std::set<std::string> listed;
  for (const CorpusRow& row : test_support::corpus_rows(kFairCorpus)) {
    listed.insert(row.file);
    EXPECT_TRUE(row.command == "fair-validate" || row.command == "fair-plan");
  }
  for (const auto& entry : fs::directory_iterator(kFairCorpus)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json" || name == "round.json" ||
        name == "bad_round.json") {
      continue;
    }
    EXPECT_TRUE(listed.contains(name)) << name << " is not in expected.tsv";
  }
}

TEST(FairReaderTest, BundledSampleReadsAndConforms) {
  const std::string path = kSamples + "district.fair.json";
  const ReadFairResult read = read_fair_file(path);
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  const Fair& fair = read.fair;
  EXPECT_EQ(fair.round.veterans.size(), 1000u);
  EXPECT_EQ(fair.booths.size(), 100u);
  EXPECT_EQ(fair.round.postings.size(), 500u);
  EXPECT_TRUE(fair.pool.empty());
  std::int64_t capacity = 0;
  for (const Booth& b : fair.booths) {
    EXPECT_EQ(b.capacity,
              booth_capacity(b.interviewers, b.hours, b.interviews_per_hour));
    EXPECT_EQ(b.hours, 3.0);
    capacity += b.capacity;
  }
  EXPECT_GT(capacity, 1000);
  EXPECT_EQ(fair.event.start, "09:00");
  EXPECT_EQ(read.round_path, kSamples + "district.round.json");
  EXPECT_EQ(test_support::schema_problem(kSchemas + "fair.schema.json",
                                         test_support::slurp(path)),
            "");
}

TEST(FairReaderTest, GeneratedFairRoundTrips) {
  const ReadRoundResult round =
      read_round_file(kSamples + "district.round.json");
  ASSERT_TRUE(round.errors.empty());
  FairGeneratorOptions options;
  options.booths = 30;
  options.pool = 20;
  options.veterans = 400;
  options.seed = 7;
  Fair fair = generate_fair(round.round, options);
  fair.visit_limit[3] = 1;  // one limit other than the default
  fair.settings.invite_budget = 5;
  const std::string text = fair_to_json(fair, "district.round.json");
  EXPECT_EQ(test_support::schema_problem(kSchemas + "fair.schema.json", text),
            "");
  const ReadFairResult back =
      read_fair_string(text, "generated.fair.json", kSamples);
  ASSERT_TRUE(back.errors.empty()) << messages(back.errors);
  const Fair& f = back.fair;
  ASSERT_EQ(f.round.veterans.size(), fair.round.veterans.size());
  for (std::size_t v = 0; v < f.round.veterans.size(); ++v) {
    EXPECT_EQ(f.round.veterans[v].id, fair.round.veterans[v].id);
    EXPECT_EQ(f.round.veterans[v].skills.size(),
              fair.round.veterans[v].skills.size());
  }
  ASSERT_EQ(f.round.postings.size(), fair.round.postings.size());
  for (std::size_t p = 0; p < f.round.postings.size(); ++p) {
    EXPECT_EQ(f.round.postings[p].id, fair.round.postings[p].id);
  }
  ASSERT_EQ(f.booths.size(), fair.booths.size());
  for (std::size_t b = 0; b < f.booths.size(); ++b) {
    EXPECT_EQ(f.booths[b].id, fair.booths[b].id);
    EXPECT_EQ(f.booths[b].employer, fair.booths[b].employer);
    EXPECT_EQ(f.booths[b].stand, fair.booths[b].stand);
    EXPECT_EQ(f.booths[b].postings, fair.booths[b].postings);
    EXPECT_EQ(f.booths[b].capacity, fair.booths[b].capacity);
  }
  ASSERT_EQ(f.pool.size(), fair.pool.size());
  for (std::size_t e = 0; e < f.pool.size(); ++e) {
    EXPECT_EQ(f.pool[e].employer, fair.pool[e].employer);
    EXPECT_EQ(f.pool[e].postings, fair.pool[e].postings);
  }
  EXPECT_EQ(f.visit_limit, fair.visit_limit);
  EXPECT_EQ(f.settings.invite_budget, std::optional<std::int32_t>(5));
  EXPECT_EQ(f.settings.min_fit, fair.settings.min_fit);
  EXPECT_EQ(f.event.name, fair.event.name);
  // Same fair, same plan: the fits agree bitwise.
  const FairFits a = compute_fair_fits(fair), b = compute_fair_fits(f);
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    EXPECT_EQ(a.entries[i].score.score, b.entries[i].score.score);
  }
  // Writing the read fair gives the same bytes.
  EXPECT_EQ(fair_to_json(f, "district.round.json"), text);
}

constexpr const char* kInlineFair = R"json({"vetmatch": "fair/1",
 "fair": {"id": "F1", "name": "春季招聘会", "region": "130402", "date": "2026-03-14",
          "hours": {"start": "09:00", "end": "11:30"}},
 "round": "round.json",
 "config": {"weights": {"skill": 1, "location": 0, "preference": 0}},
 "settings": {"max_booths_per_veteran": 2, "min_fit": 0.1, "invite_budget": 1},
 "employers": [{"id": "E9", "name": "新公司"}],
 "veterans": ["V2", {"id": "X1", "name": "李娜", "group": "spouse", "region": "130402",
                     "specialties": ["driver"], "partner": "V1"}],
 "booths": [
   {"id": "B1", "employer": "E1", "stand": "A01", "postings": ["P1", "P3"],
    "interviewers": 2, "interviews_per_hour": 4.5},
   {"id": "B2", "employer": "E9", "postings": [
      {"id": "Q1", "employer": "E9", "title": "叉车司机", "region": "130402",
       "occupation": "53-7051.00", "spouses_welcome": true}], "capacity": 1}],
 "pool": [{"employer": "E2", "postings": ["P2"]}],
 "visit_limits": {"X1": 1}}
)json";

TEST(FairReaderTest, InlineRecordsOverridesAndDefaults) {
  const std::string round_dir = kFairCorpus;
  const ReadFairResult read =
      read_fair_string(kInlineFair, "inline.fair.json", round_dir);
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  const Fair& f = read.fair;
  EXPECT_EQ(f.event.name, "春季招聘会");
  ASSERT_TRUE(f.event.location.has_value());
  EXPECT_EQ(f.event.region, "130402");
  ASSERT_EQ(f.round.veterans.size(), 2u);
  EXPECT_EQ(f.round.veterans[0].id, "V2");
  EXPECT_EQ(f.round.veterans[1].id, "X1");
  EXPECT_TRUE(f.round.veterans[1].partner.empty());  // ignored at a fair
  EXPECT_FALSE(f.round.veterans[1].skills.empty());  // resolved from codes
  EXPECT_EQ(f.visit_limit, (std::vector<std::int32_t>{2, 1}));
  ASSERT_EQ(f.booths.size(), 2u);
  EXPECT_EQ(f.booths[0].hours, 2.5);    // the fair's hours
  EXPECT_EQ(f.booths[0].capacity, 22);  // floor(2 x 2.5 x 4.5)
  EXPECT_EQ(f.booths[1].capacity, 1);
  EXPECT_EQ(f.booths[1].interviewers, 0);
  EXPECT_EQ(f.round.postings.size(), 4u);  // P1, P3, Q1, then the pool's P2
  EXPECT_EQ(f.round.postings[3].id, "P2");
  EXPECT_EQ(f.pool.size(), 1u);
  EXPECT_EQ(f.round.config.weights.location, 0.0);
  EXPECT_EQ(f.settings.min_fit, 0.1);
  EXPECT_EQ(f.round.employers.size(), 4u);  // E1 E2 E3 and E9
  EXPECT_NO_THROW(check_fair(f));
  EXPECT_EQ(
      test_support::schema_problem(kSchemas + "fair.schema.json", kInlineFair),
      "");
  // The schema checks inline records by the round schema's definitions.
  std::string bad = kInlineFair;
  bad.replace(bad.find("\"spouse\""), 8, "\"general\"");
  EXPECT_NE(test_support::schema_problem(kSchemas + "fair.schema.json", bad),
            "");
  // The round path given on the command line replaces the fair's.
  FairReadOptions options;
  options.round_path = round_dir + "bad_round.json";
  const ReadFairResult other =
      read_fair_string(kInlineFair, "inline.fair.json", round_dir, options);
  ASSERT_FALSE(other.errors.empty());
  EXPECT_EQ(other.errors[0].file, round_dir + "bad_round.json");
}

TEST(FairReaderTest, RegisteringATakenVeteranWarns) {
  const fs::path dir = fs::temp_directory_path() /
                       ("vetmatch_fair_reader_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  test_support::spit(dir / "round.json", R"json({"vetmatch": "round/1",
 "veterans": [{"id": "V1", "group": "soldier", "region": "130402"}],
 "postings": [{"id": "P1", "employer": "E1", "region": "130402"}],
 "taken": [{"veteran": "V1", "posting": "P1"}]})json");
  test_support::spit(dir / "fair.json", R"json({"vetmatch": "fair/1",
 "fair": {"id": "F"}, "round": "round.json", "veterans": ["V1"],
 "booths": [{"id": "B1", "employer": "E1", "postings": ["P1"], "capacity": 1}]})json");
  const ReadFairResult read = read_fair_file((dir / "fair.json").string());
  EXPECT_TRUE(read.errors.empty()) << messages(read.errors);
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0].json_path, "/veterans/0");
  EXPECT_NE(read.warnings[0].message().find("taken in"), std::string::npos);
  EXPECT_TRUE(read.fair.round.taken.empty());
  fs::remove_all(dir);
}

TEST(FairReaderTest, PlanAndInviteFilesConformToTheirSchemas) {
  const ReadFairResult read =
      read_fair_string(kInlineFair, "inline.fair.json", kFairCorpus);
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  const FairFits fits = compute_fair_fits(read.fair);
  const FairPlan plan = plan_fair(read.fair, fits);
  for (bool timings : {true, false}) {
    PlanWriteOptions w;
    w.include_timings = timings;
    const std::string json = plan_to_json(read.fair, plan, w);
    EXPECT_EQ(
        test_support::schema_problem(kSchemas + "fair_plan.schema.json", json),
        "")
        << json;
    InviteWriteOptions iw;
    iw.include_timings = timings;
    const std::string invite = invite_to_json(
        read.fair,
        choose_invites(read.fair, fits, 1, InviteObjective::kCoverage), iw);
    EXPECT_EQ(test_support::schema_problem(kSchemas + "fair_invite.schema.json",
                                           invite),
              "")
        << invite;
  }
  // The sample's plan too (every list long).
  const ReadFairResult sample = read_fair_file(kSamples + "district.fair.json");
  ASSERT_TRUE(sample.errors.empty());
  const std::string json = plan_to_json(
      sample.fair, plan_fair(sample.fair, compute_fair_fits(sample.fair)));
  EXPECT_EQ(
      test_support::schema_problem(kSchemas + "fair_plan.schema.json", json),
      "");
  // A schema that is checked: a bad plan fails it.
  std::string bad = json;
  bad.replace(bad.find("\"objective\":\"floor_then_total_fit\""),
              std::string("\"objective\":\"floor_then_total_fit\"").size(),
              "\"objective\":\"most\"");
  EXPECT_NE(
      test_support::schema_problem(kSchemas + "fair_plan.schema.json", bad),
      "");
}

}  // namespace
}  // namespace vetmatch
