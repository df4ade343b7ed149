// The answers file (adapters/json/answers_reader.h) in JSON and CSV: every
// field read, each problem reported at its JSON path or CSV line and
// column, the places next_round()'s issues are reported at, and the JSON
// Schema (adapters/json/schema/answers.schema.json) agreeing with the
// reader.
#include "adapters/json/answers_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

using test_support::schema_problem;

const std::string kSchema = std::string(VETMATCH_SOURCE_DIR) +
                            "/adapters/json/schema/answers.schema.json";

constexpr const char* kJson = R"json({"vetmatch": "answers/1",
  "answers": [{"veteran": "V1", "posting": "P7", "answer": "accepted"},
              {"answer": "declined", "posting": "P9", "veteran": "V2"}],
  "not_looking": ["V3", "王伟"],
  "withdrawn": ["P4"]})json";

constexpr const char* kCsv =
    "\xEF\xBB\xBFveteran,posting,answer\r\n"
    "V1,P7,accepted\r\n"
    "\r\n"
    "\"V2\",\"P9\",declined\n"
    "V3,,not_looking\n"
    "\xE7\x8E\x8B\xE4\xBC\x9F,,not_looking\n"
    ",P4,withdrawn";

std::string messages(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += e.message() + "\n";
  return out;
}

void expect_example(const ReadAnswersResult& read) {
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  const RoundAnswers& a = read.answers;
  ASSERT_EQ(a.answers.size(), 2u);
  EXPECT_EQ(a.answers[0].veteran, "V1");
  EXPECT_EQ(a.answers[0].posting, "P7");
  EXPECT_EQ(a.answers[0].answer, AnswerKind::kAccepted);
  EXPECT_EQ(a.answers[1].veteran, "V2");
  EXPECT_EQ(a.answers[1].posting, "P9");
  EXPECT_EQ(a.answers[1].answer, AnswerKind::kDeclined);
  EXPECT_EQ(a.not_looking,
            (std::vector<std::string>{"V3", "\xE7\x8E\x8B\xE4\xBC\x9F"}));
  EXPECT_EQ(a.withdrawn, std::vector<std::string>{"P4"});
  EXPECT_EQ(read.places.answers.size(), 2u);
  EXPECT_EQ(read.places.not_looking.size(), 2u);
  EXPECT_EQ(read.places.withdrawn.size(), 1u);
}

TEST(AnswersReaderTest, ReadsTheJsonExample) {
  const ReadAnswersResult read = read_answers_string(kJson, "a.json", false);
  expect_example(read);
  EXPECT_EQ(read.places.answers[1].json_path, "/answers/1");
  EXPECT_EQ(read.places.not_looking[1].json_path, "/not_looking/1");
  EXPECT_EQ(schema_problem(kSchema, kJson), "");
}

TEST(AnswersReaderTest, ReadsTheSameAnswersFromCsv) {
  const ReadAnswersResult read = read_answers_string(kCsv, "a.csv", true);
  expect_example(read);
  EXPECT_EQ(read.places.answers[1].line, 4);
  EXPECT_EQ(read.places.withdrawn[0].line, 7);
  EXPECT_EQ(read.places.withdrawn[0].id_column, "posting");
}

TEST(AnswersReaderTest, EveryListIsOptional) {
  const char* json = R"({"vetmatch": "answers/1"})";
  const ReadAnswersResult read = read_answers_string(json, "a.json", false);
  EXPECT_TRUE(read.errors.empty());
  EXPECT_TRUE(read.answers.answers.empty());
  EXPECT_EQ(schema_problem(kSchema, json), "");
  const ReadAnswersResult csv =
      read_answers_string("veteran,posting,answer\n", "a.csv", true);
  EXPECT_TRUE(csv.errors.empty()) << messages(csv.errors);
}

TEST(AnswersReaderTest, JsonProblemsAtTheirPaths) {
  const struct {
    const char* json;
    const char* message;
    bool schema_rejects;
  } cases[] = {
      {R"({"vetmatch": "answers/2"})",
       "a.json: /vetmatch: expected \"answers/1\", found \"answers/2\"", true},
      {R"({"answers": []})",
       "a.json: /vetmatch: expected \"answers/1\", found "
       "nothing",
       true},
      {R"({"vetmatch": "answers/1", "answer": []})",
       "a.json: /answer: expected one of the keys vetmatch, answers, "
       "not_looking, withdrawn, found an unknown key",
       true},
      {R"({"vetmatch": "answers/1", "answers": [{"veteran": "V1",
          "posting": "P1", "answer": "maybe"}]})",
       "a.json: /answers/0/answer: expected one of accepted, declined, found "
       "\"maybe\"",
       true},
      {R"({"vetmatch": "answers/1", "answers": [{"veteran": "V1",
          "answer": "accepted"}]})",
       "a.json: /answers/0/posting: expected a posting id (a string), found "
       "nothing",
       true},
      {R"({"vetmatch": "answers/1", "answers": [{"veteran": 5,
          "posting": "P1", "answer": "accepted"}]})",
       "a.json: /answers/0/veteran: expected a veteran id (a string), found 5",
       true},
      {R"({"vetmatch": "answers/1", "answers": {}})",
       "a.json: /answers: expected an array of {\"veteran\", \"posting\", "
       "\"answer\"} objects, found an object",
       true},
      {R"({"vetmatch": "answers/1", "not_looking": ["V1", 2]})",
       "a.json: /not_looking/1: expected a string, found 2", true},
      {R"({"vetmatch": "answers/1", "withdrawn": "P1"})",
       "a.json: /withdrawn: expected an array of posting ids (strings), found "
       "\"P1\"",
       true},
      {R"(["answers"])",
       "a.json: expected a JSON object {\"vetmatch\": \"answers/1\", ...} at "
       "the top level, found an array",
       true},
      {"{\"vetmatch\": \"answers/1\",\n \"answers\": [}",
       "a.json:2:14: malformed JSON", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    const ReadAnswersResult read = read_answers_string(c.json, "a.json", false);
    ASSERT_EQ(read.errors.size(), 1u) << messages(read.errors);
    EXPECT_NE(read.errors[0].message().find(c.message), std::string::npos)
        << read.errors[0].message();
    EXPECT_TRUE(read.answers.answers.empty());
    if (c.schema_rejects) {
      EXPECT_NE(schema_problem(kSchema, c.json), "");
    }
  }
}

TEST(AnswersReaderTest, CsvProblemsAtTheirLinesAndColumns) {
  const struct {
    const char* csv;
    const char* message;
  } cases[] = {
      {"",
       "a.csv: expected the header line veteran,posting,answer, found an "
       "empty file"},
      {"veteran;posting;answer\nV1;P1;accepted\n",
       "a.csv: line 1: expected the header line veteran,posting,answer, found "
       "\"veteran;posting;answer\""},
      {"veteran,posting,answer\nV1,P1,maybe\n",
       "a.csv: line 2, column answer: expected one of accepted, declined, "
       "not_looking, withdrawn, found \"maybe\""},
      {"veteran,posting,answer\nV1,,accepted\n",
       "a.csv: line 2, column posting: expected a posting id, found nothing"},
      {"veteran,posting,answer\nV1,P1,not_looking\n",
       "a.csv: line 2, column posting: expected nothing (a veteran's line "
       "leaves the posting empty), found \"P1\""},
      {"veteran,posting,answer\n,,withdrawn\n",
       "a.csv: line 2, column posting: expected a posting id, found nothing"},
      {"veteran,posting,answer\nV1,P1\n",
       "a.csv: line 2: expected 3 fields (veteran,posting,answer), found 2 "
       "fields"},
      {"veteran,posting,answer\n\"V1,P1,accepted\n",
       "a.csv: line 2: expected a closing '\"' before the end of the line"},
      {"veteran,posting,answer\n\"V1\"x,P1,accepted\n",
       "a.csv: line 2: expected ',' or the end of the line after a closing "
       "'\"'"},
      {"veteran,posting,answer\nV\xFF,P1,accepted\n",
       "a.csv: line 2: expected UTF-8 text, found bytes that are not UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.csv);
    const ReadAnswersResult read = read_answers_string(c.csv, "a.csv", true);
    ASSERT_EQ(read.errors.size(), 1u) << messages(read.errors);
    EXPECT_NE(read.errors[0].message().find(c.message), std::string::npos)
        << read.errors[0].message();
  }
  // Quotes inside a quoted field, and every problem of a file listed.
  const ReadAnswersResult quoted = read_answers_string(
      "veteran,posting,answer\n\"V \"\"1\"\"\",P1,declined\nV2,P2,x\n"
      "V3,P3,y\n",
      "a.csv", true);
  ASSERT_EQ(quoted.answers.answers.size(), 1u);
  EXPECT_EQ(quoted.answers.answers[0].veteran, "V \"1\"");
  EXPECT_EQ(quoted.errors.size(), 2u);
}

TEST(AnswersReaderTest, IssuesAreReportedWhereTheEntryIs) {
  const ReadAnswersResult json = read_answers_string(kJson, "a.json", false);
  EXPECT_EQ(answer_error("a.json", json.places.answers[1], "posting",
                         "the posting the result proposed", "\"P9\"")
                .message(),
            "a.json: /answers/1/posting: expected the posting the result "
            "proposed, found \"P9\"");
  EXPECT_EQ(answer_error("a.json", json.places.withdrawn[0], "",
                         "each posting once", "\"P4\"")
                .message(),
            "a.json: /withdrawn/0: expected each posting once, found \"P4\"");
  const ReadAnswersResult csv = read_answers_string(kCsv, "a.csv", true);
  EXPECT_EQ(answer_error("a.csv", csv.places.answers[0], "veteran",
                         "a veteran of the round", "\"V1\"")
                .message(),
            "a.csv: line 2, column veteran: expected a veteran of the round, "
            "found \"V1\"");
  EXPECT_EQ(answer_error("a.csv", csv.places.not_looking[0], "",
                         "each veteran once", "\"V3\"")
                .message(),
            "a.csv: line 5, column veteran: expected each veteran once, "
            "found \"V3\"");
}

TEST(AnswersReaderTest, CsvIsChosenByTheFileName) {
  EXPECT_TRUE(is_csv_path("answers.csv"));
  EXPECT_TRUE(is_csv_path("/a/b/ANSWERS.CSV"));
  EXPECT_FALSE(is_csv_path("answers.json"));
  EXPECT_FALSE(is_csv_path("csv"));
}

}  // namespace
}  // namespace vetmatch
