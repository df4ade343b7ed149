// The result writer (adapters/json/result_writer): the exact bytes for a small
// hand-built result, number formatting (6 decimals, no -0, no exponents),
// the points_order-only fields, timings on and off, and conformance to
// result.schema.json, also for a real run on a generated round.
#include "adapters/json/result_writer.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "datasets/generator/generator.h"
#include "engine/round/run_round.h"
#include "tests/support/run_cli.h"
#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

using vetmatch::test_support::schema_problem;
using vetmatch::test_support::slurp;

const std::string kSourceDir = VETMATCH_SOURCE_DIR;
const std::string kResultSchema =
    kSourceDir + "/adapters/json/schema/result.schema.json";

Round small_round() {
  Round round;
  for (const char* id : {"V2", "V1", "V3"}) {
    Veteran v;
    v.id = id;
    round.veterans.push_back(v);
  }
  for (const char* id : {"P1", "P0"}) {
    Posting p;
    p.id = id;
    p.employer = "E";
    round.postings.push_back(p);
  }
  // V1 and P1 share two skills with equal shares (ties go by skill id).
  round.veterans[1].skills = {{"welding", 0.6}, {"driving", 0.8}};
  round.postings[0].skills = {{"driving", 0.6}, {"welding", 0.8}};
  round.taken.push_back({"V3", "P0"});
  return round;
}

// Veterans: 0 = V2, 1 = V1, 2 = V3 (taken). Postings: 0 = P1, 1 = P0.
RoundResult small_result() {
  RoundResult r;
  r.policy = PolicyKind::kPointsOrder;
  const PairScore best{0.9123456789, 0.95, 0.8412345, 1.0, 5.2};
  const PairScore odd{0.5, -0.0, 1e-9, 0.1234567, 12345.6789012};
  const PairScore low{0.25, 0.0, 0.999999999, 0.0, 0.0};
  Assignment a;
  a.veteran = 1;
  a.posting = 0;
  a.score = best;
  a.turn = 1;
  a.rank = 1;
  a.open_postings = 2;
  r.assignments.push_back(a);
  Unassigned u;
  u.veteran = 0;
  u.reason = UnassignedReason::kEligiblePostingsFull;
  u.turn = 2;
  r.unassigned.push_back(u);
  // V2: [P1]; V1: [P1, P0]; V3: [].
  r.shortlists.veteran_offsets = {0, 1, 3, 3};
  r.shortlists.veteran_entries = {{0, odd}, {0, best}, {1, low}};
  // P1: [V1, V2]; P0: [V1].
  r.shortlists.posting_offsets = {0, 2, 3};
  r.shortlists.posting_entries = {{1, best}, {0, odd}, {1, low}};
  r.veterans_by_id = {1, 0};
  r.postings_by_id = {1, 0};
  r.stats.veterans = 2;
  r.stats.veterans_taken = 1;
  r.stats.postings = 2;
  r.stats.openings = 1;
  r.stats.assigned = 1;
  r.stats.unassigned = 1;
  r.stats.priority_veterans = 0;
  r.stats.priority_assigned = 0;
  r.stats.coverage = 0.5;
  r.stats.fill_rate = 1.0;
  r.stats.total_score = 0.9123456789;
  r.stats.mean_score = 0.9123456789;
  r.stats.mean_distance_km = 5.2;
  // Made-up figures: the writer prints what it is given.
  r.stats.by_group[1] = {1, 1, 1.0};
  r.stats.by_group[0] = {1, 0, 0.0};
  r.stats.no_eligible_by_reason.fill(0);
  r.seconds.prepare = 0.001;
  r.seconds.shortlists = 0.25;
  r.seconds.policy = 1e-9;
  r.seconds.stats = 0.5;
  return r;
}

constexpr const char* kBestWhy =
    R"("score":0.912345,"why":{"skill":0.95,"location":0.841234,"preference":1.0,"distance_km":5.2,"shared_skills":{"driving":0.48,"welding":0.48}})";
constexpr const char* kOddWhy =
    R"("score":0.5,"why":{"skill":0.0,"location":0.0,"preference":0.123456,"distance_km":12345.678901,"shared_skills":{}})";
constexpr const char* kLowWhy =
    R"("score":0.25,"why":{"skill":0.0,"location":0.999999,"preference":0.0,"distance_km":0.0,"shared_skills":{}})";

std::string expected_small_result() {
  const std::string best = kBestWhy, odd = kOddWhy, low = kLowWhy;
  return "{\"vetmatch\":\"result/1\",\n"
         "\"policy\":\"points_order\",\n"
         "\"assignments\":[\n"
         "{\"veteran\":\"V1\",\"posting\":\"P1\"," +
         best +
         ",\"turn\":1,\"rank\":1,\"open_postings\":2}\n"
         "],\n"
         "\"unassigned\":[\n"
         "{\"veteran\":\"V2\",\"reason\":\"eligible_postings_full\",\"turn\":2}"
         "\n"
         "],\n"
         "\"shortlists\":{\n"
         "\"veterans\":[\n"
         "{\"veteran\":\"V1\",\"postings\":[{\"posting\":\"P1\"," +
         best + "},{\"posting\":\"P0\"," + low +
         "}]},\n"
         "{\"veteran\":\"V2\",\"postings\":[{\"posting\":\"P1\"," +
         odd +
         "}]}\n"
         "],\n"
         "\"postings\":[\n"
         "{\"posting\":\"P0\",\"veterans\":[{\"veteran\":\"V1\"," +
         low +
         "}]},\n"
         "{\"posting\":\"P1\",\"veterans\":[{\"veteran\":\"V1\"," +
         best + "},{\"veteran\":\"V2\"," + odd +
         "}]}\n"
         "]},\n"
         "\"stats\":{\"veterans\":2,\"veterans_taken\":1,"
         "\"veterans_not_looking\":0,\"postings\":2,\"postings_withdrawn\":0,"
         "\"openings\":1,\"assigned\":1,\"unassigned\":1,"
         "\"priority_veterans\":0,\"priority_assigned\":0,\"coverage\":0.5,"
         "\"fill_rate\":1.0,\"total_score\":0.912345,\"mean_score\":0.912345,"
         "\"mean_distance_km\":5.2,"
         "\"coverage_by_group\":{"
         "\"soldier\":{\"veterans\":1,\"assigned\":0,\"coverage\":0.0},"
         "\"nco\":{\"veterans\":1,\"assigned\":1,\"coverage\":1.0},"
         "\"officer\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0},"
         "\"spouse\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0}},"
         "\"coverage_by_priority\":{"
         "\"disabled\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0},"
         "\"martyr_family\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0},"
         "\"merit\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0},"
         "\"hardship\":{\"veterans\":0,\"assigned\":0,\"coverage\":0.0}},"
         "\"blocking_pairs\":null,\"no_eligible_posting\":0,"
         "\"no_eligible_by_reason\":{\"no_postings\":0,\"kind_not_wanted\":0,"
         "\"spouse_not_admitted\":0,\"education_too_low\":0,"
         "\"missing_certificate\":0,\"beyond_commute\":0,\"declined\":0,"
         "\"no_opening_left\":0}}}\n";
}

TEST(ResultWriterTest, WritesTheExactExpectedBytes) {
  ResultWriteOptions options;
  options.include_timings = false;
  const std::string json =
      result_to_json(small_round(), small_result(), options);
  EXPECT_EQ(json, expected_small_result());
  EXPECT_EQ(result_to_json(small_round(), small_result(), options), json);
}

TEST(ResultWriterTest, TimingsOnlyWhenAsked) {
  ResultWriteOptions options;
  options.include_timings = true;
  options.read_seconds = 0.0123456789;
  const std::string json =
      result_to_json(small_round(), small_result(), options);
  EXPECT_NE(json.find(",\"seconds\":{\"read\":0.012345,\"prepare\":0.001,"
                      "\"shortlists\":0.25,\"policy\":0.0,\"stats\":0.5}}}\n"),
            std::string::npos)
      << json;
  options.include_timings = false;
  EXPECT_EQ(
      result_to_json(small_round(), small_result(), options).find("seconds"),
      std::string::npos);
}

TEST(ResultWriterTest, WritesWhyNoPostingIsEligibleAndBlockingPairs) {
  RoundResult r = small_result();
  r.unassigned[0].reason = UnassignedReason::kNoEligiblePosting;
  r.unassigned[0].excluded_by = NoEligibleReason::kBeyondCommute;
  r.stats.no_eligible_posting = 1;
  r.stats.no_eligible_by_reason[std::size_t(NoEligibleReason::kBeyondCommute)] =
      1;
  r.stats.blocking_pairs = 3;
  const std::string json = result_to_json(small_round(), r, {false, 0});
  EXPECT_NE(json.find("{\"veteran\":\"V2\",\"reason\":\"no_eligible_posting\","
                      "\"excluded_by\":\"beyond_commute\",\"turn\":2}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"blocking_pairs\":3,\"no_eligible_posting\":1,"),
            std::string::npos);
  EXPECT_NE(json.find("\"beyond_commute\":1,"), std::string::npos);
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
  // The schema knows the reasons.
  std::string bad = json;
  bad.replace(bad.find("\"excluded_by\":\"beyond_commute\""), 30,
              "\"excluded_by\":\"far_far_away\"");
  EXPECT_NE(schema_problem(kResultSchema, bad), "");
}

TEST(ResultWriterTest, NeverWritesNegativeZeroOrExponents) {
  RoundResult r = small_result();
  r.assignments[0].score = {-0.0, -1e-12, 1e-7, -0.0000004, 0.000001};
  const std::string json = result_to_json(small_round(), r, {false, 0});
  EXPECT_EQ(json.find("-0"), std::string::npos) << json;
  EXPECT_EQ(json.find("e-"), std::string::npos) << json;
  EXPECT_NE(json.find("\"distance_km\":0.000001"), std::string::npos) << json;
}

TEST(ResultWriterTest, PointsOrderFieldsOnlyForPointsOrder) {
  RoundResult r = small_result();
  r.policy.reset();
  r.assignments.clear();
  r.unassigned.clear();
  const std::string json = result_to_json(small_round(), r, {false, 0});
  EXPECT_NE(
      json.find("\"policy\":null,\n\"assignments\":[],\n\"unassigned\":[],\n"),
      std::string::npos)
      << json;
  EXPECT_EQ(json.find("turn"), std::string::npos);
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
}

TEST(ResultWriterTest, NoJointPlacementIsWrittenAndValid) {
  RoundResult r = small_result();
  r.unassigned[0].reason = UnassignedReason::kNoJointPlacement;
  const std::string json = result_to_json(small_round(), r, {false, 0});
  EXPECT_NE(json.find(R"("reason":"no_joint_placement")"), std::string::npos)
      << json;
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
}

TEST(ResultWriterTest, EmptyResultIsValid) {
  const Round round;
  RoundResult r;
  r.policy = PolicyKind::kPointsOrder;
  r.shortlists.veteran_offsets = {0};
  r.shortlists.posting_offsets = {0};
  const std::string json = result_to_json(round, r, {false, 0});
  EXPECT_NE(
      json.find("\"shortlists\":{\n\"veterans\":[],\n\"postings\":[]},\n"),
      std::string::npos)
      << json;
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
}

TEST(ResultWriterTest, OutputConformsToTheSchema) {
  for (bool timings : {false, true}) {
    const std::string json =
        result_to_json(small_round(), small_result(), {timings, 0.5});
    EXPECT_EQ(schema_problem(kResultSchema, json), "") << json;
  }
  // The schema is strict: an unknown key is caught.
  std::string json = result_to_json(small_round(), small_result(), {false, 0});
  json.replace(json.find("\"turn\":1"), 8, "\"turns\":1");
  EXPECT_NE(schema_problem(kResultSchema, json), "");
}

TEST(ResultWriterTest, StabilityReportForStable) {
  RoundResult r = small_result();
  r.policy = PolicyKind::kStable;
  r.assignments[0].turn = r.assignments[0].rank = 0;
  r.assignments[0].open_postings = 0;
  r.unassigned[0].turn = 0;
  StabilityReport report;
  report.proposals = 7;
  report.deepening_rounds = 1;
  report.postings_deepened = 2;
  report.candidate_arcs = 3;
  r.stability = report;
  std::string json = result_to_json(small_round(), r, {false, 0});
  EXPECT_NE(json.find("\"unassigned\":[\n{\"veteran\":\"V2\",\"reason\":"
                      "\"eligible_postings_full\"}\n],\n\"stability\":{"
                      "\"method\":\"deferred_acceptance\",\"blocking_pairs\":0,"
                      "\"proposals\":7,\"deepening_rounds\":1,"
                      "\"postings_deepened\":2,\"veterans_deepened\":0,"
                      "\"candidate_arcs\":3},\n\"shortlists\":"),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find("turn"), std::string::npos);
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
  // Couples: the couples block, blocking couples by id.
  report.method = StabilityReport::Method::kRothPeranson;
  report.blocking_pairs = 4;
  report.couples = 1;
  report.blocking_couples = {{1, 0}};
  report.couple_reexaminations = 5;
  report.couple_limit_reached = true;
  r.stability = report;
  json = result_to_json(small_round(), r, {false, 0});
  EXPECT_NE(json.find("\"method\":\"roth_peranson\",\"blocking_pairs\":4,"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(",\"couples\":{\"couples\":1,\"placed\":0,"
                      "\"blocking\":[[\"V1\",\"V2\"]],\"reexaminations\":5,"
                      "\"given_up\":0,\"limit_reached\":true}}"),
            std::string::npos)
      << json;
  EXPECT_EQ(schema_problem(kResultSchema, json), "");
}

TEST(ResultWriterTest, RealStableRunWithCouplesConforms) {
  Round round = generate_round({Preset::kDistrict, 3});
  round.config.policy = PolicyKind::kStable;
  round.config.couples = CouplesRule::kTogether;
  const RoundResult result = run_round(round);
  ASSERT_TRUE(result.stability.has_value());
  const std::string json = result_to_json(round, result, {true, 0.1});
  ASSERT_EQ(schema_problem(kResultSchema, json), "");
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["policy"].GetString(), std::string("stable"));
  EXPECT_EQ(doc["stability"]["blocking_pairs"].GetInt64(),
            result.stability->blocking_pairs);
  // The result's shortlists keep the config's depth (the policy's deeper
  // lists are cut).
  for (const auto& v : doc["shortlists"]["postings"].GetArray()) {
    EXPECT_LE(v["veterans"].Size(),
              static_cast<unsigned>(round.config.posting_shortlist_k));
  }
}

TEST(ResultWriterTest, RealRunOnAGeneratedRoundConformsAndCounts) {
  const Round round = generate_round({Preset::kDistrict, 3});
  const RoundResult result = run_round(round);
  const std::string json = result_to_json(round, result, {true, 0.1});
  ASSERT_EQ(schema_problem(kResultSchema, json), "");
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["assignments"].Size(), result.assignments.size());
  EXPECT_EQ(doc["unassigned"].Size(), result.unassigned.size());
  EXPECT_EQ(doc["shortlists"]["veterans"].Size(), result.veterans_by_id.size());
  EXPECT_EQ(doc["shortlists"]["postings"].Size(), round.postings.size());
  EXPECT_EQ(doc["stats"]["assigned"].GetInt64(), result.stats.assigned);
  // One record per line.
  std::size_t lines = 0;
  for (char c : json) lines += c == '\n';
  EXPECT_GE(lines, result.assignments.size() + result.unassigned.size() +
                       result.veterans_by_id.size() + round.postings.size());
  // Shortlists only: policy null, no assignments.
  RunOptions shortlists_only;
  shortlists_only.run_policy = false;
  const std::string shortlists =
      result_to_json(round, run_round(round, shortlists_only), {false, 0});
  EXPECT_EQ(schema_problem(kResultSchema, shortlists), "");
  EXPECT_NE(shortlists.find("\"policy\":null"), std::string::npos);
}

}  // namespace
}  // namespace vetmatch
