// Reading a result file back for its proposals
// (adapters/json/result_reader.h): a real result written by result_writer
// gives its assignments in order; problems of shape are reported at their
// JSON paths; everything else in the file is skipped unread.
#include "adapters/json/result_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapters/json/result_writer.h"
#include "engine/round/run_round.h"
#include "tests/support/random_round.h"

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

}  // namespace
}  // namespace vetmatch
