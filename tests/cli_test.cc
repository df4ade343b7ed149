// End-to-end tests of the vetmatch binary: --help, --version, usage errors,
// the bundled sample, byte-identical results for 1 and 2 threads (also for
// `--policy optimal --exact`), the shortlist and generate commands, and I/O
// failures.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/cli_fixture.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;

using Outcome = vetmatch::test_support::CliOutcome;
using vetmatch::test_support::slurp;

class CliTest : public vetmatch::test_support::CliFixture {
 protected:
  std::string sample() const {
    return std::string(VETMATCH_SOURCE_DIR) +
           "/datasets/samples/district.round.json";
  }
};

TEST_F(CliTest, HelpListsEverySubcommandAndExitsZero) {
  const Outcome o = run("--help");
  EXPECT_EQ(o.exit_code, 0);
  for (const char* word :
       {"match", "shortlist", "validate", "generate", "Exit codes"}) {
    EXPECT_NE(o.out.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(run("match --help").exit_code, 0);
}

TEST_F(CliTest, VersionPrintsTheVersion) {
  const Outcome o = run("--version");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_NE(o.out.find("0.1"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("match " + sample()).exit_code, 2);  // no -o
  EXPECT_EQ(run("match " + sample() + " -o x.json --policy nosuch").exit_code,
            2);
  EXPECT_EQ(run("match " + sample() + " -o x.json --threads 0").exit_code, 2);
  EXPECT_EQ(run("generate --preset nowhere -o x.json").exit_code, 2);
}

TEST_F(CliTest, ValidateAcceptsTheBundledSample) {
  const Outcome o = run("validate " + sample());
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("ok"), std::string::npos);
}

TEST_F(CliTest, MatchWritesAResultAndNothingElse) {
  const fs::path result = dir_ / "result.json";
  const Outcome o = run("match " + sample() + " -o " + result.string());
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out, "");  // results go to files only
  const std::string text = slurp(result);
  EXPECT_EQ(text.rfind("{\"vetmatch\":\"result/1\"", 0), 0u);
  EXPECT_NE(text.find("\"policy\":\"points_order\""), std::string::npos);
  EXPECT_NE(text.find("\"seconds\""), std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos)
        << "temporary file left behind: " << entry.path();
  }
}

TEST_F(CliTest, ResultsAreByteIdenticalForOneAndTwoThreads) {
  const fs::path one = dir_ / "one.json";
  const fs::path two = dir_ / "two.json";
  ASSERT_EQ(run("match " + sample() + " -o " + one.string() +
                " --threads 1 --no-timings")
                .exit_code,
            0);
  ASSERT_EQ(run("match " + sample() + " -o " + two.string() +
                " --threads 2 --no-timings")
                .exit_code,
            0);
  const std::string a = slurp(one), b = slurp(two);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.find("\"seconds\""), std::string::npos);
}

TEST_F(CliTest, OptimalWithExactIsCertifiedAndThreadIndependent) {
  const fs::path one = dir_ / "optimal1.json";
  const fs::path two = dir_ / "optimal2.json";
  const std::string args = " --policy optimal --exact --no-timings";
  ASSERT_EQ(
      run("match " + sample() + " -o " + one.string() + args + " --threads 1")
          .exit_code,
      0);
  ASSERT_EQ(
      run("match " + sample() + " -o " + two.string() + args + " --threads 2")
          .exit_code,
      0);
  const std::string text = slurp(one);
  EXPECT_EQ(text, slurp(two));
  EXPECT_NE(text.find("\"policy\":\"optimal\""), std::string::npos);
  EXPECT_NE(text.find("\"optimality\":{\"objective\":\"coverage_first\","
                      "\"certified\":true"),
            std::string::npos);
}

TEST_F(CliTest, ShortlistWritesNoAssignments) {
  const fs::path result = dir_ / "shortlists.json";
  ASSERT_EQ(run("shortlist " + sample() + " -o " + result.string()).exit_code,
            0);
  const std::string text = slurp(result);
  EXPECT_NE(text.find("\"policy\":null"), std::string::npos);
  EXPECT_NE(text.find("\"assignments\":[]"), std::string::npos);
  EXPECT_NE(text.find("\"shortlists\""), std::string::npos);
}

TEST_F(CliTest, GenerateIsReproducibleAndMatchesTheBundledSample) {
  const fs::path a = dir_ / "a.json";
  const fs::path b = dir_ / "b.json";
  ASSERT_EQ(
      run("generate --preset district --seed 1 -o " + a.string()).exit_code, 0);
  ASSERT_EQ(
      run("generate --preset district --seed 1 -o " + b.string()).exit_code, 0);
  EXPECT_EQ(slurp(a), slurp(b));
  // The bundled sample is `generate --preset district --seed 1`.
  EXPECT_EQ(slurp(a), slurp(sample()));
  const fs::path c = dir_ / "c.json";
  ASSERT_EQ(
      run("generate --preset district --seed 2 -o " + c.string()).exit_code, 0);
  EXPECT_NE(slurp(a), slurp(c));
}

TEST_F(CliTest, UnwritableOutputExitsFour) {
  const Outcome o =
      run("match " + sample() + " -o /nonexistent-dir/result.json");
  EXPECT_EQ(o.exit_code, 4);
  EXPECT_NE(o.err.find("/nonexistent-dir/result.json"), std::string::npos)
      << o.err;
}

TEST_F(CliTest, MissingInputExitsFour) {
  const Outcome o = run("match " + (dir_ / "absent.json").string() + " -o " +
                        (dir_ / "r.json").string());
  EXPECT_EQ(o.exit_code, 4);
  EXPECT_NE(o.err.find("absent.json"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(dir_ / "r.json"));
}

}  // namespace
