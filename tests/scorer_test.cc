// score_pair (engine/scoring/scorer.h) and the brute-force reference
// (tests/reference/brute_force.h) on hand-computed pairs: cosine of known
// vectors, empty and disjoint skill maps, distance 0, a known city-to-city
// distance, the preference rule and the weights' normalisation. Then the
// two against each other on many random pairs.
#include "engine/scoring/scorer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/reference/brute_force.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

struct Scored {
  std::string who;
  PairScore score;
};

// Every hand-computed expectation is checked on the engine and on the
// reference alike.
std::vector<Scored> both(const Veteran& v, const Posting& p,
                         const RoundConfig& c) {
  return {{"score_pair", score_pair(v, p, c)},
          {"reference_score", test::reference_score(v, p, c)}};
}

Veteran veteran_at(double lat, double lon,
                   std::vector<SkillWeight> skills = {}) {
  Veteran v;
  v.id = "v1";
  v.location = {lat, lon};
  v.skills = std::move(skills);
  return v;
}

Posting posting_at(double lat, double lon,
                   std::vector<SkillWeight> skills = {}) {
  Posting p;
  p.id = "p1";
  p.employer = "e1";
  p.location = {lat, lon};
  p.skills = std::move(skills);
  return p;
}

constexpr double kHandanLat = 36.6093, kHandanLon = 114.4907;
constexpr double kBeijingLat = 39.9042, kBeijingLon = 116.4074;
// Haversine on R = 6371.0088 km, evaluated with 40 significant digits.
constexpr double kHandanBeijingKm = 402.7619216947892243;

TEST(ScorerTest, CosineOfKnownVectors) {
  const RoundConfig c;
  struct Case {
    std::vector<SkillWeight> a, b;
    double cosine;
  };
  const std::vector<Case> cases = {
      // dot 0.5, norms sqrt(1.25) each.
      {{{"a", 1.0}, {"b", 0.5}}, {{"b", 1.0}, {"c", 0.5}}, 0.4},
      // Unit vectors: 0.6*0.8 + 0.8*0.6.
      {{{"x", 0.6}, {"y", 0.8}}, {{"y", 0.6}, {"x", 0.8}}, 0.96},
      {{{"a", 1.0}, {"b", 1.0}, {"c", 1.0}},
       {{"a", 0.25}},
       1.0 / std::sqrt(3.0)},
      // Parallel vectors of different lengths.
      {{{"a", 0.5}, {"b", 0.25}}, {{"b", 0.5}, {"a", 1.0}}, 1.0},
      // Disjoint.
      {{{"a", 1.0}}, {{"b", 1.0}}, 0.0},
  };
  for (const Case& k : cases) {
    for (const Scored& s :
         both(veteran_at(30, 120, k.a), posting_at(30, 120, k.b), c)) {
      EXPECT_NEAR(s.score.skill, k.cosine, 1e-15) << s.who;
    }
  }
}

TEST(ScorerTest, EmptySkillMapsGiveZeroSkill) {
  const RoundConfig c;
  const std::vector<SkillWeight> some = {{"weld", 1.0}};
  const std::vector<
      std::pair<std::vector<SkillWeight>, std::vector<SkillWeight>>>
      cases = {{{}, some}, {some, {}}, {{}, {}}};
  for (const auto& [a, b] : cases) {
    for (const Scored& s :
         both(veteran_at(30, 120, a), posting_at(30, 120, b), c)) {
      EXPECT_EQ(s.score.skill, 0.0) << s.who;
      EXPECT_FALSE(std::isnan(s.score.score)) << s.who;
    }
  }
}

TEST(ScorerTest, SkillMapOrderDoesNotMatter) {
  const RoundConfig c;
  const std::vector<SkillWeight> a = {
      {"s3", 0.1}, {"s10", 0.7}, {"s2", 0.3}, {"s1", 0.9}};
  const std::vector<SkillWeight> a_shuffled = {
      {"s1", 0.9}, {"s2", 0.3}, {"s3", 0.1}, {"s10", 0.7}};
  const std::vector<SkillWeight> b = {{"s2", 0.2}, {"s10", 0.3}, {"s1", 0.6}};
  const PairScore x =
      score_pair(veteran_at(30, 120, a), posting_at(30, 120, b), c);
  const PairScore y =
      score_pair(veteran_at(30, 120, a_shuffled), posting_at(30, 120, b), c);
  EXPECT_EQ(x.skill, y.skill);
  EXPECT_EQ(x.score, y.score);
  const double dot = 0.9 * 0.6 + 0.3 * 0.2 + 0.7 * 0.3;
  const double expected = dot / (std::sqrt(0.81 + 0.09 + 0.01 + 0.49) *
                                 std::sqrt(0.36 + 0.04 + 0.09));
  EXPECT_NEAR(x.skill, expected, 1e-15);
}

TEST(ScorerTest, SamePlaceIsDistanceZeroLocationOne) {
  RoundConfig c;
  c.distance_scale_km = 0.001;  // Even a tiny scale gives exp(0) = 1.
  for (const Scored& s : both(veteran_at(kHandanLat, kHandanLon),
                              posting_at(kHandanLat, kHandanLon), c)) {
    EXPECT_EQ(s.score.distance_km, 0.0) << s.who;
    EXPECT_EQ(s.score.location, 1.0) << s.who;
  }
}

TEST(ScorerTest, HandanToBeijing) {
  RoundConfig c;
  c.distance_scale_km = 100.0;
  for (const Scored& s : both(veteran_at(kHandanLat, kHandanLon),
                              posting_at(kBeijingLat, kBeijingLon), c)) {
    EXPECT_NEAR(s.score.distance_km, kHandanBeijingKm, 1e-6) << s.who;
    // exp(-402.76192169478922 / 100) to 40 digits.
    EXPECT_NEAR(s.score.location, 0.017816697190763813856, 1e-12) << s.who;
  }
  // The distance is symmetric.
  EXPECT_NEAR(score_pair(veteran_at(kBeijingLat, kBeijingLon),
                         posting_at(kHandanLat, kHandanLon), c)
                  .distance_km,
              kHandanBeijingKm, 1e-6);
}

TEST(ScorerTest, KnownDistancesOnTheSphere) {
  const RoundConfig c;
  const double r = 6371.0088;
  const double pi = 3.14159265358979323846;
  struct Case {
    GeoPoint a, b;
    double km;
  };
  const std::vector<Case> cases = {
      {{0, 0}, {0, 1}, 2 * pi * r / 360},            // a degree on the equator
      {{90, 0}, {-90, 0}, pi * r},                   // pole to pole
      {{0, 0}, {0, 180}, pi * r},                    // antipodes, h = 1
      {{0, 179.5}, {0, -179.5}, 2 * pi * r / 360},   // across the antimeridian
      {{89.9, 0}, {89.9, 180}, 0.2 * pi * r / 180},  // over the pole
  };
  for (const Case& k : cases) {
    for (const Scored& s :
         both(veteran_at(k.a.lat, k.a.lon), posting_at(k.b.lat, k.b.lon), c)) {
      EXPECT_NEAR(s.score.distance_km, k.km, 1e-6)
          << s.who << " (" << k.a.lat << "," << k.a.lon << ") -> (" << k.b.lat
          << "," << k.b.lon << ")";
    }
  }
}

TEST(ScorerTest, PreferenceRules) {
  const RoundConfig c;
  struct Case {
    std::vector<std::string> wanted;
    std::string industry;
    double preference;
  };
  const std::vector<Case> cases = {
      {{}, "energy", 1.0},                // names no industries: any will do
      {{}, "", 1.0},                      // ... also a posting naming none
      {{"it", "energy"}, "energy", 1.0},  // one of them
      {{"it", "energy"}, "farming", 0.0},
      {{"it"}, "", 0.0},    // posting names none
      {{"it"}, "IT", 0.0},  // ids are compared exactly
  };
  for (const Case& k : cases) {
    Veteran v = veteran_at(30, 120);
    v.industries = k.wanted;
    Posting p = posting_at(30, 120);
    p.industry = k.industry;
    for (const Scored& s : both(v, p, c)) {
      EXPECT_EQ(s.score.preference, k.preference)
          << s.who << " industry \"" << k.industry << "\"";
    }
  }
}

TEST(ScorerTest, WeightedMeanOfTheComponents) {
  // skill 0.96, location 1 (same place), preference 1.
  Veteran v = veteran_at(30, 120, {{"x", 0.6}, {"y", 0.8}});
  Posting p = posting_at(30, 120, {{"x", 0.8}, {"y", 0.6}});
  Veteran picky = v;
  picky.industries = {"farming"};  // preference 0
  struct Case {
    ScoreWeights w;
    const Veteran* veteran;
    double score;
  };
  const std::vector<Case> cases = {
      {{0.6, 0.3, 0.1}, &v, 0.6 * 0.96 + 0.3 + 0.1},
      {{2.0, 1.0, 1.0}, &v, (2 * 0.96 + 1 + 1) / 4},
      {{1.0, 0.0, 0.0}, &v, 0.96},
      {{0.0, 0.0, 1.0}, &v, 1.0},
      {{0.0, 0.0, 1.0}, &picky, 0.0},
      {{0.6, 0.3, 0.1}, &picky, 0.6 * 0.96 + 0.3},
      {{3.0, 0.0, 1.0}, &picky, 3 * 0.96 / 4},
  };
  for (const Case& k : cases) {
    RoundConfig c;
    c.weights = k.w;
    for (const Scored& s : both(*k.veteran, p, c)) {
      EXPECT_NEAR(s.score.score, k.score, 1e-15)
          << s.who << " weights " << k.w.skill << "," << k.w.location << ","
          << k.w.preference;
    }
  }
}

TEST(ScorerTest, OnlyTheRatiosOfTheWeightsMatter) {
  const Round round = test::random_round(test::RandomRoundOptions{}, 7);
  RoundConfig a = round.config;
  a.weights = {0.6, 0.3, 0.1};
  RoundConfig b = round.config;
  b.weights = {1.2, 0.6, 0.2};  // times 2: every step is exact
  RoundConfig c = round.config;
  c.weights = {6.0, 3.0, 1.0};  // times 10: rounding may differ
  int pairs = 0;
  for (const Veteran& v : round.veterans) {
    for (const Posting& p : round.postings) {
      const PairScore x = score_pair(v, p, a);
      EXPECT_EQ(x.score, score_pair(v, p, b).score) << v.id << " " << p.id;
      EXPECT_NEAR(x.score, score_pair(v, p, c).score, 1e-15)
          << v.id << " " << p.id;
      ++pairs;
    }
  }
  EXPECT_GT(pairs, 100);
}

// The engine's definition and the reference agree on every pair of many
// random rounds: components and score to 1e-12, and the score stays in
// [0, 1].
TEST(ScorerTest, ScorePairMatchesReferenceOnRandomPairs) {
  int pairs = 0;
  int bitwise_different = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    test::RandomRoundOptions o = test::varied_options(seed, 40);
    const Round round = test::random_round(o, seed);
    for (const Veteran& v : round.veterans) {
      for (const Posting& p : round.postings) {
        const PairScore e = score_pair(v, p, round.config);
        const PairScore r = test::reference_score(v, p, round.config);
        ASSERT_NEAR(e.skill, r.skill, 1e-12)
            << seed << " " << v.id << " " << p.id;
        ASSERT_NEAR(e.distance_km, r.distance_km, 1e-9)
            << seed << " " << v.id << " " << p.id;
        ASSERT_NEAR(e.location, r.location, 1e-12)
            << seed << " " << v.id << " " << p.id;
        ASSERT_EQ(e.preference, r.preference)
            << seed << " " << v.id << " " << p.id;
        ASSERT_NEAR(e.score, r.score, 1e-12)
            << seed << " " << v.id << " " << p.id;
        ASSERT_GE(e.score, 0.0);
        ASSERT_LE(e.score, 1.0);
        if (e.score != r.score || e.distance_km != r.distance_km) {
          ++bitwise_different;
        }
        ++pairs;
      }
    }
  }
  EXPECT_GT(pairs, 1000);
  // Both follow the same written expression order, so they agree bit for
  // bit; a difference means one of them strayed from scorer.h / geo.h.
  EXPECT_EQ(bitwise_different, 0) << "of " << pairs << " pairs";
}

}  // namespace
}  // namespace vetmatch
