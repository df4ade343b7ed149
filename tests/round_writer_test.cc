// The streaming round writer (adapters/json/round_writer.h): the file it
// streams is byte for byte round_to_json() of the same Round (generated
// district rounds, odd block sizes, empty sections), whatever the number of
// threads; the new occupation fields are written; progress reaches 1 for
// both streamed sections; a failure (unwritable place, a block function
// that throws) leaves no file and no temporary behind and an existing file
// untouched.
#include "adapters/json/round_writer.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include "adapters/json/input_error.h"
#include "datasets/generator/generator.h"
#include "tests/support/run_cli.h"

namespace vetmatch {
namespace {

namespace fs = std::filesystem;
using test_support::slurp;
using test_support::spit;

class RoundStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vetmatch_round_writer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::size_t files_in_dir() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_)) {
      (void)e;
      ++n;
    }
    return n;
  }

  fs::path dir_;
};

RoundSource generator_source(const RoundGenerator& g) {
  RoundSource source;
  source.config = g.config();
  source.employers = g.employers();
  source.postings.count = g.posting_blocks();
  source.postings.fill = [&g](std::size_t b, std::vector<Posting>& out) {
    g.postings(b, out);
  };
  source.veterans.count = g.veteran_blocks();
  source.veterans.fill = [&g](std::size_t b, std::vector<Veteran>& out) {
    g.veterans(b, out);
  };
  return source;
}

TEST_F(RoundStreamTest, StreamedGeneratorOutputEqualsTheWholeRound) {
  for (std::uint64_t seed : {1, 2}) {
    const GeneratorOptions options(Preset::kDistrict, seed);
    const std::string whole = round_to_json(generate_round(options));
    const RoundGenerator generator(options);
    const fs::path path = dir_ / "district.json";
    write_round_file(path.string(), generator_source(generator));
    EXPECT_EQ(slurp(path), whole) << "seed " << seed;
  }
  // Several blocks of postings and veterans.
  GeneratorOptions bigger(Preset::kCity, 5);
  bigger.veterans = 3 * RoundGenerator::kBlockSize + 1;
  bigger.postings = 2 * RoundGenerator::kBlockSize + 3;
  const RoundGenerator generator(bigger);
  const fs::path path = dir_ / "city.json";
  write_round_file(path.string(), generator_source(generator));
  EXPECT_EQ(slurp(path), round_to_json(generate_round(bigger)));
}

TEST_F(RoundStreamTest, RoundSourceInOddBlocksEqualsRoundToJson) {
  const Round round = generate_round(GeneratorOptions(Preset::kDistrict, 3));
  const std::string whole = round_to_json(round);
  for (std::size_t block : {1u, 7u, 4096u, 100000u}) {
    const fs::path path = dir_ / ("r" + std::to_string(block) + ".json");
    write_round_file(path.string(), round_source(round, block));
    EXPECT_EQ(slurp(path), whole) << "block size " << block;
  }
}

TEST_F(RoundStreamTest, EmptySectionsAndHistoryMatch) {
  Round round;
  round.config.onet_share = 0.25;
  const fs::path path = dir_ / "empty.json";
  write_round_file(path.string(), round_source(round));
  EXPECT_EQ(slurp(path), round_to_json(round));
  EXPECT_EQ(
      slurp(path),
      "{\"vetmatch\":\"round/1\",\n\"config\":{\"weights\":{\"skill\":0.6,"
      "\"location\":0.3,\"preference\":0.1},\"distance_scale_km\":30,"
      "\"max_commute_km\":null,\"veteran_shortlist_k\":10,"
      "\"posting_shortlist_k\":20,\"policy\":\"points_order\","
      "\"onet_share\":0.25,\"objective\":\"coverage_first\","
      "\"candidate_k\":50,\"exact\":false,\"posting_ranking\":\"score\","
      "\"couples\":\"independent\",\"couple_max_km\":50},\n"
      "\"employers\":[],\n\"postings\":[],\n"
      "\"veterans\":[],\n\"taken\":[],\n\"declined\":[]}\n");

  // One veteran, taken and declined pairs, the new fields.
  Round one;
  Veteran v;
  v.id = "V1";
  v.group = Group::kNco;
  v.region = "130402";
  v.specialties = {"driver", "us:army:88M"};
  v.occupations = {"4-02-02-02", "53-3032.00"};
  one.veterans.push_back(v);
  Posting p;
  p.id = "P1";
  p.employer = "E1";
  p.location = {36.5, 114.5};
  p.occupation = "4-02-02-02";
  one.postings.push_back(p);
  one.employers.push_back({"E1", "邯郸运输公司", EmployerKind::kEnterprise});
  one.taken.push_back({"V1", "P1"});
  one.declined.push_back({"V1", "P1"});
  write_round_file(path.string(), round_source(one));
  const std::string text = slurp(path);
  EXPECT_EQ(text, round_to_json(one));
  EXPECT_NE(text.find("\"specialties\":[\"driver\",\"us:army:88M\"],"
                      "\"occupations\":[\"4-02-02-02\",\"53-3032.00\"]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"occupation\":\"4-02-02-02\""), std::string::npos)
      << text;
  EXPECT_NE(
      text.find("\"taken\":[\n{\"veteran\":\"V1\",\"posting\":\"P1\"}\n]"),
      std::string::npos)
      << text;
  // The top level in streaming order.
  const std::size_t e = text.find("\"employers\":");
  const std::size_t ps = text.find("\"postings\":");
  const std::size_t vs = text.find("\"veterans\":");
  EXPECT_LT(e, ps);
  EXPECT_LT(ps, vs);
}

TEST_F(RoundStreamTest, SameBytesOnOneThreadAndOnMany) {
  GeneratorOptions options(Preset::kProvince, 9);
  options.veterans = 5 * RoundGenerator::kBlockSize;
  options.postings = 3000;
  const RoundGenerator generator(options);
  std::map<std::size_t, std::string> texts;
  for (std::size_t threads : {1u, 2u, 8u}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              threads);
    const fs::path path = dir_ / ("t" + std::to_string(threads) + ".json");
    write_round_file(path.string(), generator_source(generator));
    texts[threads] = slurp(path);
  }
  EXPECT_FALSE(texts[1].empty());
  EXPECT_EQ(texts[1], texts[2]);
  EXPECT_EQ(texts[1], texts[8]);
}

TEST_F(RoundStreamTest, ProgressReachesOneForBothSections) {
  GeneratorOptions options(Preset::kCity, 1);
  options.veterans = 3 * RoundGenerator::kBlockSize;
  options.postings = 100;
  const RoundGenerator generator(options);
  std::map<std::string, double> last;
  std::map<std::string, int> calls;
  write_round_file((dir_ / "p.json").string(), generator_source(generator),
                   [&](std::string_view stage, double fraction) {
                     EXPECT_GE(fraction, last[std::string(stage)]);
                     last[std::string(stage)] = fraction;
                     ++calls[std::string(stage)];
                   });
  EXPECT_EQ(last["postings"], 1.0);
  EXPECT_EQ(last["veterans"], 1.0);
  EXPECT_EQ(calls["postings"], 1);
  EXPECT_EQ(calls["veterans"], 3);
}

TEST_F(RoundStreamTest, UnwritablePlaceThrowsIoErrorNamingIt) {
  const Round round = generate_round(GeneratorOptions(Preset::kDistrict, 1));
  const std::string path = (dir_ / "missing" / "r.json").string();
  try {
    write_round_file(path, round_source(round));
    FAIL() << "wrote into a missing directory";
  } catch (const IoError& e) {
    EXPECT_EQ(e.file(), path);
  }
  EXPECT_EQ(files_in_dir(), 0u);
}

TEST_F(RoundStreamTest, FailingBlockLeavesNoTemporaryAndTheOldFile) {
  const fs::path path = dir_ / "r.json";
  spit(path, "old contents");
  const Round round = generate_round(GeneratorOptions(Preset::kDistrict, 1));
  RoundSource source = round_source(round, 100);
  source.veterans.fill = [](std::size_t b, std::vector<Veteran>& out) {
    if (b == 5) throw std::runtime_error("block 5 failed");
    out.clear();
  };
  EXPECT_THROW(write_round_file(path.string(), source), std::runtime_error);
  EXPECT_EQ(slurp(path), "old contents");
  EXPECT_EQ(files_in_dir(), 1u);  // No temporary left.
}

}  // namespace
}  // namespace vetmatch
