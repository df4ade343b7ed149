// End-to-end `vetmatch fair ...` through the real binary: every row of the
// fair bad-input corpus (exit 3, stderr names the file, the JSON path and
// the message, no output written); plan and invite on the bundled sample
// (schemas, same bytes with 1 and 2 threads); generate (same seed, same
// bytes; the written fair validates); usage errors (exit 2) and files that
// cannot be read or written (exit 4, an existing output left untouched).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/support/bad_input_corpus.h"
#include "tests/support/cli_fixture.h"
#include "tests/support/schema_check.h"

namespace vetmatch {
namespace {

namespace fs = std::filesystem;

const std::string kFairCorpus = test_support::corpus_dir() + "fair/";
using test_support::shell_quote;
using test_support::slurp;
using test_support::spit;

const std::string kSource = VETMATCH_SOURCE_DIR;
const std::string kSample = kSource + "/datasets/samples/district.fair.json";
const std::string kRound = kSource + "/datasets/samples/district.round.json";
const std::string kSchemas = kSource + "/adapters/json/schema/";

class FairCliTest : public test_support::CliFixture {
 protected:
  // What a command wrote to work/ (run() keeps its captures in dir_).
  std::set<std::string> files() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_ / "work")) {
      names.insert(e.path().filename().string());
    }
    return names;
  }
};

TEST_F(FairCliTest, EveryCorpusRowFailsWithItsPathAndMessage) {
  for (const test_support::CorpusRow& row :
       test_support::corpus_rows(kFairCorpus)) {
    SCOPED_TRACE(row.file + " (" + row.command + ") " + row.path);
    const std::string file = kFairCorpus + row.file;
    const fs::path out = dir_ / "plan.json";
    const test_support::CliOutcome o =
        row.command == "fair-plan"
            ? run("fair plan " + shell_quote(file) + " -o " +
                  shell_quote(out.string()) + " -q")
            : run("fair validate " + shell_quote(file));
    EXPECT_EQ(o.exit_code, row.exit_code) << o.err;
    EXPECT_NE(o.err.find(file), std::string::npos) << o.err;
    if (row.path != "-") {
      EXPECT_NE(o.err.find(file + ": " + row.path + ": expected "),
                std::string::npos)
          << o.err;
    }
    const std::string wanted =
        row.fragment[0] == ':' ? file + row.fragment : row.fragment;
    EXPECT_NE(o.err.find(wanted), std::string::npos) << o.err;
    EXPECT_FALSE(fs::exists(out));
  }
}

TEST_F(FairCliTest, PlanOnTheSampleIsTheSameWithOneAndTwoThreads) {
  fs::create_directories(dir_ / "work");
  const fs::path one = dir_ / "work" / "one.json",
                 two = dir_ / "work" / "two.json";
  const auto a = run("fair plan " + shell_quote(kSample) + " -o " +
                     shell_quote(one.string()) + " --no-timings --threads 1");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const auto b = run("fair plan " + shell_quote(kSample) + " -o " +
                     shell_quote(two.string()) + " --no-timings --threads 2");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const std::string plan = slurp(one);
  EXPECT_EQ(plan, slurp(two));
  EXPECT_EQ(plan.rfind("{\"vetmatch\":\"fair_plan/1\"", 0), 0u);
  EXPECT_EQ(
      test_support::schema_problem(kSchemas + "fair_plan.schema.json", plan),
      "");
  EXPECT_EQ(files(), (std::set<std::string>{"one.json", "two.json"}));
  const auto v = run("fair validate " + shell_quote(kSample));
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("1000 veterans, 100 booths"), std::string::npos)
      << v.out;
}

TEST_F(FairCliTest, GenerateThenInvite) {
  const fs::path fair = dir_ / "pool.fair.json", again = dir_ / "again.json";
  const std::string generate = "fair generate " + shell_quote(kRound) +
                               " --booths 30 --pool 40 --seed 3 -q -o ";
  ASSERT_EQ(run(generate + shell_quote(fair.string())).exit_code, 0);
  ASSERT_EQ(run(generate + shell_quote(again.string())).exit_code, 0);
  EXPECT_EQ(slurp(fair), slurp(again));
  EXPECT_EQ(
      test_support::schema_problem(kSchemas + "fair.schema.json", slurp(fair)),
      "");
  // No budget anywhere: a usage error, nothing written.
  const fs::path invite = dir_ / "invite.json";
  const auto none = run("fair invite " + shell_quote(fair.string()) + " -o " +
                        shell_quote(invite.string()));
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("--budget"), std::string::npos);
  EXPECT_FALSE(fs::exists(invite));
  const auto ok = run("fair invite " + shell_quote(fair.string()) + " -o " +
                      shell_quote(invite.string()) +
                      " --budget 5 --objective total_fit --no-timings");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const std::string json = slurp(invite);
  EXPECT_EQ(json.rfind("{\"vetmatch\":\"fair_invite/1\"", 0), 0u);
  EXPECT_NE(json.find("\"objective\":\"total_fit\""), std::string::npos);
  EXPECT_EQ(
      test_support::schema_problem(kSchemas + "fair_invite.schema.json", json),
      "");
  // Too many booths for the round's employers: a usage error.
  const auto many = run("fair generate " + shell_quote(kRound) +
                        " --booths 90 --pool 20 -o " +
                        shell_quote((dir_ / "x.json").string()));
  EXPECT_EQ(many.exit_code, 2) << many.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.json"));
}

TEST_F(FairCliTest, FilesThatCannotBeReadOrWritten) {
  const std::string missing = (dir_ / "no-such.fair.json").string();
  const auto a = run("fair plan " + shell_quote(missing) + " -o " +
                     shell_quote((dir_ / "p.json").string()));
  EXPECT_EQ(a.exit_code, 4);
  EXPECT_NE(a.err.find(missing), std::string::npos) << a.err;
  // The round file the fair names is missing.
  const fs::path fair = dir_ / "f.json";
  spit(fair, R"({"vetmatch": "fair/1", "fair": {"id": "F"},
   "round": "gone.round.json", "veterans": [], "booths": []})");
  const auto b = run("fair validate " + shell_quote(fair.string()));
  EXPECT_EQ(b.exit_code, 4);
  EXPECT_NE(b.err.find("gone.round.json"), std::string::npos) << b.err;
  // An unwritable output, and a failing run that leaves the old one alone.
  const auto c = run("fair plan " + shell_quote(kSample) +
                     " -o /nonexistent-dir/p.json -q");
  EXPECT_EQ(c.exit_code, 4) << c.err;
  const fs::path old = dir_ / "old.json";
  spit(old, "previous\n");
  const auto d = run("fair plan " + shell_quote(fair.string()) + " -o " +
                     shell_quote(old.string()) + " -q");
  EXPECT_EQ(d.exit_code, 4);
  EXPECT_EQ(slurp(old), "previous\n");
}

TEST_F(FairCliTest, HelpAndUsage) {
  const auto help = run("fair --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* sub : {"validate", "invite", "plan", "generate"}) {
    EXPECT_NE(help.out.find(sub), std::string::npos) << sub;
  }
  EXPECT_EQ(run("fair").exit_code, 2);
  EXPECT_EQ(run("fair plan").exit_code, 2);
  EXPECT_EQ(run("fair invite x.json -o y.json --objective most").exit_code, 2);
}

}  // namespace
}  // namespace vetmatch
