// IndexedRoundBuilder and index_generated_round (issue 4, the province
// preset): the IndexedRound built from veterans fed one by one, in any
// order or in encoded batches, or streamed from the generator block by
// block, equals field by field (every vector, every float and double
// bitwise, slots, vocabulary numbering) the one index_round() built before
// the builder existed (tests/support/index_round_reference.h), on random
// rounds (taken, declined, unsorted and multi-byte ids) and generated ones;
// and build_shortlists() on the streamed IndexedRound of a province slice
// equals build_shortlists() on index_round(generate_round + resolve_skills)
// exactly.
#include "engine/scoring/indexed_round_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/generator/generator.h"
#include "datasets/generator/indexed_generation.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "engine/skills/resolve_skills.h"
#include "tests/support/index_round_reference.h"
#include "tests/support/random_round.h"
#include "tests/support/shortlist_compare.h"

namespace vetmatch {
namespace {

// ---------------------------------------------------------------------------
// Field-by-field, bitwise comparison.

template <typename T>
void expect_same(const std::vector<T>& a, const std::vector<T>& b,
                 const char* field) {
  static_assert(std::has_unique_object_representations_v<T> ||
                std::is_floating_point_v<T>);
  ASSERT_EQ(a.size(), b.size()) << field;
  if (a.empty()) return;
  if (std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) != 0) {
    std::size_t i = 0;
    while (std::memcmp(&a[i], &b[i], sizeof(T)) == 0) ++i;
    ADD_FAILURE() << field << " differs first at " << i << " of " << a.size();
  }
}

void expect_same(const std::vector<IndexedRound::Place>& a,
                 const std::vector<IndexedRound::Place>& b, const char* field) {
  ASSERT_EQ(a.size(), b.size()) << field;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double x[] = {a[i].lat_rad, a[i].cos_lat, a[i].lon_deg};
    const double y[] = {b[i].lat_rad, b[i].cos_lat, b[i].lon_deg};
    if (std::memcmp(x, y, sizeof x) != 0) {
      ADD_FAILURE() << field << " differs first at " << i;
      return;
    }
  }
}

void expect_same(const SparseRows& a, const SparseRows& b, const char* field) {
  SCOPED_TRACE(field);
  expect_same(a.offsets, b.offsets, "offsets");
  expect_same(a.norms, b.norms, "norms");
  ASSERT_EQ(a.entries.size(), b.entries.size()) << "entries";
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (a.entries[i].skill != b.entries[i].skill ||
        std::memcmp(&a.entries[i].weight, &b.entries[i].weight,
                    sizeof(double)) != 0) {
      ADD_FAILURE() << "entries differ first at " << i;
      return;
    }
  }
}

void expect_same(const IdSets& a, const IdSets& b, const char* field) {
  SCOPED_TRACE(field);
  expect_same(a.offsets, b.offsets, "offsets");
  expect_same(a.ids, b.ids, "ids");
}

void expect_same(const FloatMatrix& a, const FloatMatrix& b,
                 const char* field) {
  ASSERT_EQ(a.rows(), b.rows()) << field;
  ASSERT_EQ(a.cols(), b.cols()) << field;
  if (a.size() == 0) return;
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0)
      << field;
}

enum class VeteranMatrix { kCompare, kExpectEmpty };

// `a` (built by the code under test) equals the reference `b`; with
// kExpectEmpty, a.veteran_matrix must be 0 x 0 instead.
void expect_same(const IndexedRound& a, const IndexedRound& b,
                 VeteranMatrix matrix = VeteranMatrix::kCompare) {
  EXPECT_EQ(a.n_veterans, b.n_veterans);
  EXPECT_EQ(a.n_postings, b.n_postings);
  expect_same(a.veteran_of, b.veteran_of, "veteran_of");
  expect_same(a.posting_of, b.posting_of, "posting_of");
  expect_same(a.veteran_slot, b.veteran_slot, "veteran_slot");
  expect_same(a.posting_slot, b.posting_slot, "posting_slot");
  expect_same(a.veteran_skills, b.veteran_skills, "veteran_skills");
  expect_same(a.posting_skills, b.posting_skills, "posting_skills");
  if (matrix == VeteranMatrix::kCompare) {
    expect_same(a.veteran_matrix, b.veteran_matrix, "veteran_matrix");
  } else {
    EXPECT_EQ(a.veteran_matrix.size(), 0);
  }
  expect_same(a.posting_matrix, b.posting_matrix, "posting_matrix");
  expect_same(a.column_of_skill, b.column_of_skill, "column_of_skill");
  EXPECT_EQ(a.skill_columns, b.skill_columns);
  expect_same(a.veteran_place, b.veteran_place, "veteran_place");
  expect_same(a.posting_place, b.posting_place, "posting_place");
  expect_same(a.veteran_xyz, b.veteran_xyz, "veteran_xyz");
  expect_same(a.posting_xyz, b.posting_xyz, "posting_xyz");
  expect_same(a.veteran_wants, b.veteran_wants, "veteran_wants");
  expect_same(a.veteran_is_spouse, b.veteran_is_spouse, "veteran_is_spouse");
  expect_same(a.veteran_education, b.veteran_education, "veteran_education");
  expect_same(a.veteran_cert_mask, b.veteran_cert_mask, "veteran_cert_mask");
  expect_same(a.veteran_certs, b.veteran_certs, "veteran_certs");
  expect_same(a.veteran_industries, b.veteran_industries, "veteran_industries");
  expect_same(a.veteran_commute_km, b.veteran_commute_km, "veteran_commute_km");
  expect_same(a.posting_kind_bit, b.posting_kind_bit, "posting_kind_bit");
  expect_same(a.posting_admits_spouses, b.posting_admits_spouses,
              "posting_admits_spouses");
  expect_same(a.posting_min_education, b.posting_min_education,
              "posting_min_education");
  expect_same(a.posting_cert_mask, b.posting_cert_mask, "posting_cert_mask");
  expect_same(a.posting_certs, b.posting_certs, "posting_certs");
  expect_same(a.posting_industry, b.posting_industry, "posting_industry");
  expect_same(a.posting_open, b.posting_open, "posting_open");
  expect_same(a.posting_withdrawn, b.posting_withdrawn, "posting_withdrawn");
  expect_same(a.declined, b.declined, "declined");
  EXPECT_EQ(std::memcmp(&a.weights, &b.weights, sizeof a.weights), 0);
  EXPECT_EQ(
      std::memcmp(&a.distance_scale_km, &b.distance_scale_km, sizeof(double)),
      0);
}

// ---------------------------------------------------------------------------
// Feeding the builder in other ways than index_round() does.

// Every record in a seeded random order, one at a time.
IndexedRound built_shuffled(const Round& round, std::uint64_t seed,
                            IndexedRoundBuildOptions options = {}) {
  std::vector<VeteranIndex> order(round.veterans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = VeteranIndex(i);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  IndexedRoundBuilder builder(round, options);
  for (VeteranIndex v : order) builder.add_veteran(round.veterans[v], v);
  return builder.finish();
}

// Round order, in encoded batches of random sizes (some empty).
IndexedRound built_in_batches(const Round& round, std::uint64_t seed,
                              IndexedRoundBuildOptions options = {}) {
  std::mt19937_64 rng(seed);
  IndexedRoundBuilder builder(round, options);
  const std::span<const Veteran> all(round.veterans);
  std::size_t first = 0;
  while (first < all.size()) {
    const std::size_t size =
        std::min<std::size_t>(all.size() - first, rng() % 9);
    builder.add(builder.encode(all.subspan(first, size), VeteranIndex(first)));
    first += size;
  }
  return builder.finish();
}

class RandomRounds : public ::testing::TestWithParam<int> {};

TEST_P(RandomRounds, EveryWayOfFeedingGivesTheReference) {
  const std::uint64_t seed = GetParam();
  const Round round = test::random_round(test::varied_options(seed, 150), seed);
  SCOPED_TRACE("seed " + std::to_string(seed) + ", " +
               std::to_string(round.veterans.size()) + " veterans, " +
               std::to_string(round.taken.size()) + " taken, " +
               std::to_string(round.declined.size()) + " declined");
  const IndexedRound reference = test::reference_index_round(round);
  {
    SCOPED_TRACE("index_round");
    expect_same(index_round(round), reference);
  }
  {
    SCOPED_TRACE("shuffled, one by one");
    expect_same(built_shuffled(round, seed), reference);
  }
  {
    SCOPED_TRACE("Round order, batches, no veteran matrix");
    expect_same(built_in_batches(round, seed, {.veteran_matrix = false}),
                reference, VeteranMatrix::kExpectEmpty);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomRounds, ::testing::Range(0, 120));

TEST(EdgeCaseRounds, IndexRoundGivesTheReference) {
  for (const test::NamedRound& named : test::edge_case_rounds()) {
    SCOPED_TRACE(named.name);
    const IndexedRound reference = test::reference_index_round(named.round);
    expect_same(index_round(named.round), reference);
    expect_same(built_shuffled(named.round, 7), reference);
    expect_same(built_in_batches(named.round, 7), reference);
  }
}

TEST(IndexedRoundBuilder, RejectsIndicesThatAreNotEachRecordOnce) {
  const Round round = test::random_round(test::varied_options(3), 3);
  ASSERT_GE(round.veterans.size(), 2u);
  {
    // A record fed twice under two indices.
    IndexedRoundBuilder builder(round);
    for (std::size_t i = 0; i < round.veterans.size(); ++i) {
      builder.add_veteran(round.veterans[i], VeteranIndex(i));
    }
    builder.add_veteran(round.veterans[0], VeteranIndex(0));
    EXPECT_THROW(builder.finish(), std::invalid_argument);
  }
  {
    // An index past the records fed.
    Round no_history = round;
    no_history.taken.clear();
    no_history.declined.clear();
    IndexedRoundBuilder builder(no_history);
    builder.add_veteran(no_history.veterans[0], 5);
    EXPECT_THROW(builder.finish(), std::invalid_argument);
  }
}

// ---------------------------------------------------------------------------
// Generated rounds.

Round generated(const GeneratorOptions& options,
                const IndexedGenerationOptions& how) {
  Round round = generate_round(options);
  if (how.configure) how.configure(round.config);
  if (how.round_commute_for_everyone) {
    for (Veteran& v : round.veterans) v.max_commute_km.reset();
  }
  for (const ValidationIssue& issue :
       resolve_skills(round, bundled_skill_space())) {
    EXPECT_TRUE(issue.warning) << issue.field << ": " << issue.found;
  }
  return round;
}

TEST(GeneratedRounds, DistrictStreamedEqualsTheReference) {
  const GeneratorOptions options(Preset::kDistrict, 1);
  IndexedGenerationOptions how;
  how.veteran_matrix = true;
  const Round round = generated(options, how);
  const IndexedRound reference = test::reference_index_round(round);
  expect_same(index_round(round), reference);

  Round shell;
  const IndexedRound streamed =
      index_generated_round(options, bundled_skill_space(), shell, how);
  expect_same(streamed, reference);
  EXPECT_EQ(streamed.round, &shell);
  EXPECT_TRUE(shell.veterans.empty());
  EXPECT_EQ(shell.postings.size(), round.postings.size());
  EXPECT_TRUE(shell.skills_resolved);
}

TEST(GeneratedRounds, CityPresetSampledAcrossBlocksWithCommuteForEveryone) {
  // Several generator blocks (4,096 records each) with a ragged last one,
  // a changed config, and everyone on the round's limit.
  GeneratorOptions options(Preset::kCity, 5);
  options.veterans = 3 * RoundGenerator::kBlockSize + 123;
  options.postings = 700;
  IndexedGenerationOptions how;
  how.configure = [](RoundConfig& c) {
    c.max_commute_km = 25.0;
    c.onet_share = 0.7;
    c.weights.location = 0.45;
  };
  how.round_commute_for_everyone = true;
  const Round round = generated(options, how);
  const IndexedRound reference = test::reference_index_round(round);
  Round shell;
  const IndexedRound streamed =
      index_generated_round(options, bundled_skill_space(), shell, how);
  expect_same(streamed, reference, VeteranMatrix::kExpectEmpty);
  for (double km : streamed.veteran_commute_km) ASSERT_EQ(km, 25.0);
}

TEST(GeneratedRounds, ProvinceSliceShortlistsEqualTheWholeRounds) {
  GeneratorOptions options(Preset::kProvince, 1);
  options.veterans = 20000;
  options.postings = 2000;
  IndexedGenerationOptions how;
  how.configure = [](RoundConfig& c) { c.max_commute_km = 60.0; };
  how.round_commute_for_everyone = true;
  const Round round = generated(options, how);
  const IndexedRound whole = index_round(round);
  Round shell;
  const IndexedRound streamed =
      index_generated_round(options, bundled_skill_space(), shell, how);
  expect_same(streamed, whole, VeteranMatrix::kExpectEmpty);

  const int k_v = round.config.veteran_shortlist_k;
  const int k_p = round.config.posting_shortlist_k;
  const Shortlists expected = build_shortlists(whole, k_v, k_p);
  const Shortlists actual = build_shortlists(streamed, k_v, k_p);
  ASSERT_GT(expected.veteran_entries.size(), 0u);
  EXPECT_EQ(test::expect_shortlists_identical(round, actual, expected,
                                              "streamed", "index_round"),
            0);
}

}  // namespace
}  // namespace vetmatch
