// End-to-end: the whole fair cycle through the vetmatch binary. A fair
// drawn from the bundled sample is planned with --csv-dir; its
// booth_invites.csv is filled in as staff would (an outcome per row, some
// left empty) and read back by `fair record`, which writes the next
// round: it validates, has the hired and intent pairs in taken and the
// declined ones in declined, and `match` on it leaves the placed veterans
// out. Also: --intent open, a JSON outcomes file, bad outcomes exit 3 at
// their line and column with nothing written, a fair naming no round file.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "adapters/report/csv_text.h"
#include "tests/support/cli_fixture.h"
#include "tests/support/csv_reference.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;
using vetmatch::CsvWriter;
using vetmatch::test_support::shell_quote;
using vetmatch::test_support::slurp;
using vetmatch::test_support::spit;
using Pair = std::pair<std::string, std::string>;

std::set<Pair> pairs(const rapidjson::Value& list) {
  std::set<Pair> out;
  for (const auto& p : list.GetArray()) {
    out.emplace(p["veteran"].GetString(), p["posting"].GetString());
  }
  return out;
}

class FairRecordCliTest : public vetmatch::test_support::CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    sample_ = std::string(VETMATCH_SOURCE_DIR) +
              "/datasets/samples/district.round.json";
    fair_ = (dir_ / "fair.json").string();
    auto o = run("fair generate " + shell_quote(sample_) + " -o " +
                 shell_quote(fair_) + " --booths 8 --veterans 80 --seed 5 -q");
    ASSERT_EQ(o.exit_code, 0) << o.err;
    o = run("fair plan " + shell_quote(fair_) + " -o " +
            shell_quote((dir_ / "plan.json").string()) + " --csv-dir " +
            shell_quote((dir_ / "lists").string()) + " -q");
    ASSERT_EQ(o.exit_code, 0) << o.err;
    fill_in();
  }

  // Each booth's first invite hired (a veteran placed once), its second an
  // intent, then declined, no-show and nothing in turn.
  void fill_in() {
    const std::string text = slurp(dir_ / "lists" / "booth_invites.csv");
    const auto rows = vetmatch::test::parse_csv(text.substr(3));
    ASSERT_GT(rows.size(), 10u);
    const std::vector<std::string>& header = rows[0];
    ASSERT_EQ(header.back(), "outcome");
    CsvWriter csv;
    for (const std::string& h : header) csv.field(h);
    csv.end_row();
    std::set<std::string> placed;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      std::vector<std::string> row = rows[r];
      const std::string& veteran = row[5];
      const std::string& posting = row[9];
      const std::string& order = row[4];
      std::string outcome;
      if ((order == "1" || order == "2") && !placed.contains(veteran)) {
        outcome = order == "1" ? "hired" : "意向";
        placed.insert(veteran);
        (order == "1" ? hired_ : intents_).emplace(veteran, posting);
      } else {
        switch (r % 3) {
          case 0:
            outcome = "declined";
            declined_.emplace(veteran, posting);
            break;
          case 1:
            outcome = "no_show";
            break;
          default:
            break;  // not recorded
        }
      }
      row.back() = outcome;
      for (const std::string& f : row) csv.field(f);
      csv.end_row();
    }
    filled_ = (dir_ / "filled.csv").string();
    spit(filled_, csv.str());
  }

  rapidjson::Document read_round(const fs::path& path) {
    rapidjson::Document d;
    const std::string text = slurp(path);
    d.Parse(text.data(), text.size());
    EXPECT_FALSE(d.HasParseError());
    return d;
  }

  std::string sample_, fair_, filled_;
  std::set<Pair> hired_, intents_, declined_;
};

TEST_F(FairRecordCliTest, FilledInBoothListsMakeTheNextRound) {
  const fs::path next = dir_ / "next.round.json";
  const auto o =
      run("fair record " + shell_quote(fair_) + " " + shell_quote(filled_) +
          " -o " + shell_quote(next.string()));
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.err.find("taken"), std::string::npos) << o.err;
  EXPECT_EQ(run("validate " + shell_quote(next.string()) + " -q").exit_code, 0);

  const rapidjson::Document before = read_round(sample_);
  const rapidjson::Document after = read_round(next);
  std::set<Pair> taken = pairs(after["taken"]);
  for (const Pair& p : pairs(before["taken"])) {
    ASSERT_TRUE(taken.erase(p)) << "lost " << p.first;
  }
  std::set<Pair> expected = hired_;
  expected.insert(intents_.begin(), intents_.end());
  EXPECT_EQ(taken, expected);
  std::set<Pair> declined = pairs(after["declined"]);
  for (const Pair& p : pairs(before["declined"])) declined.erase(p);
  for (const Pair& p : declined_) EXPECT_TRUE(declined.contains(p)) << p.first;
  EXPECT_EQ(after["veterans"].Size(), before["veterans"].Size());
  EXPECT_EQ(after["postings"].Size(), before["postings"].Size());

  // The next round's match leaves the placed veterans out.
  const fs::path result = dir_ / "result.json";
  ASSERT_EQ(run("match " + shell_quote(next.string()) + " -o " +
                shell_quote(result.string()) + " -q")
                .exit_code,
            0);
  const rapidjson::Document r = read_round(result);
  for (const auto& a : r["assignments"].GetArray()) {
    const std::string v = a["veteran"].GetString();
    for (const Pair& p : expected) EXPECT_NE(v, p.first);
  }
}

TEST_F(FairRecordCliTest, IntentsLeftOpenAndJsonOutcomes) {
  const fs::path next = dir_ / "next.round.json";
  auto o =
      run("fair record " + shell_quote(fair_) + " " + shell_quote(filled_) +
          " -o " + shell_quote(next.string()) + " --intent open -q");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err, "");
  const rapidjson::Document before = read_round(sample_);
  const rapidjson::Document after = read_round(next);
  EXPECT_EQ(after["taken"].Size(), before["taken"].Size() + hired_.size());

  // The same hires as JSON.
  std::string json = "{\"vetmatch\": \"fair_intents/1\", \"intents\": [";
  bool first = true;
  for (const Pair& p : hired_) {
    json += std::string(first ? "" : ",") + "{\"veteran\": \"" + p.first +
            "\", \"posting\": \"" + p.second + "\", \"outcome\": \"hired\"}";
    first = false;
  }
  spit(dir_ / "hired.json", json + "]}");
  const fs::path from_json = dir_ / "from_json.round.json";
  o = run("fair record " + shell_quote(fair_) + " " +
          shell_quote((dir_ / "hired.json").string()) + " -o " +
          shell_quote(from_json.string()) + " -q");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(pairs(read_round(from_json)["taken"]),
            pairs(read_round(next)["taken"]));
}

TEST_F(FairRecordCliTest, BadOutcomesExitThreeAtTheirLine) {
  std::string text = slurp(filled_);
  // A veteran hired twice: the second hire's line is reported.
  ASSERT_FALSE(hired_.empty());
  const Pair first = *hired_.begin();
  ASSERT_FALSE(declined_.empty());
  text += "B999,,,,,\"" + first.first + "\",,,,\"" + declined_.begin()->second +
          "\",,,,,,,,,hired\r\n";
  spit(dir_ / "bad.csv", text);
  const fs::path next = dir_ / "next.round.json";
  const auto o = run("fair record " + shell_quote(fair_) + " " +
                     shell_quote((dir_ / "bad.csv").string()) + " -o " +
                     shell_quote(next.string()));
  EXPECT_EQ(o.exit_code, 3) << o.err;
  EXPECT_NE(o.err.find("bad.csv: line "), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(next));

  spit(dir_ / "worse.csv", "veteran,posting,outcome\nV000001,P00001,maybe\n");
  const auto w = run("fair record " + shell_quote(fair_) + " " +
                     shell_quote((dir_ / "worse.csv").string()) + " -o " +
                     shell_quote(next.string()));
  EXPECT_EQ(w.exit_code, 3);
  EXPECT_NE(w.err.find("worse.csv: line 2, column outcome: expected one of "
                       "hired, intent, declined, no_show"),
            std::string::npos)
      << w.err;
  EXPECT_FALSE(fs::exists(next));
}

TEST_F(FairRecordCliTest, AFairWithNoRoundFileNeedsRound) {
  // The same fair, inline: no "round" to write the next one from.
  spit(dir_ / "inline.fair.json",
       "{\"vetmatch\": \"fair/1\", \"fair\": {\"id\": \"F\"}, \"veterans\": "
       "[], \"booths\": []}");
  const auto o = run(
      "fair record " + shell_quote((dir_ / "inline.fair.json").string()) + " " +
      shell_quote(filled_) + " -o " + shell_quote((dir_ / "n.json").string()));
  EXPECT_EQ(o.exit_code, 2) << o.err;
  EXPECT_NE(o.err.find("--round"), std::string::npos) << o.err;
}

}  // namespace
