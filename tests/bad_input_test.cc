// End-to-end bad input: every row of tests/bad_input/expected.tsv through the
// real vetmatch binary (exit code; stderr names the file, the JSON path and
// the message fragment), plus I/O failures: a missing input file, an
// unwritable output path, and a failing match that must leave an existing
// output file untouched and no temporary files behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/support/bad_input_corpus.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;

const std::string kCorpusDir = vetmatch::test_support::corpus_dir();

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 3;
constexpr int kExitIoError = 4;

constexpr const char* kSoundRound = R"json({"vetmatch": "round/1",
 "veterans": [{"id": "V1", "group": "soldier", "location": {"lat": 36.6, "lon": 114.5},
               "skills": {"welding": 0.8}}],
 "postings": [{"id": "P1", "employer": "E1", "region": "130402", "skills": {"welding": 1}}]}
)json";

using Outcome = vetmatch::test_support::CliOutcome;
using vetmatch::test_support::shell_quote;
using vetmatch::test_support::slurp;
using vetmatch::test_support::spit;

using vetmatch::test_support::corpus_rows;
using vetmatch::test_support::CorpusRow;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vetmatch_bad_input_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "work");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `vetmatch ARGS` (already quoted) with stdout and stderr captured.
  Outcome run(const std::string& args) {
    return vetmatch::test_support::run_vetmatch(args, dir_);
  }

  Outcome match(const std::string& round, const std::string& output) {
    return run("match " + shell_quote(round) + " -o " + shell_quote(output) +
               " --no-timings -q");
  }

  // The names of the files in work/.
  std::set<std::string> work_files() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "work")) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }

  fs::path dir_;
};

TEST_F(BadInputTest, EveryCorpusRowFailsWithItsPathAndMessage) {
  const std::vector<CorpusRow> rows = corpus_rows();
  ASSERT_GE(rows.size(), 40u);
  for (const CorpusRow& row : rows) {
    SCOPED_TRACE(row.file + " (" + row.command + ") " + row.path);
    const std::string file = kCorpusDir + row.file;
    const fs::path output = dir_ / "work" / "out.json";
    const Outcome o = row.command == "match"
                          ? match(file, output.string())
                          : run("validate " + shell_quote(file));
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
    EXPECT_EQ(o.out.find(": ok"), std::string::npos);
    EXPECT_FALSE(fs::exists(output)) << "match wrote a result for bad input";
    EXPECT_TRUE(work_files().empty());
  }
}

TEST_F(BadInputTest, ManyProblemsAreAllListed) {
  const std::string file = kCorpusDir + "many_problems.json";
  const Outcome o = run("validate " + shell_quote(file));
  EXPECT_EQ(o.exit_code, kExitBadInput);
  for (const char* path :
       {"/config/weights/skill", "/config/veteran_shortlist_k",
        "/veterans/0/location/lat", "/veterans/1/group", "/veterans/1/id",
        "/veterans/2/colour", "/postings/0/openings", "/postings/1/openings",
        "/postings/1/employer", "/taken/0/veteran"}) {
    EXPECT_NE(o.err.find(file + ": " + path + ": "), std::string::npos) << path;
  }
}

TEST_F(BadInputTest, SoundRoundValidatesAndMatches) {
  const fs::path round = dir_ / "round.json";
  spit(round, kSoundRound);
  const Outcome v = run("validate " + shell_quote(round.string()));
  EXPECT_EQ(v.exit_code, kExitOk) << v.err;
  EXPECT_NE(v.out.find(round.string() + ": ok"), std::string::npos) << v.out;
  const fs::path output = dir_ / "work" / "out.json";
  const Outcome m = match(round.string(), output.string());
  EXPECT_EQ(m.exit_code, kExitOk) << m.err;
  EXPECT_EQ(slurp(output).rfind("{\"vetmatch\":\"result/1\"", 0), 0u);
  EXPECT_EQ(work_files(), std::set<std::string>{"out.json"});
}

TEST_F(BadInputTest, MissingInputFileIsAnIoErrorNamingIt) {
  const std::string missing = (dir_ / "no-such-round.json").string();
  const Outcome v = run("validate " + shell_quote(missing));
  EXPECT_EQ(v.exit_code, kExitIoError);
  EXPECT_NE(v.err.find(missing), std::string::npos) << v.err;
  const Outcome m = match(missing, (dir_ / "work" / "out.json").string());
  EXPECT_EQ(m.exit_code, kExitIoError);
  EXPECT_NE(m.err.find(missing), std::string::npos) << m.err;
  EXPECT_TRUE(work_files().empty());
}

TEST_F(BadInputTest, DirectoryAsInputIsAnIoError) {
  const Outcome v = run("validate " + shell_quote(kCorpusDir));
  EXPECT_EQ(v.exit_code, kExitIoError) << v.err;
}

TEST_F(BadInputTest, UnwritableOutputPathIsAnIoError) {
  const fs::path round = dir_ / "round.json";
  spit(round, kSoundRound);
  const Outcome o = match(round.string(), "/nonexistent-dir/out.json");
  EXPECT_EQ(o.exit_code, kExitIoError) << o.err;
  EXPECT_NE(o.err.find("/nonexistent-dir/out.json"), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("cannot write"), std::string::npos) << o.err;
}

TEST_F(BadInputTest, FailingMatchLeavesTheOutputUntouchedAndNoTemporaries) {
  const fs::path output = dir_ / "work" / "out.json";
  spit(output, "previous result\n");
  // Bad input: exit 3 before anything is written.
  const Outcome bad = match(kCorpusDir + "many_problems.json", output.string());
  EXPECT_EQ(bad.exit_code, kExitBadInput);
  EXPECT_EQ(slurp(output), "previous result\n");
  EXPECT_EQ(work_files(), std::set<std::string>{"out.json"});

  // A write that fails at the rename (the target is a directory): exit 4,
  // the directory intact, no temporary left in work/.
  const fs::path round = dir_ / "round.json";
  spit(round, kSoundRound);
  const fs::path blocked = dir_ / "work" / "blocked";
  fs::create_directories(blocked / "inside");
  const Outcome io = match(round.string(), blocked.string());
  EXPECT_EQ(io.exit_code, kExitIoError) << io.err;
  EXPECT_NE(io.err.find(blocked.string()), std::string::npos) << io.err;
  EXPECT_TRUE(fs::is_directory(blocked / "inside"));
  EXPECT_EQ(work_files(), (std::set<std::string>{"blocked", "out.json"}));
  EXPECT_EQ(slurp(output), "previous result\n");
}

}  // namespace
