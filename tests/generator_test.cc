// The round generator (datasets/generator/generator.h) and its vocabularies:
// same seed same Round field by field, another seed another Round, exact
// preset sizes and kind counts, ids unique and in byte order, region codes
// that resolve (to the region's centre), validate() empty on several seeds,
// couples on adjacent numbers, numbers already rounded to what JSON prints,
// records in terms of specialties and occupations from the tables, a JSON
// round trip, the preset mix, streaming blocks equal to the whole round in
// any order and on any number of threads, province and national samples
// whose homes follow the census populations, the catalog's checks, and the
// city preset's counts (run once).
#include "datasets/generator/generator.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

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
#include "datasets/generator/presets.h"
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

/// `skills`: compare the skills maps too (not after reading a file back,
/// which resolves specialties and occupations into skills).
void expect_rounds_equal(const Round& a, const Round& b, bool skills = true) {
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
    if (skills) expect_skills_equal(x.skills, y.skills, i);
    EXPECT_FIELD(x.specialties, y.specialties, "specialties");
    EXPECT_FIELD(x.occupations, y.occupations, "occupations");
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
    EXPECT_FIELD(x.occupation, y.occupation, "occupation");
    if (skills) expect_skills_equal(x.skills, y.skills, i);
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
  EXPECT_EQ(a.config.onet_share, b.config.onet_share);
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
  EXPECT_EQ(to_string(Preset::kProvince), "province");
  EXPECT_EQ(to_string(Preset::kNational), "national");
  for (Preset p : all_presets()) EXPECT_EQ(parse_preset(to_string(p)), p);
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

TEST(Generator, CouplesAreAdjacentAndShareAHome) {
  for (std::uint64_t seed : {1, 5, 9}) {
    const Round r = district(seed);
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < r.veterans.size(); ++i) {
      index[r.veterans[i].id] = i;
    }
    int pairs = 0;
    std::map<Group, int> partnered;
    for (std::size_t i = 0; i < r.veterans.size(); ++i) {
      const Veteran& v = r.veterans[i];
      if (v.partner.empty()) continue;
      ASSERT_TRUE(index.count(v.partner)) << v.id << " -> " << v.partner;
      const std::size_t j = index[v.partner];
      const Veteran& other = r.veterans[j];
      EXPECT_EQ(other.partner, v.id);
      // Drawn together: adjacent numbers, the veteran first (even index).
      EXPECT_EQ(std::max(i, j) - std::min(i, j), 1u) << v.id;
      EXPECT_EQ(std::min(i, j) % 2, 0u) << v.id;
      // One of the two is the spouse; they share a home.
      EXPECT_NE(v.group == Group::kSpouse, other.group == Group::kSpouse);
      if (v.group != Group::kSpouse) {
        EXPECT_LT(i, j);
        ++partnered[v.group];
      }
      EXPECT_EQ(v.region, other.region);
      EXPECT_EQ(v.location.lat, other.location.lat);
      EXPECT_EQ(v.location.lon, other.location.lon);
      ++pairs;
    }
    EXPECT_EQ(pairs % 2, 0);
    EXPECT_GE(pairs / 2, 10) << "seed " << seed;  // 2.8% of 1,000.
    EXPECT_LE(pairs / 2, 60) << "seed " << seed;
    // Spouses follow career NCOs and officers.
    EXPECT_GT(partnered[Group::kNco] + partnered[Group::kOfficer],
              4 * partnered[Group::kSoldier]);
  }
}

TEST(Generator, NumbersAreAlreadyRoundedAndInRange) {
  const Round r = district(11);
  const gen::Catalog& catalog = gen::Catalog::bundled();
  auto known_skill = [&](const std::string& id) {
    return catalog.skill_index(id) >= 0;
  };
  std::set<std::string> onet_codes;
  for (const gen::CscoInfo& c : catalog.csco) onet_codes.insert(c.onet[0].code);
  EXPECT_EQ(r.config.onet_share, RoundConfig{}.onet_share);
  for (const Veteran& v : r.veterans) {
    EXPECT_TRUE(has_decimals_at_most(v.location.lat, 1e6)) << v.id;
    EXPECT_TRUE(has_decimals_at_most(v.location.lon, 1e6)) << v.id;
    // Something to match on.
    EXPECT_FALSE(v.skills.empty() && v.specialties.empty() &&
                 v.occupations.empty())
        << v.id;
    EXPECT_LE(v.skills.size(), 6u) << v.id;  // 0-4 + 2 extra at most.
    for (std::size_t k = 0; k < v.skills.size(); ++k) {
      EXPECT_TRUE(known_skill(v.skills[k].skill)) << v.skills[k].skill;
      EXPECT_TRUE(has_decimals_at_most(v.skills[k].weight, 100)) << v.id;
      if (k > 0) {
        EXPECT_LT(v.skills[k - 1].skill, v.skills[k].skill);
      }
    }
    // 1-2 military specialties (none for most spouses).
    if (v.group == Group::kSpouse) {
      EXPECT_LE(v.specialties.size(), 1u) << v.id;
    } else {
      EXPECT_GE(v.specialties.size(), 1u) << v.id;
      EXPECT_LE(v.specialties.size(), 2u) << v.id;
    }
    for (const std::string& s : v.specialties) {
      const int k = catalog.specialty_index(s);
      ASSERT_GE(k, 0) << s;
      EXPECT_TRUE(catalog.specialties[k].military) << s;
    }
    EXPECT_LE(v.occupations.size(), 2u) << v.id;
    for (const std::string& code : v.occupations) {
      EXPECT_GE(catalog.csco_index(code), 0) << v.id << " " << code;
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
    const int industry = catalog.industry_index(p.industry);
    ASSERT_GE(industry, 0) << p.id;
    // A CSCO code of the table, or the O*NET code a row maps to best.
    const int code = catalog.csco_index(p.occupation);
    EXPECT_TRUE(code >= 0 || onet_codes.count(p.occupation))
        << p.id << " " << p.occupation;
    if (code >= 0) {
      // Offered in the employer's industry (or, for an industry no row
      // names, a code of one of its specialties).
      const auto& industries = catalog.csco[code].industries;
      bool named_somewhere = false;
      for (const gen::CscoInfo& c : catalog.csco) {
        for (int i : c.industries) named_somewhere |= i == industry;
      }
      if (named_somewhere) {
        EXPECT_NE(std::find(industries.begin(), industries.end(), industry),
                  industries.end())
            << p.id << " " << p.occupation << " " << p.industry;
      }
    }
    EXPECT_TRUE(has_decimals_at_most(p.location.lat, 1e6)) << p.id;
    EXPECT_TRUE(has_decimals_at_most(p.location.lon, 1e6)) << p.id;
    EXPECT_LE(p.skills.size(), 3u) << p.id;
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
  int with_occupations = 0, spouses_with_occupations = 0, two_specialties = 0;
  int with_tags = 0;
  for (const Veteran& v : r.veterans) {
    ++groups[v.group];
    regions += !v.region.empty();
    commute += v.max_commute_km.has_value();
    partners += !v.partner.empty();
    priority += v.priority != 0;
    only_job += v.wants == kind_bit(PostingKind::kJob);
    with_occupations += !v.occupations.empty();
    if (v.group == Group::kSpouse) {
      spouses_with_occupations += !v.occupations.empty();
    }
    two_specialties += v.specialties.size() == 2;
    with_tags += !v.skills.empty();
  }
  const double n = double(r.veterans.size());
  EXPECT_NEAR(groups[Group::kSoldier] / n, 0.65, 0.05);
  EXPECT_NEAR(groups[Group::kNco] / n, 0.20, 0.04);
  EXPECT_NEAR(groups[Group::kOfficer] / n, 0.07, 0.03);
  EXPECT_NEAR(groups[Group::kSpouse] / n, 0.08, 0.03);
  EXPECT_NEAR(regions / n, 0.60, 0.06);
  EXPECT_NEAR(commute / n, 0.30, 0.05);
  EXPECT_NEAR(only_job / n, 0.10, 0.03);
  EXPECT_NEAR(with_occupations / n, 0.22, 0.06);
  EXPECT_NEAR(spouses_with_occupations / double(groups[Group::kSpouse]), 0.75,
              0.15);
  EXPECT_NEAR(two_specialties / n, 0.18, 0.06);
  EXPECT_NEAR(with_tags / n, 0.78, 0.08);
  EXPECT_GT(partners, 0);
  EXPECT_GT(priority, 0);
  EXPECT_LT(priority / n, 0.15);
  int veterans_only = 0, spouses_welcome = 0, certs = 0, posting_regions = 0;
  int onet = 0, real_titles = 0;
  const gen::Catalog& catalog = gen::Catalog::bundled();
  for (const Posting& p : r.postings) {
    veterans_only += p.veterans_only;
    spouses_welcome += p.spouses_welcome;
    certs += !p.required_certificates.empty();
    posting_regions += !p.region.empty();
    const int code = catalog.csco_index(p.occupation);
    onet += code < 0;
    if (code >= 0 && p.kind == PostingKind::kJob) {
      real_titles += p.title != catalog.csco[code].name_zh;
    }
  }
  const double m = double(r.postings.size());
  EXPECT_NEAR(veterans_only / m, 0.15, 0.05);
  EXPECT_NEAR(spouses_welcome / m, 0.35, 0.06);
  EXPECT_NEAR(onet / m, 0.08, 0.04);
  EXPECT_GT(real_titles, 0);
  EXPECT_GT(certs, 0);
  EXPECT_GT(posting_regions, 0);
  EXPECT_LT(posting_regions, int(m));
}

TEST(Generator, WritesAndReadsBackExactly) {
  const Round r = district(4);
  const std::string json = round_to_json(r);
  const ReadRoundResult back = read_round_string(json, "generated.json");
  ASSERT_TRUE(back.errors.empty())
      << back.errors.size() << " errors, first: " << back.errors[0].message();
  // Reading resolves specialties and occupations into skill vectors; every
  // other field reads back exactly.
  expect_rounds_equal(r, back.round, /*skills=*/false);
  for (const Veteran& v : back.round.veterans) {
    EXPECT_FALSE(v.skills.empty()) << v.id;
  }
  for (const Posting& p : back.round.postings) {
    EXPECT_FALSE(p.skills.empty()) << p.id;
  }
}

// Blocks drawn in any order, on any number of threads, are the whole round.
TEST(Generator, BlocksAreTheRoundInAnyOrderOnAnyThreads) {
  GeneratorOptions options(Preset::kCity, 3);
  options.veterans = 3 * RoundGenerator::kBlockSize + 7;  // Odd: a last single.
  options.postings = RoundGenerator::kBlockSize + 5;
  const Round whole = generate_round(options);
  ASSERT_EQ(whole.veterans.size(), std::size_t(*options.veterans));
  ASSERT_EQ(whole.postings.size(), std::size_t(*options.postings));
  EXPECT_EQ(whole.employers.size(), 492u);  // 1,200 per 10,000 postings.

  const RoundGenerator generator(options);
  Round reversed;
  reversed.employers = generator.employers();
  std::vector<std::vector<Veteran>> vblocks(generator.veteran_blocks());
  std::vector<std::vector<Posting>> pblocks(generator.posting_blocks());
  for (std::size_t b = vblocks.size(); b-- > 0;) {
    generator.veterans(b, vblocks[b]);
  }
  for (std::size_t b = pblocks.size(); b-- > 0;) {
    generator.postings(b, pblocks[b]);
  }
  for (auto& block : vblocks) {
    reversed.veterans.insert(reversed.veterans.end(), block.begin(),
                             block.end());
  }
  for (auto& block : pblocks) {
    reversed.postings.insert(reversed.postings.end(), block.begin(),
                             block.end());
  }
  expect_rounds_equal(whole, reversed);

  // In parallel, with 1 and with 4 worker threads.
  for (std::size_t threads : {1u, 4u}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              threads);
    std::vector<std::vector<Veteran>> parallel(generator.veteran_blocks());
    tbb::parallel_for(std::size_t{0}, parallel.size(), [&](std::size_t b) {
      generator.veterans(b, parallel[b]);
    });
    std::size_t i = 0;
    for (const auto& block : parallel) {
      for (const Veteran& v : block) {
        ASSERT_EQ(v.id, whole.veterans[i].id);
        EXPECT_EQ(v.name, whole.veterans[i].name);
        EXPECT_EQ(v.specialties, whole.veterans[i].specialties);
        EXPECT_EQ(v.location.lat, whole.veterans[i].location.lat);
        ++i;
      }
    }
    EXPECT_EQ(i, whole.veterans.size());
  }
  // A veteran is the same whatever the round's size (its household's own
  // stream), except for the id's width.
  GeneratorOptions smaller = options;
  smaller.veterans = 1000;
  const Round part = generate_round(smaller);
  for (std::size_t i = 0; i < part.veterans.size(); ++i) {
    EXPECT_EQ(part.veterans[i].name, whole.veterans[i].name);
    EXPECT_EQ(part.veterans[i].partner.empty(),
              whole.veterans[i].partner.empty());
  }
}

TEST(Generator, SizeOverrides) {
  GeneratorOptions options(Preset::kNational, 1);
  options.veterans = 10;
  options.postings = 20;
  options.employers = 5;
  const Round r = generate_round(options);
  EXPECT_EQ(r.veterans.size(), 10u);
  EXPECT_EQ(r.postings.size(), 20u);
  EXPECT_EQ(r.employers.size(), 5u);
  // Ids are as wide as the round needs, at least 6 digits.
  EXPECT_EQ(r.veterans.back().id, "V000010");
  options.veterans = 0;
  options.postings = 0;
  options.employers = 1;
  const Round empty = generate_round(options);
  EXPECT_TRUE(empty.veterans.empty());
  EXPECT_TRUE(empty.postings.empty());
  EXPECT_TRUE(validate(empty).empty());
  options.postings = 3;
  options.employers = 0;
  EXPECT_THROW(generate_round(options), std::invalid_argument);
}

// Population weights: the share of homes in each city (province preset) or
// province (national preset) against the 2020 census, by a chi-square
// statistic over the veterans who give a region code.
struct ShareCheck {
  double chi2 = 0;
  int categories = 0;
  int samples = 0;
};

ShareCheck check_shares(const Round& r, std::string_view scope,
                        const std::map<std::string, std::int64_t>& population,
                        std::size_t prefix) {
  std::map<std::string, int> counts;
  ShareCheck check;
  const RegionTable& table = RegionTable::bundled();
  for (const Veteran& v : r.veterans) {
    if (v.region.empty() || !v.partner.empty()) continue;  // Independent draws.
    const Region* region = table.find(v.region);
    EXPECT_NE(region, nullptr) << v.region;
    std::string key = v.region.substr(0, prefix) + std::string(6 - prefix, '0');
    EXPECT_TRUE(population.count(key)) << scope << " " << v.region;
    ++counts[key];
    ++check.samples;
  }
  std::int64_t total = 0;
  for (const auto& [code, people] : population) total += people;
  for (const auto& [code, people] : population) {
    const double expected =
        double(check.samples) * double(people) / double(total);
    const double d = counts[code] - expected;
    check.chi2 += d * d / expected;
    ++check.categories;
  }
  return check;
}

TEST(Generator, ProvinceSampleFollowsHebeiCityPopulations) {
  GeneratorOptions options(Preset::kProvince, 1);
  options.veterans = 20000;
  options.postings = 2000;
  const Round r = generate_round(options);
  EXPECT_EQ(r.employers.size(), 400u);
  EXPECT_TRUE(validate(r).empty());
  std::map<std::string, std::int64_t> population;
  for (const Region* city : RegionTable::bundled().children("130000")) {
    population[city->code] = gen::census_population("city", city->code);
  }
  ASSERT_EQ(population.size(), 11u);
  EXPECT_EQ(population["130400"], 9413990);
  // Every home and posting lies in Hebei.
  for (const Posting& p : r.postings) {
    if (!p.region.empty()) {
      EXPECT_EQ(p.region.substr(0, 2), "13") << p.id;
    }
  }
  const ShareCheck c = check_shares(r, "city", population, 4);
  EXPECT_GT(c.samples, 10000);
  // 10 degrees of freedom: P(chi2 > 35) < 0.0002.
  EXPECT_LT(c.chi2, 35.0) << "chi2 over " << c.categories << " cities";
  std::printf("province sample: chi2 %.2f over %d cities, %d homes\n", c.chi2,
              c.categories, c.samples);
}

TEST(Generator, NationalSampleFollowsProvincePopulations) {
  GeneratorOptions options(Preset::kNational, 2);
  options.veterans = 20000;
  options.postings = 2000;
  const Round r = generate_round(options);
  EXPECT_EQ(r.employers.size(), 600u);
  EXPECT_TRUE(validate(r).empty());
  std::map<std::string, std::int64_t> population;
  for (const Region& region : RegionTable::bundled().all()) {
    if (region.level == RegionLevel::kProvince) {
      population[region.code] = gen::census_population("province", region.code);
    }
  }
  ASSERT_EQ(population.size(), 31u);
  std::int64_t total = 0;
  for (const auto& [code, people] : population) total += people;
  EXPECT_EQ(total, 1409778724);  // The census's 31 provinces.
  const ShareCheck c = check_shares(r, "province", population, 2);
  EXPECT_GT(c.samples, 10000);
  // 30 degrees of freedom: P(chi2 > 70) < 0.0001.
  EXPECT_LT(c.chi2, 70.0) << "chi2 over " << c.categories << " provinces";
  std::printf("national sample: chi2 %.2f over %d provinces, %d homes\n",
              c.chi2, c.categories, c.samples);
  // Branches stay in their employer's city.
  const RegionTable& table = RegionTable::bundled();
  std::map<std::string, std::set<std::string>> employer_cities;
  for (const Posting& p : r.postings) {
    if (!p.region.empty()) {
      employer_cities[p.employer].insert(table.find(p.region)->parent);
    }
  }
  for (const auto& [employer, cities] : employer_cities) {
    EXPECT_EQ(cities.size(), 1u) << employer;
  }
  std::set<std::string> provinces;
  for (const Veteran& v : r.veterans) {
    if (!v.region.empty()) provinces.insert(v.region.substr(0, 2));
  }
  EXPECT_EQ(provinces.size(), 31u);
}

TEST(Generator, PlacesAreWeightedByPopulationAndType) {
  // Province: each city's population shared by its divisions' types.
  const std::vector<gen::Place> places =
      gen::preset_places(gen::preset_spec(Preset::kProvince));
  std::map<std::string, std::int64_t> by_city;
  for (const gen::Place& p : places) {
    EXPECT_EQ(p.region->code.substr(0, 2), "13");
    by_city[p.region->parent] += p.weight;
  }
  EXPECT_EQ(by_city.size(), 11u);
  for (const auto& [city, weight] : by_city) {
    EXPECT_NEAR(double(weight), double(gen::census_population("city", city)),
                50.0)
        << city;
  }
  // National: every province, and the cities without counties stand for
  // themselves (东莞 441900).
  const std::vector<gen::Place> all =
      gen::preset_places(gen::preset_spec(Preset::kNational));
  EXPECT_GT(all.size(), 2900u);
  bool dongguan = false;
  for (const gen::Place& p : all) dongguan |= p.region->code == "441900";
  EXPECT_TRUE(dongguan);
  // District and city: type weights only (Handan).
  const std::vector<gen::Place> city =
      gen::preset_places(gen::preset_spec(Preset::kCity));
  EXPECT_EQ(city.size(), RegionTable::bundled().children("130400").size());
  for (const gen::Place& p : city) {
    EXPECT_EQ(p.weight, gen::division_type_weight(*p.region));
    EXPECT_EQ(p.city_short, "邯郸");
  }
}

TEST(Generator, CatalogHasTheRequiredSpecialties) {
  const gen::Catalog& c = gen::Catalog::bundled();
  EXPECT_GE(c.skills.size(), 100u);
  EXPECT_GE(c.csco.size(), 150u);
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
    EXPECT_FALSE(info.csco.empty()) << id;
    EXPECT_FALSE(info.onet.empty()) << id;
  }
  const gen::SpecialtyInfo& driver = c.specialties[c.specialty_index("driver")];
  ASSERT_GE(driver.required_certificate, 0);
  EXPECT_EQ(c.certificates[driver.required_certificate].id.rfind(
                "driving_licence", 0),
            0u);
  EXPECT_FALSE(driver.us_analogues.empty());
  // Some codes have real titles.
  std::size_t titled = 0;
  for (const gen::CscoInfo& info : c.csco) titled += !info.titles.empty();
  EXPECT_GT(titled, c.csco.size() / 2);
}

// Minimal valid tables for the catalog's parser.
struct MiniTables {
  std::string skills =
      "id\tname_zh\tname_en\tcategory\nwelding\t焊接\tWelding\tmechanical\n";
  std::string industries =
      "id\tname_zh\tname_en\temployer_weight\n"
      "construction\t建筑\tConstruction\t1\n";
  std::string certificates = "id\tname_zh\tname_en\nwelder\t焊工证\tWelder\n";
  std::string csco =
      "csco\tname_zh\tonet\tindustries\tfamily\tnote\n"
      "6-18-02-04\t焊工\t51-4121.00:1.00\tconstruction\tmanufacturing\tWelds\n";
  std::string titles = "code\ttitles\n6-18-02-04\t电焊工,氩弧焊工\n";
  std::string header =
      "id\tkind\tname_zh\tname_en\tw_soldier\tw_nco\tw_officer\tw_spouse\t"
      "skills\tcertificates\trequired_certificate\tindustries\ttitles\t"
      "csco\tonet\tus_analogues\n";
  std::string good =
      "welder\tmilitary\t焊工\tWelder\t1\t1\t1\t1\twelding:1.00\twelder\t"
      "welder\tconstruction\t焊工\t6-18-02-04:1.00\t51-4121.00:1.00\t"
      "army:91F\n";
  std::string specialties = header + good;

  gen::CatalogTables tables() const {
    return {skills, specialties, industries, certificates, csco, titles};
  }
};

std::string parse_error(const MiniTables& t) {
  try {
    gen::Catalog::parse(t.tables());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Generator, CatalogParsesTheOccupationColumns) {
  const MiniTables t;
  const gen::Catalog c = gen::Catalog::parse(t.tables());
  ASSERT_EQ(c.csco.size(), 1u);
  EXPECT_EQ(c.csco_index("6-18-02-04"), 0);
  EXPECT_EQ(c.csco[0].titles, (std::vector<std::string>{"电焊工", "氩弧焊工"}));
  EXPECT_EQ(c.csco[0].onet[0].code, "51-4121.00");
  EXPECT_EQ(c.csco[0].onet[0].hundredths, 100);
  const gen::SpecialtyInfo& s = c.specialties[0];
  ASSERT_EQ(s.csco.size(), 1u);
  EXPECT_EQ(s.csco[0], (std::pair<int, int>{0, 100}));
  EXPECT_EQ(s.us_analogues, (std::vector<std::string>{"army:91F"}));
  EXPECT_TRUE(gen::is_csco_code("4-02-01-01"));
  EXPECT_FALSE(gen::is_csco_code("4-02-01"));
  EXPECT_TRUE(gen::is_onet_code("53-3032.00"));
  EXPECT_FALSE(gen::is_onet_code("53-3032"));
}

TEST(Generator, CatalogRejectsBadTablesWithLineNumbers) {
  {
    MiniTables t;
    t.specialties +=
        "welder2\tmilitary\t焊工\tWelder\t1\t1\t1\t1\t"
        "knitting:0.50\t\t\tconstruction\t焊工\t\t\t\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("specialties.tsv, line 3"), std::string::npos) << e;
  }
  {
    MiniTables t;  // A table still being written: header only.
    t.csco = "csco\tname_zh\tonet\tindustries\tfamily\tnote\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("csco_onet.tsv"), std::string::npos) << e;
    EXPECT_NE(e.find("no rows"), std::string::npos) << e;
  }
  {
    MiniTables t;  // The old specialties.tsv, without the new columns.
    t.specialties =
        "id\tkind\tname_zh\tname_en\tw_soldier\tw_nco\tw_officer\tw_spouse\t"
        "skills\tcertificates\trequired_certificate\tindustries\ttitles\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("unexpected header"), std::string::npos) << e;
  }
  {
    MiniTables t;  // A specialty naming a code csco_onet.tsv lacks.
    t.specialties = t.header +
                    "welder\tmilitary\t焊工\tWelder\t1\t1\t1\t1\twelding:1.00\t"
                    "\t\tconstruction\t焊工\t4-02-01-01:1.00\t\t\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("line 2"), std::string::npos) << e;
    EXPECT_NE(e.find("4-02-01-01"), std::string::npos) << e;
  }
  {
    MiniTables t;  // An unknown industry in csco_onet.tsv.
    t.csco += "4-02-01-01\t司机\t53-3032.00:1.00\tshipping\tdrivers\tx\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("csco_onet.tsv, line 3"), std::string::npos) << e;
  }
  {
    MiniTables t;  // A malformed O*NET code.
    t.csco =
        "csco\tname_zh\tonet\tindustries\tfamily\tnote\n"
        "6-18-02-04\t焊工\t51-4121:1.00\tconstruction\tmanufacturing\tx\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("malformed"), std::string::npos) << e;
  }
  {
    MiniTables t;  // A malformed US analogue.
    t.specialties = t.header +
                    "welder\tmilitary\t焊工\tWelder\t1\t1\t1\t1\twelding:1.00\t"
                    "\t\tconstruction\t焊工\t\t\tairforce:2A5X1\n";
    const std::string e = parse_error(t);
    EXPECT_NE(e.find("us_analogues"), std::string::npos) << e;
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
  EXPECT_LT(seconds, 60.0);
}

}  // namespace
}  // namespace vetmatch
