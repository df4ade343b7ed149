// End to end: a round file that names only occupations, specialties and
// region codes (datasets/samples/occupations.round.json: no skills maps, no
// coordinates) validates, matches each veteran to the post of their trade,
// explains every pair by the skills both share, and feeds `vetmatch eval`.
// Also: warnings for a region that falls back to its city, and errors for
// unknown codes, through the binary.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/cli_fixture.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;

using Outcome = vetmatch::test_support::CliOutcome;
using vetmatch::test_support::slurp;
using vetmatch::test_support::spit;

class OccupationsCliTest : public vetmatch::test_support::CliFixture {
 protected:
  static std::string sample() {
    return std::string(VETMATCH_SOURCE_DIR) +
           "/datasets/samples/occupations.round.json";
  }
};

bool is_dimension(const std::string& id) {
  return id.rfind("skill.", 0) == 0 || id.rfind("knowledge.", 0) == 0;
}

TEST_F(OccupationsCliTest, SampleHasNoSkillsMapsAndNoCoordinates) {
  const std::string text = slurp(sample());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.find("\"skills\""), std::string::npos);
  EXPECT_EQ(text.find("\"location\""), std::string::npos);
  EXPECT_NE(text.find("\"specialties\""), std::string::npos);
  EXPECT_NE(text.find("\"occupation\""), std::string::npos);
}

TEST_F(OccupationsCliTest, ValidatesMatchesAndExplainsBySharedSkills) {
  const Outcome v = run("validate " + sample());
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("0 warnings"), std::string::npos) << v.out;

  const fs::path out = dir_ / "result.json";
  const Outcome m =
      run("match -q --no-timings " + sample() + " -o " + out.string());
  ASSERT_EQ(m.exit_code, 0) << m.err;
  rapidjson::Document doc;
  doc.Parse(slurp(out).c_str());
  ASSERT_FALSE(doc.HasParseError());

  // Each veteran gets the post of their trade (by construction of the
  // sample: every veteran's trade has a posting near home).
  const std::map<std::string, std::string> expected = {
      {"V01", "P01"}, {"V02", "P02"}, {"V03", "P03"}, {"V04", "P04"},
      {"V05", "P05"}, {"V06", "P06"}, {"V07", "P01"}, {"V08", "P07"}};
  std::map<std::string, std::string> got;
  for (const auto& a : doc["assignments"].GetArray()) {
    got[a["veteran"].GetString()] = a["posting"].GetString();
    const auto& shared = a["why"]["shared_skills"];
    ASSERT_TRUE(shared.IsObject());
    EXPECT_GE(shared.MemberCount(), 1u) << a["veteran"].GetString();
    double sum = 0;
    for (const auto& s : shared.GetObject()) {
      EXPECT_TRUE(is_dimension(s.name.GetString())) << s.name.GetString();
      sum += s.value.GetDouble();
    }
    EXPECT_LE(sum, a["why"]["skill"].GetDouble() + 1e-5);
    EXPECT_GT(a["why"]["skill"].GetDouble(), 0.5);
  }
  EXPECT_EQ(got, expected);
  // The truck driver's explanation leads with transportation.
  for (const auto& a : doc["assignments"].GetArray()) {
    if (std::string(a["veteran"].GetString()) != "V01") continue;
    EXPECT_STREQ(a["why"]["shared_skills"].MemberBegin()->name.GetString(),
                 "knowledge.transportation");
  }
}

TEST_F(OccupationsCliTest, EvalReportsRecallAndCoverage) {
  const fs::path out = dir_ / "quality.json";
  const Outcome e = run("eval " + sample() + " -o " + out.string());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("recall@k"), std::string::npos) << e.out;
  rapidjson::Document doc;
  doc.Parse(slurp(out).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["vetmatch"].GetString(), "quality/1");
  EXPECT_EQ(doc["veterans"].GetInt(), 8);
  // Seven veterans have a specialty; each finds their trade first.
  EXPECT_EQ(doc["veterans_with_hits"].GetInt(), 7);
  EXPECT_EQ(doc["recall"][0]["k"].GetInt(), 1);
  EXPECT_EQ(doc["recall"][0]["recall"].GetDouble(), 1.0);
  EXPECT_EQ(doc["coverage"]["coverage"].GetDouble(), 1.0);
  // Overrides change the figures' inputs, not the command's success.
  EXPECT_EQ(run("eval -q --onet-share 0.2 --weight-location 0 -k 3 " + sample())
                .exit_code,
            0);
  EXPECT_EQ(run("eval -q --onet-share 2 " + sample()).exit_code, 2);
}

TEST_F(OccupationsCliTest, FallbackRegionWarnsAndUnknownCodesFail) {
  const fs::path warn = dir_ / "warn.json";
  spit(warn, R"({"vetmatch": "round/1",
    "veterans": [{"id": "V1", "group": "nco", "region": "130428",
                  "specialties": ["driver"]}],
    "postings": [{"id": "P1", "employer": "E", "region": "邯郸市邯山区",
                  "occupation": "4-02-02-02"}]})");
  const Outcome v = run("validate " + warn.string());
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.err.find("warning: /veterans/0/region"), std::string::npos)
      << v.err;
  EXPECT_NE(v.err.find("130400 邯郸市"), std::string::npos) << v.err;
  EXPECT_NE(v.out.find("1 warning)"), std::string::npos) << v.out;

  const fs::path bad = dir_ / "bad.json";
  spit(bad, R"({"vetmatch": "round/1",
    "veterans": [{"id": "V1", "group": "nco", "region": "130402",
                  "specialties": ["tank_ace"], "occupations": ["53-3032.00"]}],
    "postings": [{"id": "P1", "employer": "E", "region": "朝阳区",
                  "occupation": "53-3032"}]})");
  const Outcome b =
      run("match " + bad.string() + " -o " + (dir_ / "r.json").string());
  EXPECT_EQ(b.exit_code, 3);
  for (const char* path : {"/veterans/0/specialties/0", "/postings/0/region",
                           "/postings/0/occupation"}) {
    EXPECT_NE(b.err.find(std::string(bad.string()) + ": " + path),
              std::string::npos)
        << path << "\n"
        << b.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "r.json"));
}

}  // namespace
