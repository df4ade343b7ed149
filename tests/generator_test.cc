// The round generator (datasets/generator/generator.h) and its vocabularies:
// same seed same Round field by field, another seed another Round, exact
// preset sizes and kind counts, ids unique and in byte order, region codes
// that resolve (to the region's centre), validate() empty on several seeds,
// symmetric partners, numbers already rounded to what JSON prints, a JSON
// round trip, the preset mix, and the city preset's counts (run once).
#include "datasets/generator/generator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "adapters/json/round_reader.h"
#include "adapters/json/round_writer.h"
#include "datasets/generator/catalog.h"
#include "datasets/regions/region_table.h"
#include "engine/model/validate.h"
#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

Round district(std::uint64_t seed) {
  return generate_round({Preset::kDistrict, seed});
}

// Field-by-field comparison; reports the first differing field.
#define EXPECT_FIELD(a, b, what) \
  EXPECT_TRUE((a) == (b)) << what << " differs at index " << i

void expect_skills_equal(const std::vector<SkillWeight>& a,
                         const std::vector<SkillWeight>& b, std::size_t i) {
  ASSERT_EQ(a.size(), b.size()) << "skills size at " << i;
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_FIELD(a[k].skill, b[k].skill, "skill id");
    EXPECT_FIELD(a[k].weight, b[k].weight, "skill weight");
  }
}

void expect_rounds_equal(const Round& a, const Round& b) {
  ASSERT_EQ(a.veterans.size(), b.veterans.size());
  ASSERT_EQ(a.postings.size(), b.postings.size());
  ASSERT_EQ(a.employers.size(), b.employers.size());
  for (std::size_t i = 0; i < a.veterans.size(); ++i) {
    const Veteran& x = a.veterans[i];
    const Veteran& y = b.veterans[i];
    EXPECT_FIELD(x.id, y.id, "veteran id");
    EXPECT_FIELD(x.name, y.name, "veteran name");
    EXPECT_FIELD(x.group, y.group, "group");
    EXPECT_FIELD(x.location.lat, y.location.lat, "veteran lat");
    EXPECT_FIELD(x.location.lon, y.location.lon, "veteran lon");
    EXPECT_FIELD(x.region, y.region, "veteran region");
    expect_skills_equal(x.skills, y.skills, i);
    EXPECT_FIELD(x.certificates, y.certificates, "certificates");
    EXPECT_FIELD(x.education, y.education, "education");
    EXPECT_FIELD(x.wants, y.wants, "wants");
    EXPECT_FIELD(x.industries, y.industries, "industries");
    EXPECT_FIELD(x.max_commute_km, y.max_commute_km, "max_commute_km");
    EXPECT_FIELD(x.points, y.points, "points");
    EXPECT_FIELD(x.priority, y.priority, "priority");
    EXPECT_FIELD(x.partner, y.partner, "partner");
  }
  for (std::size_t i = 0; i < a.postings.size(); ++i) {
    const Posting& x = a.postings[i];
    const Posting& y = b.postings[i];
    EXPECT_FIELD(x.id, y.id, "posting id");
    EXPECT_FIELD(x.employer, y.employer, "employer");
    EXPECT_FIELD(x.kind, y.kind, "kind");
    EXPECT_FIELD(x.title, y.title, "title");
    EXPECT_FIELD(x.location.lat, y.location.lat, "posting lat");
    EXPECT_FIELD(x.location.lon, y.location.lon, "posting lon");
    EXPECT_FIELD(x.region, y.region, "posting region");
    EXPECT_FIELD(x.openings, y.openings, "openings");
    expect_skills_equal(x.skills, y.skills, i);
    EXPECT_FIELD(x.required_certificates, y.required_certificates,
                 "required certificates");
    EXPECT_FIELD(x.min_education, y.min_education, "min education");
    EXPECT_FIELD(x.industry, y.industry, "industry");
    EXPECT_FIELD(x.veterans_only, y.veterans_only, "veterans_only");
    EXPECT_FIELD(x.spouses_welcome, y.spouses_welcome, "spouses_welcome");
  }
  for (std::size_t i = 0; i < a.employers.size(); ++i) {
    EXPECT_FIELD(a.employers[i].id, b.employers[i].id, "employer id");
    EXPECT_FIELD(a.employers[i].name, b.employers[i].name, "employer name");
    EXPECT_FIELD(a.employers[i].kind, b.employers[i].kind, "employer kind");
  }
  EXPECT_EQ(a.taken.size(), b.taken.size());
  EXPECT_EQ(a.declined.size(), b.declined.size());
}

std::string describe(const std::vector<ValidationIssue>& issues) {
  std::string out;
  for (std::size_t k = 0; k < issues.size() && k < 10; ++k) {
    const ValidationIssue& v = issues[k];
    out += std::string(to_string(v.entity)) + "/" + std::to_string(v.index) +
           "/" + v.field + ": expected " + v.expected + ", found " + v.found +
           "\n";
  }
  return out;
}

template <typename Record>
void expect_ids(const std::vector<Record>& records, char prefix,
                std::size_t width) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string& id = records[i].id;
    ASSERT_EQ(id.size(), width + 1) << id;
    EXPECT_EQ(id[0], prefix);
    EXPECT_EQ(std::stoul(id.substr(1)), i + 1) << id;
    if (i > 0) {
      EXPECT_LT(records[i - 1].id, id);
    }  // Unique and byte-sorted.
  }
}

bool has_decimals_at_most(double x, double scale) {
  return std::round(x * scale) / scale == x;
}

TEST(Generator, PresetNames) {
  EXPECT_EQ(to_string(Preset::kDistrict), "district");
  EXPECT_EQ(to_string(Preset::kCity), "city");
  EXPECT_EQ(parse_preset("district"), Preset::kDistrict);
  EXPECT_EQ(parse_preset("city"), Preset::kCity);
  EXPECT_EQ(parse_preset("nowhere"), std::nullopt);
  EXPECT_EQ(parse_preset(""), std::nullopt);
}

TEST(Generator, SameSeedSameRound) {
  expect_rounds_equal(district(7), district(7));
  expect_rounds_equal(district(1), district(1));
}

TEST(Generator, DifferentSeedDiffers) {
  const Round a = district(1);
  const Round b = district(2);
  int differing_veterans = 0;
  for (std::size_t i = 0; i < a.veterans.size(); ++i) {
    if (a.veterans[i].name != b.veterans[i].name ||
        a.veterans[i].location.lat != b.veterans[i].location.lat) {
      ++differing_veterans;
    }
  }
  EXPECT_GT(differing_veterans, 500);
  int differing_postings = 0;
  for (std::size_t i = 0; i < a.postings.size(); ++i) {
    if (a.postings[i].title != b.postings[i].title ||
        a.postings[i].employer != b.postings[i].employer) {
      ++differing_postings;
    }
  }
  EXPECT_GT(differing_postings, 250);
}

TEST(Generator, DistrictSizesAndKinds) {
  const Round r = district(1);
  EXPECT_EQ(r.veterans.size(), 1000u);
  EXPECT_EQ(r.postings.size(), 500u);
  EXPECT_EQ(r.employers.size(), 100u);
  EXPECT_TRUE(r.taken.empty());
  EXPECT_TRUE(r.declined.empty());
  std::map<EmployerKind, int> kinds;
  for (const Employer& e : r.employers) ++kinds[e.kind];
  // Handan: 41 incubation and 255 training units per 1,118.
  EXPECT_EQ(kinds[EmployerKind::kIncubationBase], 4);
  EXPECT_EQ(kinds[EmployerKind::kTrainingBase], 23);
  EXPECT_EQ(kinds[EmployerKind::kEnterprise], 73);
}

TEST(Generator, IdsUniqueAndSorted) {
  const Round r = district(3);
  expect_ids(r.veterans, 'V', 6);
  expect_ids(r.postings, 'P', 5);
  expect_ids(r.employers, 'E', 4);
  std::set<std::string> names;
  for (const Employer& e : r.employers) {
    EXPECT_FALSE(e.name.empty());
    EXPECT_TRUE(names.insert(e.name).second) << "duplicate name " << e.name;
  }
}

TEST(Generator, RegionsResolveToTheirCentres) {
  const RegionTable& table = RegionTable::bundled();
  const Region* handan = table.find("130400");
  ASSERT_NE(handan, nullptr);
  int with_region = 0;
  auto check = [&](const std::string& id, const std::string& region,
                   const GeoPoint& at) {
    if (!region.empty()) {
      ++with_region;
      const Region* r = table.find(region);
      ASSERT_NE(r, nullptr) << id << " region " << region;
      EXPECT_EQ(r->parent, "130400") << id;
      EXPECT_EQ(at.lat, r->lat) << id;
      EXPECT_EQ(at.lon, r->lon) << id;
    }
    // Every point lies within Handan's area (within ~20 km of a county
    // centre, so within 120 km of the city's).
    EXPECT_LT(great_circle_km(at, {handan->lat, handan->lon}), 120.0) << id;
  };
  for (std::uint64_t seed : {1, 2}) {
    const Round r = district(seed);
    for (const Veteran& v : r.veterans) check(v.id, v.region, v.location);
    for (const Posting& p : r.postings) check(p.id, p.region, p.location);
  }
  EXPECT_GT(with_region, 0);
}

TEST(Generator, ValidatesOnSeveralSeeds) {
  for (std::uint64_t seed :
       {0ull, 1ull, 2ull, 3ull, 42ull, 123456789ull, 0xFFFFFFFFFFFFFFFFull}) {
    const std::vector<ValidationIssue> issues = validate(district(seed));
    EXPECT_TRUE(issues.empty()) << "seed " << seed << ":\n" << describe(issues);
  }
}

TEST(Generator, PartnersAreSymmetric) {
  for (std::uint64_t seed : {1, 5, 9}) {
    const Round r = district(seed);
    std::unordered_map<std::string, const Veteran*> by_id;
    for (const Veteran& v : r.veterans) by_id[v.id] = &v;
    int pairs = 0;
    for (const Veteran& v : r.veterans) {
      if (v.partner.empty()) continue;
      ASSERT_TRUE(by_id.count(v.partner)) << v.id << " -> " << v.partner;
      const Veteran& other = *by_id[v.partner];
      EXPECT_EQ(other.partner, v.id);
      EXPECT_NE(other.id, v.id);
      // One of the two is the spouse; they share a home.
      EXPECT_NE(v.group == Group::kSpouse, other.group == Group::kSpouse);
      EXPECT_EQ(v.region, other.region);
      EXPECT_EQ(v.location.lat, other.location.lat);
      EXPECT_EQ(v.location.lon, other.location.lon);
      ++pairs;
    }
    EXPECT_EQ(pairs % 2, 0);
    EXPECT_GE(pairs / 2, 10) << "seed " << seed;  // A few percent.
    EXPECT_LE(pairs / 2, 60) << "seed " << seed;
  }
}

TEST(Generator, NumbersAreAlreadyRoundedAndInRange) {
  const Round r = district(11);
  const gen::Catalog& catalog = gen::Catalog::bundled();
  auto known_skill = [&](const std::string& id) {
    return catalog.skill_index(id) >= 0;
  };
  for (const Veteran& v : r.veterans) {
    EXPECT_TRUE(has_decimals_at_most(v.location.lat, 1e6)) << v.id;
    EXPECT_TRUE(has_decimals_at_most(v.location.lon, 1e6)) << v.id;
    EXPECT_FALSE(v.skills.empty()) << v.id;
    for (std::size_t k = 0; k < v.skills.size(); ++k) {
      EXPECT_TRUE(known_skill(v.skills[k].skill)) << v.skills[k].skill;
      EXPECT_TRUE(has_decimals_at_most(v.skills[k].weight, 100)) << v.id;
      if (k > 0) {
        EXPECT_LT(v.skills[k - 1].skill, v.skills[k].skill);
      }
    }
    for (const std::string& c : v.certificates) {
      EXPECT_GE(catalog.certificate_index(c), 0) << c;
    }
    for (const std::string& ind : v.industries) {
      EXPECT_GE(catalog.industry_index(ind), 0) << ind;
    }
    EXPECT_LE(v.industries.size(), 3u);
    if (v.max_commute_km) {
      EXPECT_GE(*v.max_commute_km, 10.0);
      EXPECT_LE(*v.max_commute_km, 60.0);
      EXPECT_TRUE(has_decimals_at_most(*v.max_commute_km, 10)) << v.id;
    }
    EXPECT_GE(v.points, 50.0);
    EXPECT_LE(v.points, 100.0);
    EXPECT_EQ(std::round(v.points * 2) / 2, v.points) << v.id;
    EXPECT_NE(v.wants, 0);
  }
  std::unordered_map<std::string, EmployerKind> employer_kind;
  for (const Employer& e : r.employers) employer_kind[e.id] = e.kind;
  std::set<std::string> offering;
  for (const Posting& p : r.postings) {
    offering.insert(p.employer);
    ASSERT_TRUE(employer_kind.count(p.employer)) << p.id;
    const EmployerKind ek = employer_kind[p.employer];
    EXPECT_EQ(p.kind, ek == EmployerKind::kEnterprise ? PostingKind::kJob
                      : ek == EmployerKind::kIncubationBase
                          ? PostingKind::kIncubation
                          : PostingKind::kTraining)
        << p.id;
    EXPECT_GE(p.openings, 1);
    EXPECT_LE(p.openings, 20);
    EXPECT_FALSE(p.veterans_only && p.spouses_welcome) << p.id;
    EXPECT_FALSE(p.title.empty()) << p.id;
    EXPECT_GE(catalog.industry_index(p.industry), 0) << p.id;
    EXPECT_TRUE(has_decimals_at_most(p.location.lat, 1e6)) << p.id;
    EXPECT_TRUE(has_decimals_at_most(p.location.lon, 1e6)) << p.id;
    EXPECT_FALSE(p.skills.empty()) << p.id;
    for (const SkillWeight& s : p.skills) {
      EXPECT_TRUE(known_skill(s.skill)) << s.skill;
      EXPECT_TRUE(has_decimals_at_most(s.weight, 100)) << p.id;
    }
    for (const std::string& c : p.required_certificates) {
      EXPECT_GE(catalog.certificate_index(c), 0) << c;
    }
  }
  EXPECT_EQ(offering.size(), r.employers.size());  // Everyone offers some.
}

TEST(Generator, DistrictMixIsRealistic) {
  const Round r = district(1);
  std::map<Group, int> groups;
  int regions = 0, commute = 0, partners = 0, priority = 0, only_job = 0;
  for (const Veteran& v : r.veterans) {
    ++groups[v.group];
    regions += !v.region.empty();
    commute += v.max_commute_km.has_value();
    partners += !v.partner.empty();
    priority += v.priority != 0;
    only_job += v.wants == kind_bit(PostingKind::kJob);
  }
  const double n = double(r.veterans.size());
  EXPECT_NEAR(groups[Group::kSoldier] / n, 0.65, 0.05);
  EXPECT_NEAR(groups[Group::kNco] / n, 0.20, 0.04);
  EXPECT_NEAR(groups[Group::kOfficer] / n, 0.07, 0.03);
  EXPECT_NEAR(groups[Group::kSpouse] / n, 0.08, 0.03);
  EXPECT_NEAR(regions / n, 0.60, 0.06);
  EXPECT_NEAR(commute / n, 0.30, 0.05);
  EXPECT_NEAR(only_job / n, 0.10, 0.03);
  EXPECT_GT(partners, 0);
  EXPECT_GT(priority, 0);
  EXPECT_LT(priority / n, 0.15);
  int veterans_only = 0, spouses_welcome = 0, certs = 0, posting_regions = 0;
  for (const Posting& p : r.postings) {
    veterans_only += p.veterans_only;
    spouses_welcome += p.spouses_welcome;
    certs += !p.required_certificates.empty();
    posting_regions += !p.region.empty();
  }
  const double m = double(r.postings.size());
  EXPECT_NEAR(veterans_only / m, 0.15, 0.05);
  EXPECT_NEAR(spouses_welcome / m, 0.35, 0.06);
  EXPECT_GT(certs, 0);
  EXPECT_GT(posting_regions, 0);
  EXPECT_LT(posting_regions, int(m));
}

TEST(Generator, WritesAndReadsBackExactly) {
  const Round r = district(4);
  const std::string json = round_to_json(r);
  const ReadRoundResult back = read_round_string(json, "generated.json");
  ASSERT_TRUE(back.errors.empty()) << back.errors.size() << " errors";
  expect_rounds_equal(r, back.round);
  EXPECT_EQ(round_to_json(back.round), json);
}

TEST(Generator, CatalogHasTheRequiredSpecialties) {
  const gen::Catalog& c = gen::Catalog::bundled();
  EXPECT_GE(c.skills.size(), 100u);
  for (const char* id :
       {"driver", "cook", "vehicle_mechanic", "signals", "radar", "medic",
        "military_police", "construction_engineer", "logistics_supply",
        "electrician", "it_network", "firefighter_rescue",
        "heavy_equipment_operator", "warehouse_keeper", "admin_clerk"}) {
    const int s = c.specialty_index(id);
    ASSERT_GE(s, 0) << id;
    const gen::SpecialtyInfo& info = c.specialties[s];
    EXPECT_GE(info.profile.size(), 5u) << id;
    EXPECT_LE(info.profile.size(), 12u) << id;
    EXPECT_FALSE(info.industries.empty()) << id;
  }
  const gen::SpecialtyInfo& driver = c.specialties[c.specialty_index("driver")];
  ASSERT_GE(driver.required_certificate, 0);
  EXPECT_EQ(c.certificates[driver.required_certificate].id.rfind(
                "driving_licence", 0),
            0u);
}

TEST(Generator, CatalogRejectsUnknownSkillWithLineNumber) {
  const std::string skills =
      "id\tname_zh\tname_en\tcategory\nwelding\t焊接\tWelding\tmechanical\n";
  const std::string industries =
      "id\tname_zh\tname_en\temployer_"
      "weight\nconstruction\t建筑\tConstruction\t1\n";
  const std::string certificates =
      "id\tname_zh\tname_en\nwelder\t焊工证\tWelder\n";
  const std::string header =
      "id\tkind\tname_zh\tname_en\tw_soldier\tw_nco\tw_officer\tw_"
      "spouse\tskills\t"
      "certificates\trequired_certificate\tindustries\ttitles\n";
  const std::string good =
      "welder\tmilitary\t焊工\tWelder\t1\t1\t1\t1\twelding:1."
      "00\twelder\twelder\t"
      "construction\t焊工\n";
  EXPECT_NO_THROW(
      gen::Catalog::parse(skills, header + good, industries, certificates));
  const std::string bad =
      "welder2\tmilitary\t焊工\tWelder\t1\t1\t1\t1\tknitting:0.50\t\t\t"
      "construction\t焊工\n";
  try {
    gen::Catalog::parse(skills, header + good + bad, industries, certificates);
    FAIL() << "accepted an unknown skill";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos)
        << e.what();
  }
}

TEST(Generator, CityPresetCounts) {
  const auto start = std::chrono::steady_clock::now();
  const Round r = generate_round({Preset::kCity, 1});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("city preset generated in %.2f s\n", seconds);
  EXPECT_EQ(r.veterans.size(), 265000u);
  EXPECT_EQ(r.postings.size(), 10000u);
  EXPECT_EQ(r.employers.size(), 1200u);
  std::map<EmployerKind, int> kinds;
  for (const Employer& e : r.employers) ++kinds[e.kind];
  EXPECT_EQ(kinds[EmployerKind::kIncubationBase], 44);
  EXPECT_EQ(kinds[EmployerKind::kTrainingBase], 274);
  EXPECT_EQ(kinds[EmployerKind::kEnterprise], 882);
  // Every Handan county-level division is somebody's home region.
  std::set<std::string> regions;
  for (const Veteran& v : r.veterans) {
    if (!v.region.empty()) regions.insert(v.region);
  }
  EXPECT_EQ(regions.size(), RegionTable::bundled().children("130400").size());
  EXPECT_EQ(r.veterans.back().id, "V265000");
  EXPECT_EQ(r.postings.back().id, "P10000");
  EXPECT_EQ(r.employers.back().id, "E1200");
  const std::vector<ValidationIssue> issues = validate(r);
  EXPECT_TRUE(issues.empty()) << describe(issues);
}

}  // namespace
}  // namespace vetmatch
