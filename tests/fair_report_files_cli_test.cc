// End-to-end, without a browser: `vetmatch fair plan --report --csv-dir`
// writes the HTML report and both CSV lists next to the plan, the same
// bytes with 1 and 2 threads; --help names the options; a CSV folder that
// cannot be made, or a report that cannot be written, exits 4 naming the
// path and leaves no temporary file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/cli_fixture.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;
using vetmatch::test_support::shell_quote;
using vetmatch::test_support::slurp;
using vetmatch::test_support::spit;

class FairReportFilesTest : public vetmatch::test_support::CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    const std::string sample = std::string(VETMATCH_SOURCE_DIR) +
                               "/datasets/samples/district.round.json";
    fair_ = (dir_ / "fair.json").string();
    const auto o =
        run("fair generate " + shell_quote(sample) + " -o " +
            shell_quote(fair_) + " --booths 5 --veterans 40 --seed 2 -q");
    ASSERT_EQ(o.exit_code, 0) << o.err;
  }

  std::string plan_args(const std::string& tag) {
    return "fair plan " + shell_quote(fair_) + " -o " +
           shell_quote((dir_ / (tag + ".json")).string()) + " -q --no-timings";
  }

  std::string fair_;
};

TEST_F(FairReportFilesTest, WritesTheReportAndBothListsThreadIndependently) {
  for (const char* threads : {"1", "2"}) {
    const std::string tag = std::string("t") + threads;
    const auto o =
        run(plan_args(tag) + " --threads " + threads + " --report " +
            shell_quote((dir_ / (tag + ".html")).string()) + " --csv-dir " +
            shell_quote((dir_ / (tag + "-lists/a/b")).string()));
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_EQ(o.out, "");
  }
  const std::string html = slurp(dir_ / "t1.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("展位 Booth B001"), std::string::npos);
  EXPECT_EQ(html, slurp(dir_ / "t2.html"));
  for (const char* file : {"booth_invites.csv", "veteran_routes.csv"}) {
    const std::string one = slurp(dir_ / "t1-lists/a/b" / file);
    EXPECT_EQ(one.rfind("\xEF\xBB\xBF", 0), 0u) << file;
    EXPECT_NE(one.find("\r\n"), std::string::npos) << file;
    EXPECT_EQ(one, slurp(dir_ / "t2-lists/a/b" / file)) << file;
  }
  // The plan itself is what it is without the extra options.
  ASSERT_EQ(run(plan_args("plain")).exit_code, 0);
  EXPECT_EQ(slurp(dir_ / "plain.json"), slurp(dir_ / "t1.json"));
  for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos)
        << entry.path();
  }
}

TEST_F(FairReportFilesTest, HelpNamesTheOptions) {
  const auto o = run("fair plan --help");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_NE(o.out.find("--report"), std::string::npos);
  EXPECT_NE(o.out.find("--csv-dir"), std::string::npos);
}

TEST_F(FairReportFilesTest, UnwritablePathsExitFour) {
  spit(dir_ / "a-file", "x");
  auto o = run(plan_args("p1") + " --csv-dir " +
               shell_quote((dir_ / "a-file").string()));
  EXPECT_EQ(o.exit_code, 4) << o.err;
  EXPECT_NE(o.err.find("a-file"), std::string::npos) << o.err;
  o = run(plan_args("p2") + " --report " +
          shell_quote((dir_ / "no-such-dir" / "r.html").string()));
  EXPECT_EQ(o.exit_code, 4) << o.err;
  EXPECT_NE(o.err.find("r.html"), std::string::npos) << o.err;
  for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos)
        << entry.path();
  }
}

}  // namespace
