// Issue 4's exactness requirement for build_shortlists(): on 246 seeded
// random rounds in eleven families of hard cases (ties and duplicate vectors,
// zero vectors, commute limits that cut most pairs, k larger than the
// eligible set, sizes with ragged kernel tiles and realistic skill
// dimensionality, near-duplicate scores, wide and antimeridian geography,
// high latitudes, commute limits exactly at the distance of single pairs,
// more certificates and industries than the rule words have bits for,
// several blocks of veterans whose threads share posting thresholds)
// and on the named edge cases, both directions' shortlists equal the
// double-precision brute-force reference (tests/reference/brute_force.h):
// same ids in the same order, every score field within 1e-9. Each round is
// run eleven times: with 1 and 2 threads, with geo pruning on and off, with
// the build's micro-kernel (AVX-512 where built) and the portable one, and
// with the bfloat16 first pass (both kernels); the eleven results must be
// byte-identical. A last test checks that each
// family really contains the hard case it is named for.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/validate.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/reference/brute_force.h"
#include "tests/support/random_round.h"
#include "tests/support/shortlist_compare.h"

namespace vetmatch {
namespace {

// The engine aims at bitwise equality with the reference; 1e-9 leaves room
// only for a different but equally exact evaluation order.
constexpr double kTolerance = 1e-9;

// ---------------------------------------------------------------------------
// Running the engine eleven ways: threads x geo pruning x kernel, and the
// bfloat16 first pass with each kernel.

struct Setting {
  int threads;
  bool geo_pruning;
  bool portable_kernel;
  bool bf16;
};
constexpr Setting kRuns[] = {
    {1, false, false, false}, {1, true, false, false}, {2, false, false, false},
    {2, true, false, false},  {1, false, true, false}, {1, true, true, false},
    {2, false, true, false},  {2, true, true, false},  {1, true, false, true},
    {2, false, false, true},  {2, true, true, true}};

std::string setting_name(const Setting& run) {
  return "threads " + std::to_string(run.threads) + ", geo_pruning " +
         (run.geo_pruning ? "on" : "off") +
         (run.portable_kernel ? ", portable kernel" : ", build's kernel") +
         (run.bf16 ? ", bf16 first pass" : "");
}

Shortlists build_with(const IndexedRound& ir, const RoundConfig& config,
                      const Setting& run) {
  oneapi::tbb::global_control limit(
      oneapi::tbb::global_control::max_allowed_parallelism, run.threads);
  ShortlistOptions options;
  options.veteran_k = config.veteran_shortlist_k;
  options.posting_k = config.posting_shortlist_k;
  options.geo_pruning = run.geo_pruning;
  options.portable_kernel = run.portable_kernel;
  options.bf16_first_pass = run.bf16;
  return build_shortlists(ir, options);
}

// Each run equals the reference; all runs are byte-identical to the first.
void check_exact(const Round& round) {
  ASSERT_TRUE(validate(round).empty());
  const Shortlists reference = test::reference_shortlists(round);
  const IndexedRound ir = index_round(round);
  std::vector<Shortlists> results;
  for (const Setting& run : kRuns) {
    SCOPED_TRACE(setting_name(run) + " vs reference");
    results.push_back(build_with(ir, round.config, run));
    test::expect_shortlists_match(round, results.back(), reference, kTolerance);
  }
  for (std::size_t i = 1; i < results.size(); ++i) {
    const std::string a = setting_name(kRuns[0]), b = setting_name(kRuns[i]);
    SCOPED_TRACE(a + " vs " + b);
    test::expect_shortlists_identical(round, results[0], results[i], a, b);
  }
}

// ---------------------------------------------------------------------------
// The instances.

// Changes made to a generated round after random_round.
enum class Tweak {
  kNone,
  kNoVeteranSkills,  ///< every veteran's skill map empty
  kNoPostingSkills,  ///< every posting's skill map empty
  kNoSkills,         ///< both sides empty: every skill component is 0
};

struct Instance {
  std::string family;
  std::uint64_t seed = 0;
  test::RandomRoundOptions options;
  Tweak tweak = Tweak::kNone;
};

Instance start(std::string family, std::uint64_t seed) {
  Instance in;
  in.family = std::move(family);
  in.seed = seed;
  return in;
}

Round make_round(const Instance& instance) {
  Round round = test::random_round(instance.options, instance.seed);
  const bool veterans = instance.tweak == Tweak::kNoVeteranSkills ||
                        instance.tweak == Tweak::kNoSkills;
  const bool postings = instance.tweak == Tweak::kNoPostingSkills ||
                        instance.tweak == Tweak::kNoSkills;
  if (veterans) {
    for (Veteran& v : round.veterans) v.skills.clear();
  }
  if (postings) {
    for (Posting& p : round.postings) p.skills.clear();
  }
  return round;
}

const char* tweak_name(Tweak tweak) {
  switch (tweak) {
    case Tweak::kNone:
      return "none";
    case Tweak::kNoVeteranSkills:
      return "no veteran skills";
    case Tweak::kNoPostingSkills:
      return "no posting skills";
    case Tweak::kNoSkills:
      return "no skills";
  }
  return "?";
}

std::string describe(const Instance& instance, const Round& round) {
  const test::RandomRoundOptions& o = instance.options;
  std::ostringstream out;
  out << "family " << instance.family << ", seed " << instance.seed << ": "
      << round.veterans.size() << " veterans, " << round.postings.size()
      << " postings, k " << o.veteran_k << "/" << o.posting_k << ", box "
      << o.box_degrees << " deg at (" << o.box_lat << ", " << o.box_lon
      << "), round commute " << o.round_commute_km << " km, skill vocabulary "
      << o.skill_vocabulary << ", tweak: " << tweak_name(instance.tweak);
  return out.str();
}

// gtest prints a failing test's parameter with this.
void PrintTo(const Instance& instance, std::ostream* out) {
  *out << instance.family << " seed " << instance.seed;
}

// Draws an instance's variations from its seed, so (family, seed) alone
// reproduces it.
class Pick {
 public:
  explicit Pick(std::uint64_t seed) : gen_(seed * 0x9E3779B97F4A7C15ull + 7) {}
  template <typename T>
  T one_of(std::initializer_list<T> values) {
    const std::vector<T> v(values);
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(gen_)];
  }
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(gen_);
  }

 private:
  std::mt19937_64 gen_;
};

const ScoreWeights kDefaultWeights{0.6, 0.3, 0.1};
const ScoreWeights kSkillOnly{1.0, 0.0, 0.0};
const ScoreWeights kLocationOnly{0.0, 1.0, 0.0};
const ScoreWeights kPreferenceOnly{0.0, 0.0, 1.0};
const ScoreWeights kSkewed{2.0, 1.0, 1.0};

using Options = test::RandomRoundOptions;

// Turns off the hard rules that do not depend on geography (kind, spouse,
// education, certificates), so most pairs reach the score filter.
void few_rules(Options& o) {
  o.p_spouse = 0.0;
  o.p_wants_subset = 0.0;
  o.p_other_kind = 0.0;
  o.p_min_education = 0.0;
  o.p_required_certificate = 0.0;
}

// (a) Exact ties and exact duplicate vectors: few skills with one or two
// weights, many copied records, most records on a few shared points, and
// weights that make whole lists tie, so the id order decides lists and
// their cut at k.
void add_ties(std::vector<Instance>& out) {
  for (int i = 0; i < 20; ++i) {
    Instance in = start("ties", 1000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({5, 13, 40, 80, 130});
    o.postings = pick.one_of({5, 20, 33, 60});
    o.skill_vocabulary = pick.one_of({1, 2, 3, 4});
    o.weight_set = pick.one_of<std::vector<double>>({{1.0}, {0.5, 1.0}});
    o.p_duplicate_veteran = pick.one_of({0.3, 0.5, 0.8});
    o.p_duplicate_posting = pick.one_of({0.3, 0.5, 0.8});
    o.p_shared_location = pick.one_of({0.5, 0.9, 1.0});
    o.box_degrees = pick.one_of({0.01, 0.5});
    o.weights = pick.one_of(
        {kDefaultWeights, kSkillOnly, kLocationOnly, kPreferenceOnly, kSkewed});
    o.veteran_k = pick.one_of({1, 2, 3, 7});
    o.posting_k = pick.one_of({1, 2, 3, 7});
    out.push_back(in);
  }
}

// (b) Zero vectors: most or all skill maps empty, and rounds where every
// map on one side (or both) is empty, so skill components are exactly 0
// and normalised rows are rows of zeros.
void add_zero_vectors(std::vector<Instance>& out) {
  const Tweak tweaks[] = {Tweak::kNone, Tweak::kNoVeteranSkills,
                          Tweak::kNoPostingSkills, Tweak::kNoSkills};
  for (int i = 0; i < 16; ++i) {
    Instance in = start("zero_vectors", 2000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    in.tweak = tweaks[i % 4];
    o.veterans = pick.one_of({12, 40, 100});
    o.postings = pick.one_of({20, 33, 70});
    o.p_empty_skills = pick.one_of({0.5, 0.8, 1.0});
    o.skill_vocabulary = pick.one_of({3, 12, 60});
    o.weights = pick.one_of({kDefaultWeights, kSkillOnly, kSkewed});
    o.veteran_k = pick.one_of({1, 3, 10});
    o.posting_k = pick.one_of({1, 3, 10});
    out.push_back(in);
  }
}

// (c) Commute limits that cut most pairs: a 2-5 degree box (200-550 km)
// with a 5-30 km round limit, per-veteran limits (some tiny, so only
// shared-location pairs survive), and limits exactly at a pair's distance
// or the double just below it.
void add_commute_cuts(std::vector<Instance>& out) {
  for (int i = 0; i < 20; ++i) {
    Instance in = start("commute_cuts", 3000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({12, 40, 97, 150, 250});
    o.postings = pick.one_of({20, 33, 64, 130});
    o.box_degrees = pick.one_of({2.0, 3.0, 5.0});
    o.round_commute_km = pick.one_of({5.0, 15.0, 30.0});
    o.p_veteran_commute = pick.one_of({0.3, 0.8, 1.0});
    if (i % 2) few_rules(o);
    o.veteran_commute_scale_km = pick.one_of({0.01, 10.0, 40.0});
    o.p_commute_on_boundary = pick.one_of({0.0, 0.3, 0.8});
    o.p_shared_location = pick.one_of({0.1, 0.4});
    o.weights = pick.one_of({kDefaultWeights, kLocationOnly, kSkewed});
    o.distance_scale_km = pick.one_of({1.0, 10.0, 30.0});
    o.veteran_k = pick.one_of({1, 3, 10, 1000});
    o.posting_k = pick.one_of({1, 3, 10, 1000});
    out.push_back(in);
  }
}

// (d) k larger than the eligible set, and k of 0 and 1: lists end because
// the eligible pairs run out, not at k (k = 50 with 20 postings, k of
// 1000), many hard-rule exclusions, and one side or both with k = 0.
void add_large_k(std::vector<Instance>& out) {
  const int ks[][2] = {{50, 50}, {1000, 1000}, {0, 1},     {1, 0},
                       {0, 0},   {1, 1},       {50, 1000}, {1000, 0}};
  for (int i = 0; i < 16; ++i) {
    Instance in = start("large_k", 4000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({10, 40, 60});
    o.postings = i < 8 ? 20 : pick.one_of({1, 5, 33});
    o.veteran_k = ks[i % 8][0];
    o.posting_k = ks[i % 8][1];
    o.p_wants_subset = 0.5;
    o.p_required_certificate = 0.3;
    o.declines_per_veteran = pick.one_of({0.5, 2.0});
    o.taken_fraction = pick.one_of({0.0, 0.3});
    o.round_commute_km = pick.one_of({0.0, 20.0});
    out.push_back(in);
  }
}

// (e) Sizes that span several kernel tiles with ragged edges (veteran
// groups of 12, posting panels of 32, the current kernel's blocks of 128 x
// 512), from 1 x 1 to 700 x 300; every third, and the largest, with
// realistic skill dimensionality (a vocabulary of 200+, density 0.3,
// continuous weights, few hard rules), where float dot products carry real
// rounding error and most pairs reach the float bounds.
void add_tile_sizes(std::vector<Instance>& out) {
  const int sizes[][2] = {{1, 1},    {1, 300},   {11, 31},  {12, 32},
                          {13, 33},  {31, 65},   {32, 64},  {33, 97},
                          {97, 33},  {385, 1},   {385, 96}, {24, 96},
                          {25, 97},  {129, 513}, {700, 65}, {12, 300},
                          {700, 31}, {385, 300}, {140, 33}, {700, 300}};
  for (int i = 0; i < 20; ++i) {
    Instance in = start("tile_sizes", 5000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = sizes[i][0];
    o.postings = sizes[i][1];
    if (i % 3 == 0 || i == 19) {
      o.skill_vocabulary = pick.one_of({200, 250});
      o.skill_density = 0.3;
      o.weight_set.clear();
      o.p_empty_skills = 0.02;
      few_rules(o);
    } else {
      o.skill_vocabulary = pick.one_of({8, 30});
    }
    if (i % 4 == 1) {
      o.box_degrees = 2.0;
      o.round_commute_km = 30.0;
    }
    o.veteran_k = pick.one_of({1, 5, 10, 20});
    o.posting_k = pick.one_of({1, 5, 10, 20});
    out.push_back(in);
  }
}

// (f) Near-duplicate scores: records copied and moved by up to 1e-7
// degrees or with weights scaled by up to 1 - 1e-9, so pairs differ by far
// less than float precision and only the exact rescoring can order them;
// and (from i = 16) copies whose weights are each scaled by up to 1 - 1e-7
// .. 1 - 1e-5, so skill cosines differ by about as much as float rounding
// and the float estimates order such pairs either way: only a large enough
// candidate margin keeps the right ones; from i = 28 with dense 250-skill
// vectors and skill-only weights, where float dot products stray furthest
// (these catch a margin without the (d + 8) * 2^-22 cosine bound); from
// i = 48 with copies moved by 1e-6 to 1e-4 degrees (10 cm to 10 m) at a
// distance scale of 1 to 3 km, where location components differ by about
// as much as an estimated distance errs.
void add_near_duplicates(std::vector<Instance>& out) {
  for (int i = 0; i < 60; ++i) {
    Instance in = start("near_duplicates", 6000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    if (i >= 48) {
      o.veterans = pick.one_of({60, 120, 200});
      o.postings = pick.one_of({40, 70, 100});
      o.p_near_duplicate = 0.9;
      o.near_duplicate_degrees = pick.one_of({1e-6, 1e-5, 1e-4});
      few_rules(o);
      o.box_degrees = pick.one_of({0.01, 0.05});
      o.distance_scale_km = pick.one_of({1.0, 3.0});
      o.weights = pick.one_of({kDefaultWeights, kLocationOnly});
      o.veteran_k = pick.one_of({1, 2, 5});
      o.posting_k = pick.one_of({1, 2, 5});
      out.push_back(in);
      continue;
    }
    if (i >= 28) {
      o.veterans = 200;
      o.postings = 100;
      o.p_near_duplicate = 0.9;
      o.near_duplicate_weight_scale = pick.one_of({1e-6, 1e-5, 1e-4});
      few_rules(o);
      o.weight_set.clear();
      o.skill_vocabulary = 250;
      o.skill_density = pick.one_of({0.3, 0.9});
      o.weights = kSkillOnly;
      o.veteran_k = pick.one_of({1, 2, 5});
      o.posting_k = pick.one_of({1, 2, 5});
      out.push_back(in);
      continue;
    }
    if (i >= 16) {
      o.veterans = pick.one_of({60, 120, 200});
      o.postings = pick.one_of({40, 70, 100});
      o.p_near_duplicate = pick.one_of({0.6, 0.9});
      o.near_duplicate_weight_scale = pick.one_of({1e-7, 1e-6, 1e-5});
      few_rules(o);
      o.weight_set.clear();
      o.skill_vocabulary = pick.one_of({8, 30, 200});
      o.weights = pick.one_of({kDefaultWeights, kSkillOnly});
      o.veteran_k = pick.one_of({1, 2, 5});
      o.posting_k = pick.one_of({1, 2, 5});
      out.push_back(in);
      continue;
    }
    o.veterans = pick.one_of({30, 80, 150});
    o.postings = pick.one_of({20, 40, 100});
    o.p_near_duplicate = pick.one_of({0.3, 0.6, 0.9});
    if (i % 4 < 2) few_rules(o);
    o.p_duplicate_veteran = 0.1;
    o.p_duplicate_posting = 0.1;
    if (i % 2) o.weight_set.clear();
    o.skill_vocabulary = pick.one_of({3, 8, 30});
    o.box_degrees = pick.one_of({0.01, 0.5});
    o.distance_scale_km = pick.one_of({1.0, 30.0});
    o.p_commute_on_boundary = pick.one_of({0.0, 0.3});
    o.weights = pick.one_of({kDefaultWeights, kSkillOnly, kLocationOnly});
    o.veteran_k = pick.one_of({1, 2, 5});
    o.posting_k = pick.one_of({1, 2, 5});
    out.push_back(in);
  }
}

// (g) Geography over a big box (10-40 degrees), half of them across the
// antimeridian and some across the equator, with commute limits of 100 to
// 1000 km: bounding regions on the sphere are large, longitudes wrap, and
// pruning must not lose a pair on either side of the date line.
void add_wide_geography(std::vector<Instance>& out) {
  for (int i = 0; i < 20; ++i) {
    Instance in = start("wide_geography", 7000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({60, 120, 250});
    o.postings = pick.one_of({40, 70, 130});
    o.box_degrees = pick.one_of({10.0, 20.0, 40.0});
    if (i % 4 < 2) few_rules(o);
    o.box_lon = i % 2 ? 180.0 - o.box_degrees / 2 : pick.uniform(-170, 100);
    o.box_lat = pick.one_of({-50.0, -o.box_degrees / 2, 20.0, 45.0});
    o.round_commute_km = pick.one_of({0.0, 100.0, 300.0, 1000.0});
    o.p_veteran_commute = pick.one_of({0.2, 0.8});
    o.veteran_commute_scale_km = pick.one_of({50.0, 500.0});
    o.p_commute_on_boundary = 0.3;
    o.p_shared_location = pick.one_of({0.1, 0.3});
    o.distance_scale_km = pick.one_of({30.0, 300.0});
    o.weights = pick.one_of({kDefaultWeights, kLocationOnly});
    o.veteran_k = pick.one_of({1, 5, 10});
    o.posting_k = pick.one_of({1, 5, 20});
    out.push_back(in);
  }
}

// (h) High latitudes (60-85 degrees) where a degree of longitude is short,
// some boxes running into the pole (latitudes clamped to exactly 90, many
// records on the pole with different longitudes) or across the
// antimeridian, with tight and loose commute limits.
void add_high_latitude(std::vector<Instance>& out) {
  for (int i = 0; i < 12; ++i) {
    Instance in = start("high_latitude", 8000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({40, 100, 200});
    o.postings = pick.one_of({30, 65, 100});
    o.box_lat = pick.one_of({60.0, 70.0, 80.0, 85.0});
    if (i % 2) few_rules(o);
    o.box_degrees = pick.one_of({2.0, 5.0, 10.0});
    o.box_lon = pick.one_of({-20.0, 178.0});
    o.round_commute_km = pick.one_of({10.0, 50.0, 200.0});
    o.p_veteran_commute = 0.5;
    o.veteran_commute_scale_km = pick.one_of({10.0, 100.0});
    o.p_commute_on_boundary = 0.3;
    o.weights = pick.one_of({kDefaultWeights, kLocationOnly});
    o.veteran_k = pick.one_of({1, 5, 10});
    o.posting_k = pick.one_of({1, 5, 10});
    out.push_back(in);
  }
}

// (i) Commute limits exactly at a pair's distance (or the double below it)
// in rounds of one or two records a side, in a box of 0.01 to 0.5 degrees
// anywhere between latitudes -80 and 80: tiles are single points, so geo
// pruning's lower bound on the distance is as tight as it gets and must still
// allow for the rounding of the float unit vectors (these catch a bound without
// that slack).
void add_boundary_pairs(std::vector<Instance>& out) {
  for (int i = 0; i < 40; ++i) {
    Instance in = start("boundary_pairs", 9000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({1, 1, 2});
    o.postings = pick.one_of({1, 1, 2});
    few_rules(o);
    o.p_shared_location = 0.0;
    o.p_duplicate_veteran = 0.0;
    o.p_duplicate_posting = 0.0;
    o.declines_per_veteran = 0.0;
    o.taken_fraction = 0.0;
    o.p_commute_on_boundary = 1.0;
    o.box_degrees = pick.one_of({0.01, 0.1, 0.5});
    o.box_lat = pick.uniform(-80, 80);
    o.box_lon = pick.uniform(-180, 179);
    out.push_back(in);
  }
}

// (j) More certificates and industries than the kernel's rule words have
// bits for (19 and 31): certificates then share bits, so the words are
// only a necessary condition and the certificate rule must be checked
// exactly for postings whose certificates share; preferences likewise.
void add_many_certificates(std::vector<Instance>& out) {
  for (int i = 0; i < 16; ++i) {
    Instance in = start("many_certificates", 10000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({40, 120, 300});
    o.postings = pick.one_of({40, 100, 200});
    o.certificate_vocabulary = pick.one_of({20, 25, 43, 70});
    o.p_required_certificate = pick.one_of({0.5, 0.8, 1.0});
    o.industry_vocabulary = pick.one_of({5, 32, 40, 60});
    o.p_veteran_industries = pick.one_of({0.4, 0.8});
    o.veteran_k = pick.one_of({3, 10, 50});
    o.posting_k = pick.one_of({3, 10, 50});
    out.push_back(in);
  }
}

// (k) Several blocks of veterans (the scan's blocks are 768): each
// posting's list is then the union of lists the threads built over
// different blocks, with the thresholds they share between blocks; deep
// posting lists over few postings make those thresholds matter.
void add_several_blocks(std::vector<Instance>& out) {
  for (int i = 0; i < 6; ++i) {
    Instance in = start("several_blocks", 11000u + i);
    Pick pick(in.seed);
    Options& o = in.options;
    o.veterans = pick.one_of({2300, 3100, 3900});
    o.postings = pick.one_of({40, 90});
    o.skill_vocabulary = pick.one_of({30, 200});
    if (o.skill_vocabulary >= 200) {
      o.skill_density = 0.3;
      o.weight_set.clear();
    }
    // Most pairs eligible, so that every posting's list fills within a
    // block and its threshold is shared (no veterans taken: with so many
    // veterans per posting they would use every opening up).
    few_rules(o);
    o.p_veteran_commute = 0.0;
    o.taken_fraction = 0.0;
    if (i % 3 == 2) o.round_commute_km = 60.0;
    o.veteran_k = pick.one_of({3, 5});
    o.posting_k = pick.one_of({20, 50});
    out.push_back(in);
  }
}

const std::vector<Instance>& all_instances() {
  static const std::vector<Instance> instances = [] {
    std::vector<Instance> out;
    add_ties(out);
    add_zero_vectors(out);
    add_commute_cuts(out);
    add_large_k(out);
    add_tile_sizes(out);
    add_near_duplicates(out);
    add_wide_geography(out);
    add_high_latitude(out);
    add_boundary_pairs(out);
    add_many_certificates(out);
    add_several_blocks(out);
    return out;
  }();
  return instances;
}

std::vector<Instance> family(const std::string& name) {
  std::vector<Instance> out;
  for (const Instance& in : all_instances()) {
    if (in.family == name) out.push_back(in);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The tests.

class ExactnessTest : public ::testing::TestWithParam<Instance> {};

TEST_P(ExactnessTest, EveryRunEqualsTheReference) {
  const Instance& instance = GetParam();
  const Round round = make_round(instance);
  SCOPED_TRACE(describe(instance, round));
  check_exact(round);
}

INSTANTIATE_TEST_SUITE_P(Families, ExactnessTest,
                         ::testing::ValuesIn(all_instances()),
                         [](const ::testing::TestParamInfo<Instance>& info) {
                           return info.param.family + "_" +
                                  std::to_string(info.param.seed);
                         });

TEST(ExactnessTest, AtLeast120Instances) {
  EXPECT_GE(all_instances().size(), 120u);
}

// The named edge cases of tests/support/random_round.h (no veterans, no
// postings, one veteran, all pairs ineligible, every opening taken, ...)
// and a few more: one posting, one pair, every pair beyond its commute.
std::vector<test::NamedRound> edge_cases() {
  std::vector<test::NamedRound> out = test::edge_case_rounds();
  {
    Options o;
    o.veterans = 50;
    o.postings = 1;
    o.taken_fraction = 0.0;
    o.posting_k = 1000;
    out.push_back({"one_posting", test::random_round(o, 21)});
  }
  {
    Options o;
    o.veterans = 1;
    o.postings = 1;
    o.taken_fraction = 0.0;
    o.p_wants_subset = 0.0;
    o.p_spouse = 0.0;
    o.p_min_education = 0.0;
    o.p_required_certificate = 0.0;
    o.declines_per_veteran = 0.0;
    o.p_veteran_commute = 0.0;
    out.push_back({"one_pair", test::random_round(o, 22)});
  }
  {
    // Every pair at least some metres apart, every limit 1 m.
    Options o;
    o.veterans = 60;
    o.postings = 40;
    o.box_degrees = 1.0;
    o.p_shared_location = 0.0;
    o.p_duplicate_veteran = 0.0;
    o.p_duplicate_posting = 0.0;
    o.round_commute_km = 0.001;
    o.p_veteran_commute = 0.0;
    out.push_back({"all_beyond_commute", test::random_round(o, 23)});
  }
  return out;
}

class ExactnessEdgeCaseTest
    : public ::testing::TestWithParam<test::NamedRound> {};

TEST_P(ExactnessEdgeCaseTest, EveryRunEqualsTheReference) {
  SCOPED_TRACE("edge case " + GetParam().name);
  check_exact(GetParam().round);
}

INSTANTIATE_TEST_SUITE_P(
    Named, ExactnessEdgeCaseTest, ::testing::ValuesIn(edge_cases()),
    [](const ::testing::TestParamInfo<test::NamedRound>& info) {
      return info.param.name;
    });

TEST(ExactnessEdgeCaseTest, IneligibleRoundsHaveEmptyLists) {
  for (const test::NamedRound& named : edge_cases()) {
    if (named.name != "all_ineligible" && named.name != "all_openings_taken" &&
        named.name != "all_beyond_commute") {
      continue;
    }
    const IndexedRound ir = index_round(named.round);
    for (const Setting& run : kRuns) {
      const Shortlists s = build_with(ir, named.round.config, run);
      EXPECT_TRUE(s.veteran_entries.empty())
          << named.name << ", " << setting_name(run);
      EXPECT_TRUE(s.posting_entries.empty())
          << named.name << ", " << setting_name(run);
    }
  }
}

// ---------------------------------------------------------------------------
// Each family holds the hard case it is named for (counted with the
// reference over the family's rounds), so the exactness tests above do not
// pass on easy inputs.

struct FamilyCounts {
  int rounds = 0;
  long pairs = 0;  ///< veteran (not taken) x posting
  long eligible = 0;
  long past_static_rules = 0;  ///< kind, spouse, education, certificates ok
  long beyond_commute = 0;
  long on_boundary = 0;      ///< eligible, distance exactly the limit
  long ties_at_cut = 0;      ///< list's last entry ties the first left out
  long tied_neighbours = 0;  ///< equal scores next to each other in a list
  long near_ties = 0;        ///< 0 < gap < 1e-7 next to each other
  long short_lists = 0;      ///< fewer eligible postings than k (k > 0)
  long zero_k_rounds = 0;
  long empty_skill_records = 0;
  long rounds_with_a_side_empty = 0;  ///< every map on one side empty
  long across_antimeridian = 0;       ///< eligible, |lon difference| > 180
  long high_latitude_eligible = 0;    ///< eligible, both above 60 degrees
  long at_pole = 0;                   ///< records at latitude 90
  long realistic_eligible = 0;        ///< eligible, skill vocabulary 200+
  int max_veterans = 0;
  int max_postings = 0;
};

FamilyCounts count(const std::string& name) {
  FamilyCounts c;
  for (const Instance& in : family(name)) {
    const Round round = make_round(in);
    const test::ReferenceRound ref(round);
    ++c.rounds;
    c.max_veterans = std::max<int>(c.max_veterans, round.veterans.size());
    c.max_postings = std::max<int>(c.max_postings, round.postings.size());
    const int k = round.config.veteran_shortlist_k;
    if (k == 0 || round.config.posting_shortlist_k == 0) ++c.zero_k_rounds;
    bool veterans_empty = true, postings_empty = true;
    for (const Veteran& v : round.veterans) {
      if (v.skills.empty()) ++c.empty_skill_records;
      veterans_empty = veterans_empty && v.skills.empty();
      if (v.location.lat == 90.0) ++c.at_pole;
    }
    for (const Posting& p : round.postings) {
      if (p.skills.empty()) ++c.empty_skill_records;
      postings_empty = postings_empty && p.skills.empty();
      if (p.location.lat == 90.0) ++c.at_pole;
    }
    if ((veterans_empty && !round.veterans.empty()) ||
        (postings_empty && !round.postings.empty())) {
      ++c.rounds_with_a_side_empty;
    }
    for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
      if (ref.is_out(v)) continue;
      const Veteran& vet = round.veterans[v];
      const std::optional<double> limit =
          vet.max_commute_km ? vet.max_commute_km : round.config.max_commute_km;
      std::vector<double> scores;
      for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
        ++c.pairs;
        const Ineligibility why = ref.eligibility(v, p);
        if (why == Ineligibility::kEligible ||
            why >= Ineligibility::kBeyondCommute) {
          ++c.past_static_rules;
        }
        if (why == Ineligibility::kBeyondCommute) ++c.beyond_commute;
        if (why != Ineligibility::kEligible) continue;
        ++c.eligible;
        if (in.options.skill_vocabulary >= 200) ++c.realistic_eligible;
        const GeoPoint& a = vet.location;
        const GeoPoint& b = round.postings[p].location;
        const double km = test::reference_distance_km(a, b);
        if (limit && km == *limit) ++c.on_boundary;
        if (std::abs(a.lon - b.lon) > 180.0) ++c.across_antimeridian;
        if (a.lat > 60.0 && b.lat > 60.0) ++c.high_latitude_eligible;
        scores.push_back(ref.score(v, p).score);
      }
      std::sort(scores.begin(), scores.end(), std::greater<>());
      if (k > 0 && int(scores.size()) < k) ++c.short_lists;
      if (k > 0 && int(scores.size()) > k && scores[k - 1] == scores[k]) {
        ++c.ties_at_cut;
      }
      for (std::size_t i = 1; i < scores.size(); ++i) {
        const double gap = scores[i - 1] - scores[i];
        if (gap == 0) ++c.tied_neighbours;
        if (gap > 0 && gap < 1e-7) ++c.near_ties;
      }
    }
  }
  return c;
}

TEST(ExactnessFamilies, ManyCertificatesShareBits) {
  int rounds_sharing = 0, rounds_industries = 0;
  for (const Instance& in : family("many_certificates")) {
    const Round round = make_round(in);
    std::set<std::string> required, industries;
    for (const Posting& p : round.postings) {
      required.insert(p.required_certificates.begin(),
                      p.required_certificates.end());
      if (!p.industry.empty()) industries.insert(p.industry);
    }
    for (const Veteran& v : round.veterans) {
      industries.insert(v.industries.begin(), v.industries.end());
    }
    rounds_sharing += required.size() > 19;
    rounds_industries += industries.size() > 31;
  }
  EXPECT_GE(rounds_sharing, 8);
  EXPECT_GE(rounds_industries, 4);
}

TEST(ExactnessFamilies, SeveralBlocksSpanBlocks) {
  int rounds = 0;
  for (const Instance& in : family("several_blocks")) {
    const Round round = make_round(in);
    ++rounds;
    EXPECT_GT(round.veterans.size(), 2u * 768u) << in.seed;
  }
  EXPECT_EQ(rounds, 6);
}

// The several_blocks rounds are mostly eligible pairs, so the posting
// lists fill and the threads' thresholds are shared.
TEST(ExactnessFamilies, SeveralBlocksAreMostlyEligible) {
  const FamilyCounts c = count("several_blocks");
  EXPECT_GT(c.eligible, c.pairs / 2);
}

TEST(ExactnessFamilies, HoldTheirHardCases) {
  {
    const FamilyCounts c = count("ties");
    EXPECT_GT(c.ties_at_cut, 100) << "ties";
    EXPECT_GT(c.tied_neighbours, 1000) << "ties";
  }
  {
    const FamilyCounts c = count("zero_vectors");
    EXPECT_GE(c.rounds_with_a_side_empty, 12) << "zero_vectors";
    EXPECT_GT(c.empty_skill_records, 1000) << "zero_vectors";
  }
  {
    const FamilyCounts c = count("commute_cuts");
    EXPECT_GT(c.beyond_commute, c.past_static_rules * 3 / 4) << "commute_cuts";
    EXPECT_GT(c.on_boundary, 20) << "commute_cuts";
    EXPECT_GT(c.eligible, 1000) << "commute_cuts";
  }
  {
    const FamilyCounts c = count("large_k");
    EXPECT_GT(c.short_lists, 200) << "large_k";
    EXPECT_GE(c.zero_k_rounds, 8) << "large_k";
  }
  {
    const FamilyCounts c = count("tile_sizes");
    EXPECT_GE(c.max_veterans, 700) << "tile_sizes";
    EXPECT_GE(c.max_postings, 300) << "tile_sizes";
    EXPECT_GT(c.realistic_eligible, 100000) << "tile_sizes";
  }
  {
    const FamilyCounts c = count("near_duplicates");
    EXPECT_GT(c.near_ties, 200) << "near_duplicates";
  }
  {
    const FamilyCounts c = count("wide_geography");
    EXPECT_GT(c.across_antimeridian, 500) << "wide_geography";
    EXPECT_GT(c.beyond_commute, c.past_static_rules / 2) << "wide_geography";
    EXPECT_GT(c.on_boundary, 20) << "wide_geography";
  }
  {
    const FamilyCounts c = count("boundary_pairs");
    EXPECT_GT(c.on_boundary, 10) << "boundary_pairs";
  }
  {
    const FamilyCounts c = count("high_latitude");
    EXPECT_GT(c.high_latitude_eligible, 1000) << "high_latitude";
    EXPECT_GT(c.at_pole, 50) << "high_latitude";
    EXPECT_GT(c.across_antimeridian, 50) << "high_latitude";
  }
}

}  // namespace
}  // namespace vetmatch
