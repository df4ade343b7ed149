// `vetmatch next-round` end to end: match, answer, carry over, match again
// (JSON and CSV answers give the same bytes; the next round reads back and
// validates; whoever accepted is out of the next result), --unanswered,
// --help and usage errors, I/O failures, and the next-round bad-input
// corpus (tests/bad_input/next_round/expected.tsv): exit 3, every problem
// named with its file and JSON path or CSV line, nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "adapters/json/round_reader.h"
#include "tests/support/bad_input_corpus.h"
#include "tests/support/cli_fixture.h"
#include "tests/support/run_cli.h"

namespace vetmatch {
namespace {

namespace fs = std::filesystem;

using test_support::CliOutcome;
using test_support::CorpusRow;
using test_support::shell_quote;
using test_support::slurp;
using test_support::spit;

const std::string kDir = test_support::corpus_dir() + "next_round/";

class NextRoundCliTest : public test_support::CliFixture {
 protected:
  CliOutcome next_round(const std::string& round, const std::string& result,
                        const std::string& answers, const fs::path& output,
                        const std::string& extra = "") {
    return run("next-round " + shell_quote(round) + " --result " +
               shell_quote(result) + " --answers " + shell_quote(answers) +
               " -o " + shell_quote(output.string()) + extra);
  }

  // The files in work/, where outputs go (dir_ also holds the captured
  // stdout and stderr).
  std::set<std::string> files() const {
    std::set<std::string> names;
    fs::create_directories(work());
    for (const auto& entry : fs::directory_iterator(work())) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }
  fs::path work() const { return dir_ / "work"; }
};

TEST_F(NextRoundCliTest, MatchAnswerAndMatchAgain) {
  const fs::path next = dir_ / "next.json";
  const CliOutcome o = next_round(kDir + "round.json", kDir + "result.json",
                                  kDir + "answers.json", next);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("of 2 proposals 1 accepted, 1 declined, 0 unanswered"),
            std::string::npos)
      << o.err;
  const std::string text = slurp(next);
  EXPECT_NE(text.find("\"taken\":[\n{\"veteran\":\"V4\",\"posting\":\"P1\"},\n"
                      "{\"veteran\":\"V1\",\"posting\":\"P1\"}\n]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"declined\":[\n{\"veteran\":\"V2\",\"posting\":\"P2\"}"
                      "\n]"),
            std::string::npos);
  EXPECT_NE(text.find("\"withdrawn\":[\n\"P3\"\n]"), std::string::npos);
  EXPECT_NE(text.find("\"not_looking\":[\n\"V5\"\n]"), std::string::npos);
  const ReadRoundResult read = read_round_file(next.string());
  EXPECT_TRUE(read.errors.empty());

  // The CSV form of the same answers gives the same bytes.
  const fs::path from_csv = dir_ / "from_csv.json";
  ASSERT_EQ(next_round(kDir + "round.json", kDir + "result.json",
                       kDir + "answers.csv", from_csv, " -q")
                .exit_code,
            0);
  EXPECT_EQ(slurp(from_csv), text);

  // The next round: V1 and V4 placed (P1 full), V5 not looking, P3
  // withdrawn. V3 (a spouse) gets P2; V2 declined P2 and P1 is full, a tie
  // that goes to the earlier rule: declined.
  const fs::path again = dir_ / "again.json";
  const CliOutcome m =
      run("match " + next.string() + " -o " + again.string() + " -q");
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const std::string result = slurp(again);
  EXPECT_NE(result.find("\"assignments\":[\n{\"veteran\":\"V3\",\"posting\":"
                        "\"P2\""),
            std::string::npos)
      << result;
  EXPECT_NE(result.find("\"veterans\":2,\"veterans_taken\":2,"
                        "\"veterans_not_looking\":1,\"postings\":2,"
                        "\"postings_withdrawn\":1,\"openings\":1,"),
            std::string::npos)
      << result;
  EXPECT_NE(result.find("{\"veteran\":\"V2\",\"reason\":"
                        "\"no_eligible_posting\",\"excluded_by\":"
                        "\"declined\""),
            std::string::npos)
      << result;
}

TEST_F(NextRoundCliTest, UnansweredProposalsStayOpenOrCountAsDeclined) {
  const fs::path open = dir_ / "open.json";
  const CliOutcome o = next_round(kDir + "round.json", kDir + "result.json",
                                  kDir + "answers_none.json", open);
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.err.find("2 unanswered (left open)"), std::string::npos);
  EXPECT_NE(slurp(open).find("\"declined\":[]"), std::string::npos);
  const fs::path declined = dir_ / "declined.json";
  ASSERT_EQ(next_round(kDir + "round.json", kDir + "result.json",
                       kDir + "answers_none.json", declined,
                       " --unanswered declined -q")
                .exit_code,
            0);
  EXPECT_NE(slurp(declined).find(
                "\"declined\":[\n{\"veteran\":\"V1\",\"posting\":\"P1\"},\n"
                "{\"veteran\":\"V2\",\"posting\":\"P2\"}\n]"),
            std::string::npos);
}

TEST_F(NextRoundCliTest, HelpAndUsageErrors) {
  const CliOutcome help = run("next-round --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"--result", "--answers", "--unanswered", "CSV"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
  EXPECT_NE(run("--help").out.find("next-round"), std::string::npos);
  const std::string round = kDir + "round.json";
  EXPECT_EQ(run("next-round " + round + " -o x.json").exit_code, 2);
  EXPECT_EQ(run("next-round " + round + " --result r --answers a").exit_code,
            2);
  EXPECT_EQ(next_round(round, kDir + "result.json", kDir + "answers.json",
                       dir_ / "x.json", " --unanswered maybe")
                .exit_code,
            2);
  EXPECT_FALSE(fs::exists(dir_ / "x.json"));
}

TEST_F(NextRoundCliTest, MissingInputsAndUnwritableOutputExitFour) {
  const CliOutcome missing =
      next_round(kDir + "round.json", (dir_ / "absent.json").string(),
                 kDir + "answers.json", work() / "next.json");
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_NE(missing.err.find("absent.json"), std::string::npos);
  const CliOutcome unwritable =
      next_round(kDir + "round.json", kDir + "result.json",
                 kDir + "answers.json", "/nonexistent-dir/next.json");
  EXPECT_EQ(unwritable.exit_code, 4);
  EXPECT_NE(unwritable.err.find("/nonexistent-dir/next.json"),
            std::string::npos);
  EXPECT_TRUE(files().empty());
}

TEST_F(NextRoundCliTest, ABadRoundFileIsReportedLikeValidateDoes) {
  const fs::path round = dir_ / "round.json";
  std::string text = slurp(kDir + "round.json");
  text.replace(text.find("\"points\": 90"), 12, "\"points\": \"high\"");
  spit(round, text);
  const CliOutcome o = next_round(round.string(), kDir + "result.json",
                                  kDir + "answers.json", dir_ / "next.json");
  EXPECT_EQ(o.exit_code, 3);
  EXPECT_NE(o.err.find(round.string() +
                       ": /veterans/0/points: expected a finite number"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(fs::exists(dir_ / "next.json"));
}

TEST_F(NextRoundCliTest, EveryCorpusRowFailsWithItsPathAndMessage) {
  const std::vector<CorpusRow> rows = test_support::corpus_rows(kDir);
  ASSERT_GE(rows.size(), 14u);
  fs::create_directories(work());
  const fs::path output = work() / "next.json";
  spit(output, "an earlier file\n");
  for (const CorpusRow& row : rows) {
    SCOPED_TRACE(row.file + " (" + row.command + ") " + row.path);
    ASSERT_TRUE(row.command == "answers" || row.command == "result");
    const std::string file = kDir + row.file;
    const CliOutcome o = row.command == "answers"
                             ? next_round(kDir + "round.json",
                                          kDir + "result.json", file, output)
                             : next_round(kDir + "round.json", file,
                                          kDir + "answers_none.json", output);
    EXPECT_EQ(o.exit_code, row.exit_code) << o.err;
    if (row.path != "-") {
      EXPECT_NE(o.err.find(file + ": " + row.path + ": expected "),
                std::string::npos)
          << o.err;
    }
    const std::string wanted =
        row.fragment[0] == ':' ? file + row.fragment : row.fragment;
    EXPECT_NE(o.err.find(wanted), std::string::npos) << o.err;
    EXPECT_EQ(slurp(output), "an earlier file\n");
    EXPECT_EQ(files(), std::set<std::string>{"next.json"});
  }
}

}  // namespace
}  // namespace vetmatch
