// Reading a result file back for its proposals
// (adapters/json/result_reader.h): a real result written by result_writer
// gives its assignments in order; problems of shape are reported at their
// JSON paths; everything else in the file is skipped unread; a file is
// streamed, and read again whole only to place a syntax error.
#include "adapters/json/result_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "adapters/json/result_writer.h"
#include "engine/round/run_round.h"
#include "tests/support/random_round.h"
#include "tests/support/run_cli.h"

namespace vetmatch {
namespace {

std::string messages(const std::vector<InputError>& errors) {
  std::string out;
  for (const InputError& e : errors) out += e.message() + "\n";
  return out;
}

TEST(ResultReaderTest, ReadsTheAssignmentsOfARealResult) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    test::RandomRoundOptions options;
    options.veterans = 80;
    options.postings = 40;
    const Round round = test::random_round(options, seed);
    const RoundResult result = run_round(round);
    ASSERT_FALSE(result.assignments.empty());
    for (bool timings : {false, true}) {
      const std::string json = result_to_json(round, result, {timings, 0.25});
      const ReadProposalsResult read =
          read_result_proposals_string(json, "r.json");
      ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
      ASSERT_EQ(read.proposals.size(), result.assignments.size());
      for (std::size_t i = 0; i < read.proposals.size(); ++i) {
        EXPECT_EQ(read.proposals[i].veteran,
                  round.veterans[result.assignments[i].veteran].id);
        EXPECT_EQ(read.proposals[i].posting,
                  round.postings[result.assignments[i].posting].id);
      }
    }
  }
}

TEST(ResultReaderTest, SkipsWhatItDoesNotNeedInAnyOrder) {
  const char* json = R"({"stats": {"x": [1, {"veteran": 2}]},
    "assignments": [{"why": {"veteran": {}}, "posting": "P1",
                     "veteran": "V1", "score": 0.5, "turn": 1}],
    "shortlists": {"veterans": [{"veteran": "V1", "postings": []}]},
    "vetmatch": "result/1", "policy": null})";
  const ReadProposalsResult read = read_result_proposals_string(json, "r.json");
  ASSERT_TRUE(read.errors.empty()) << messages(read.errors);
  ASSERT_EQ(read.proposals.size(), 1u);
  EXPECT_EQ(read.proposals[0].veteran, "V1");
  EXPECT_EQ(read.proposals[0].posting, "P1");
}

TEST(ResultReaderTest, ProblemsAtTheirPaths) {
  const struct {
    const char* json;
    std::vector<std::string> messages;
  } cases[] = {
      {R"({"vetmatch": "round/1", "assignments": []})",
       {"r.json: /vetmatch: expected \"result/1\", found \"round/1\""}},
      {R"({"assignments": []})",
       {"r.json: /vetmatch: expected \"result/1\", found nothing"}},
      {R"({"vetmatch": "result/1"})",
       {"r.json: /assignments: expected an array of assignment objects, "
        "found nothing"}},
      {R"({"vetmatch": "result/1", "assignments": {}})",
       {"r.json: /assignments: expected an array of assignment objects, "
        "found an object"}},
      {R"({"vetmatch": "result/1", "assignments": [{"veteran": "V1",
          "posting": "P1"}, "V2", {"veteran": "V3"}, {"veteran": 4,
          "posting": "P4"}, {"veteran": "", "posting": ["P5"]}]})",
       {"r.json: /assignments/1: expected an assignment object {\"veteran\", "
        "\"posting\", ...}, found \"V2\"",
        "r.json: /assignments/2/posting: expected a posting id (a non-empty "
        "string), found nothing",
        "r.json: /assignments/3/veteran: expected a veteran id (a non-empty "
        "string), found 4",
        "r.json: /assignments/4/veteran: expected a veteran id (a non-empty "
        "string), found \"\"",
        "r.json: /assignments/4/posting: expected a posting id (a non-empty "
        "string), found an array"}},
      {R"([1])",
       {"r.json: expected a JSON object {\"vetmatch\": \"result/1\", ...} at "
        "the top level, found an array"}},
      {"{\"vetmatch\": \"result/1\",\n\"assignments\": [,]}",
       {"r.json:2:17: malformed JSON: expected a JSON value"}},
      {"", {"r.json: expected a JSON document, found an empty file"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    const ReadProposalsResult read =
        read_result_proposals_string(c.json, "r.json");
    ASSERT_EQ(read.errors.size(), c.messages.size()) << messages(read.errors);
    for (std::size_t i = 0; i < c.messages.size(); ++i) {
      EXPECT_EQ(read.errors[i].message().substr(0, c.messages[i].size()),
                c.messages[i]);
    }
  }
}

TEST(ResultReaderTest, StreamsAFileAndRereadsItOnlyForAnError) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("vetmatch_result_reader_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  test::RandomRoundOptions options;
  options.veterans = 300;
  options.postings = 100;
  const Round round = test::random_round(options, 9);
  const RoundResult result = run_round(round);
  const std::string json = result_to_json(round, result, {false, 0});
  ASSERT_GT(json.size(), 65536u);
  // With a byte-order mark, bigger than the 64 KiB buffer.
  const std::filesystem::path good = dir / "good.json";
  test_support::spit(good, "\xEF\xBB\xBF" + json);
  const ReadProposalsResult read = read_result_proposals_file(good.string());
  EXPECT_TRUE(read.errors.empty()) << messages(read.errors);
  EXPECT_EQ(read.proposals.size(), result.assignments.size());
  // Malformed: the line and column, as from the text.
  const std::filesystem::path bad = dir / "bad.json";
  test_support::spit(bad, "{\"vetmatch\": \"result/1\",\n \"assignments\": [}");
  const ReadProposalsResult broken = read_result_proposals_file(bad.string());
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_EQ(broken.errors[0].message(),
            bad.string() +
                ":2:18: malformed JSON: expected a JSON value "
                "(object, array, string, number, true, false or "
                "null), found '}'");
  EXPECT_TRUE(broken.proposals.empty());
  const std::filesystem::path empty = dir / "empty.json";
  test_support::spit(empty, "");
  EXPECT_EQ(read_result_proposals_file(empty.string()).errors.at(0).message(),
            empty.string() + ": expected a JSON document, found an empty file");
  EXPECT_THROW(read_result_proposals_file(dir.string()), IoError);
  EXPECT_THROW(read_result_proposals_file((dir / "absent.json").string()),
               IoError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vetmatch
