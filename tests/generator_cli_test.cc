// `vetmatch generate` end to end: every preset by name, sampled at a small
// size with --veterans/--postings/--employers; the same bytes for the same
// seed whatever --threads says, and the same bytes as the in-memory writer;
// a sampled national round reads back and validates; bad sizes and unknown
// presets are usage errors (exit 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "adapters/json/round_reader.h"
#include "adapters/json/round_writer.h"
#include "datasets/generator/generator.h"
#include "tests/support/cli_fixture.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;
using vetmatch::test_support::CliOutcome;
using vetmatch::test_support::slurp;

class GeneratorCliTest : public vetmatch::test_support::CliFixture {};

TEST_F(GeneratorCliTest, DistrictEqualsTheInMemoryWriter) {
  const fs::path a = dir_ / "a.json";
  ASSERT_EQ(
      run("generate --preset district --seed 3 -q -o " + a.string()).exit_code,
      0);
  EXPECT_EQ(slurp(a),
            vetmatch::round_to_json(vetmatch::generate_round(
                vetmatch::GeneratorOptions(vetmatch::Preset::kDistrict, 3))));
}

TEST_F(GeneratorCliTest, SampledPresetsAreTheSameOnAnyThreadCount) {
  for (const char* preset : {"city", "province", "national"}) {
    const fs::path one = dir_ / (std::string(preset) + "1.json");
    const fs::path two = dir_ / (std::string(preset) + "2.json");
    const std::string args = std::string("generate --preset ") + preset +
                             " --veterans 9000 --postings 700 --seed 4 -o ";
    ASSERT_EQ(run(args + one.string() + " --threads 1").exit_code, 0) << preset;
    ASSERT_EQ(run(args + two.string() + " --threads 2").exit_code, 0) << preset;
    const std::string text = slurp(one);
    EXPECT_EQ(text, slurp(two)) << preset;
    EXPECT_NE(text.find("\"id\":\"V009000\""), std::string::npos) << preset;
    EXPECT_NE(text.find("\"id\":\"P00700\""), std::string::npos) << preset;
  }
}

TEST_F(GeneratorCliTest, SampledNationalRoundValidates) {
  const fs::path path = dir_ / "national.json";
  ASSERT_EQ(run("generate --preset national --veterans 3000 --postings 500 "
                "--employers 120 -o " +
                path.string())
                .exit_code,
            0);
  const vetmatch::ReadRoundResult read =
      vetmatch::read_round_file(path.string());
  EXPECT_TRUE(read.errors.empty())
      << read.errors.size() << " errors, first: " << read.errors[0].message();
  EXPECT_EQ(read.round.veterans.size(), 3000u);
  EXPECT_EQ(read.round.postings.size(), 500u);
  EXPECT_EQ(read.round.employers.size(), 120u);
  const CliOutcome v = run("validate -q " + path.string());
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

TEST_F(GeneratorCliTest, BadSizesAndPresetsAreUsageErrors) {
  const std::string out = " -o " + (dir_ / "x.json").string();
  EXPECT_EQ(run("generate --preset nowhere" + out).exit_code, 2);
  EXPECT_EQ(run("generate --preset city --veterans -5" + out).exit_code, 2);
  EXPECT_EQ(run("generate --preset city --veterans many" + out).exit_code, 2);
  EXPECT_EQ(run("generate --preset city --employers 0" + out).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir_ / "x.json"));
  const CliOutcome help = run("generate --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word :
       {"province", "national", "--veterans", "--postings"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
}

}  // namespace
