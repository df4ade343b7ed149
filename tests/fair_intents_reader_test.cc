// The fair outcomes file (adapters/json/fair_intents_reader.h) in JSON and
// CSV, and the CSV table under it (adapters/json/csv_table.h): every field
// read, columns found by name among others (booth_invites.csv filled in),
// empty outcomes skipped, Chinese outcome words, each problem at its JSON
// path or CSV line and column; the JSON Schema agreeing with the reader;
// the table reader against the tests' plain RFC 4180 reader on random
// tables.
#include "adapters/json/fair_intents_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "adapters/json/csv_table.h"
#include "adapters/report/csv_text.h"
#include "tests/support/csv_reference.h"
#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

using test_support::schema_problem;

const std::string kSchema = std::string(VETMATCH_SOURCE_DIR) +
                            "/adapters/json/schema/fair_intents.schema.json";

std::string messages(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += e.message() + "\n";
  return out;
}

constexpr const char* kJson = R"json({"vetmatch": "fair_intents/1",
  "intents": [{"veteran": "V1", "posting": "P7", "outcome": "hired"},
              {"outcome": "declined", "posting": "P9", "veteran": "王伟"},
              {"veteran": "V3", "posting": "P7", "outcome": "intent"},
              {"veteran": "V4", "posting": "P2", "outcome": "no_show"}]})json";

// booth_invites.csv as `fair plan --csv-dir` writes it, outcomes filled in.
constexpr const char* kCsv =
    "\xEF\xBB\xBF"
    "booth,stand,employer,employer_name,order,veteran,name,group,priority,"
    "posting,title,score,outcome\r\n"
    "B001,A01,E1,\"Acme, Ltd\",1,V1,张三,soldier,,P7,\"say \"\"hi\"\"\","
    "0.9,hired\r\n"
    "B001,A01,E1,Acme,2,\xE7\x8E\x8B\xE4\xBC\x9F,x,nco,,P9,t,0.8, 拒绝 \r\n"
    "\r\n"
    "B002,A02,E2,\"two\nlines\",1,V3,y,officer,,P7,t,0.7,意向\r\n"
    "B002,A02,E2,e,2,V5,z,spouse,,P8,t,0.6,\r\n"
    "B003,A03,E3,e,1,V4,w,soldier,,P2,t,0.6,未到\r\n";

void expect_example(const ReadIntentsResult& read) {
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  ASSERT_EQ(read.intents.size(), 4u);
  EXPECT_EQ(read.intents[0].veteran, "V1");
  EXPECT_EQ(read.intents[0].posting, "P7");
  EXPECT_EQ(read.intents[0].outcome, FairOutcome::kHired);
  EXPECT_EQ(read.intents[1].veteran, "王伟");
  EXPECT_EQ(read.intents[1].posting, "P9");
  EXPECT_EQ(read.intents[1].outcome, FairOutcome::kDeclined);
  EXPECT_EQ(read.intents[2].outcome, FairOutcome::kIntent);
  EXPECT_EQ(read.intents[3].outcome, FairOutcome::kNoShow);
  EXPECT_EQ(read.places.size(), 4u);
}

TEST(FairIntentsReaderTest, ReadsTheJsonExample) {
  const ReadIntentsResult read =
      read_fair_intents_string(kJson, "i.json", false);
  expect_example(read);
  EXPECT_EQ(read.places[1].json_path, "/intents/1");
  EXPECT_EQ(schema_problem(kSchema, kJson), "");
}

TEST(FairIntentsReaderTest, ReadsTheSameFromAFilledInBoothList) {
  const ReadIntentsResult read = read_fair_intents_string(kCsv, "i.csv", true);
  expect_example(read);
  EXPECT_EQ(read.skipped, 1);  // V5: no outcome yet
  EXPECT_EQ(read.places[0].line, 2);
  EXPECT_EQ(read.places[1].line, 3);
  EXPECT_EQ(read.places[2].line, 5);  // after a blank line
  EXPECT_EQ(read.places[3].line, 8);  // after a field with a line break
}

TEST(FairIntentsReaderTest, CsvProblemsAtTheirLineAndColumn) {
  const struct {
    const char* csv;
    const char* message;
  } cases[] = {
      {"veteran,posting\nV1,P1\n",
       "i.csv: line 1: expected a header row naming the columns veteran, "
       "posting, outcome (missing: outcome), found \"veteran,posting\""},
      {"",
       "i.csv: expected a header row naming the columns veteran, "
       "posting, outcome, found an empty file"},
      {"veteran,posting,outcome\nV1,P1,maybe\n",
       "i.csv: line 2, column outcome: expected one of hired, intent, "
       "declined, no_show (or 录用, 意向, 拒绝, 未到), or nothing, found "
       "\"maybe\""},
      {"veteran,posting,outcome\n,P1,hired\n",
       "i.csv: line 2, column veteran: expected a veteran id, found nothing"},
      {"outcome,posting,veteran\nhired,,V1\n",
       "i.csv: line 2, column posting: expected a posting id, found nothing"},
      {"veteran,posting,outcome\nV1,P1,hired\nV2,\"P2,hired\n",
       "i.csv: line 3: expected a closing '\"' for the field opened here"},
      {"veteran,posting,outcome\nV1,P\"1,hired\n",
       "i.csv: line 2: expected no '\"' inside a field"},
      {"veteran,posting,outcome\nV1,\"P1\"x,hired\n",
       "i.csv: line 2: expected ',' or the end of the line after a closing"},
      {"veteran,posting,outcome\nV\xFF,P1,hired\n",
       "i.csv: line 2: expected UTF-8 text, found bytes that are not UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.csv);
    const ReadIntentsResult read =
        read_fair_intents_string(c.csv, "i.csv", true);
    ASSERT_EQ(read.errors.size(), 1u) << messages(read.errors);
    EXPECT_NE(read.errors[0].message().find(c.message), std::string::npos)
        << read.errors[0].message();
  }
  // The rows before a syntax problem are kept; short rows read as empty.
  const ReadIntentsResult partial = read_fair_intents_string(
      "veteran,posting,outcome\nV1,P1,hired\nV2,P2\nV3,\"P3\n", "i.csv", true);
  EXPECT_EQ(partial.intents.size(), 1u);
  EXPECT_EQ(partial.skipped, 1);
  EXPECT_EQ(partial.errors.size(), 1u);
}

TEST(FairIntentsReaderTest, JsonProblemsAtTheirPaths) {
  const struct {
    const char* json;
    const char* message;
    bool schema_rejects;
  } cases[] = {
      {R"({"vetmatch": "fair_intents/2", "intents": []})",
       "i.json: /vetmatch: expected \"fair_intents/1\", found "
       "\"fair_intents/2\"",
       true},
      {R"({"vetmatch": "fair_intents/1"})",
       "i.json: /intents: expected an array of", true},
      {R"({"vetmatch": "fair_intents/1", "intents": [], "x": 1})",
       "i.json: /x: expected one of the keys vetmatch, intents", true},
      {R"({"vetmatch": "fair_intents/1", "intents": [{"veteran": "V1",
          "posting": "P1", "outcome": "maybe"}]})",
       "i.json: /intents/0/outcome: expected one of hired, intent, declined, "
       "no_show, found \"maybe\"",
       true},
      {R"({"vetmatch": "fair_intents/1", "intents": [{"veteran": 5,
          "posting": "P1", "outcome": "hired"}]})",
       "i.json: /intents/0/veteran: expected a veteran id (a string), found 5",
       true},
      {R"({"vetmatch": "fair_intents/1", "intents": [{"veteran": "V1",
          "outcome": "hired"}]})",
       "i.json: /intents/0/posting: expected a posting id (a string), found "
       "nothing",
       true},
      {"{\"vetmatch\": \"fair_intents/1\",\n \"intents\": [}",
       "i.json:2:14: malformed JSON", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    const ReadIntentsResult read =
        read_fair_intents_string(c.json, "i.json", false);
    ASSERT_EQ(read.errors.size(), 1u) << messages(read.errors);
    EXPECT_NE(read.errors[0].message().find(c.message), std::string::npos)
        << read.errors[0].message();
    if (c.schema_rejects) {
      EXPECT_NE(schema_problem(kSchema, c.json), "");
    }
  }
}

TEST(FairIntentsReaderTest, IssuesAreReportedAtTheirPlace) {
  EXPECT_EQ(intent_error("i.csv", {"", 7}, "posting", "x", "\"P1\"").message(),
            "i.csv: line 7, column posting: expected x, found \"P1\"");
  EXPECT_EQ(
      intent_error("i.json", {"/intents/3", 0}, "veteran", "x", "\"V\"", true)
          .message(),
      "i.json: warning: /intents/3/veteran: expected x, found \"V\"");
}

TEST(CsvTableTest, ReadsWhatTheReportWritesAndThePlainReaderReads) {
  std::mt19937_64 rng(5);
  const std::vector<std::string> parts = {"a", ",",  "\"", "\r\n", "\n",
                                          " ", "中", "=",  "x y",  ""};
  for (int trial = 0; trial < 300; ++trial) {
    CsvWriter csv;
    const int columns = 1 + int(rng() % 4);
    const int rows = 1 + int(rng() % 5);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        std::string value = "h";  // no blank rows: the table skips them
        for (int k = int(rng() % 4); k > 0; --k)
          value += parts[rng() % parts.size()];
        csv.field(value);
      }
      csv.end_row();
    }
    const std::string text = csv.str();
    const CsvTable table = read_csv_table(text);
    const auto expected = test::parse_csv(text.substr(kUtf8Bom.size()));
    ASSERT_TRUE(table.problems.empty()) << "trial " << trial;
    ASSERT_TRUE(table.has_header);
    ASSERT_EQ(table.rows.size() + 1, expected.size());
    EXPECT_EQ(table.header.fields, expected[0]);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      EXPECT_EQ(table.rows[r].fields, expected[r + 1]) << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace vetmatch
