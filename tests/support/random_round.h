// Seeded random Rounds and named edge-case Rounds for the engine's
// correctness tests.
//
// Contract: random_round(options, seed) is a pure function of its arguments
// (std::mt19937_64, no global state), and every Round it or the edge-case
// builders return passes validate(). The rounds are built to make the
// engine's hard cases common: exact score ties (duplicate records, coinciding
// locations, a discrete weight set), equal points, tight commute limits,
// postings with no opening left, k of 0, 1 and larger than any list. Ids
// never follow the record order and their byte order differs from their
// numeric order ("v17" < "v2"), so a test that confuses index, numeric and
// byte order fails.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch::test {

struct RandomRoundOptions {
  int veterans = 40;
  int postings = 30;

  /// Skill ids are drawn from this many ("s<random number>").
  int skill_vocabulary = 12;
  /// Expected share of the vocabulary in one skill map.
  double skill_density = 0.3;
  /// When > 0, only the first dense_skills skills of the vocabulary are
  /// drawn with skill_density, the rest with rare_skill_density: a dense
  /// profile plus rare tags, like resolved O*NET vectors.
  int dense_skills = 0;
  double rare_skill_density = 0.02;
  /// Weights come from this set; empty means uniform in (0, 1].
  std::vector<double> weight_set = {0.25, 0.5, 0.75, 1.0};
  double p_empty_skills = 0.1;

  /// Probability that a record is a copy (all but id) of an earlier one.
  double p_duplicate_veteran = 0.1;
  double p_duplicate_posting = 0.1;
  /// Probability that a record is a near copy of an earlier one: moved by
  /// up to near_duplicate_degrees or with each skill weight scaled by up to
  /// 1 - near_duplicate_weight_scale. With the defaults (1e-7 degrees,
  /// 1e-9) scores differ by far less than float precision without being
  /// equal; a weight scale of 1e-7 to 1e-5 puts skill cosines as close as
  /// float rounding, so float estimates can order such pairs either way.
  double p_near_duplicate = 0.0;
  double near_duplicate_degrees = 1e-7;
  double near_duplicate_weight_scale = 1e-9;

  /// Locations lie in a box of this many degrees; with probability
  /// p_shared_location a record sits exactly on one of a few shared points
  /// (shared by both sides, so distance-0 pairs occur).
  double box_degrees = 0.5;
  double p_shared_location = 0.25;
  /// South-west corner of the box. Longitudes past 180 wrap to -180, so a
  /// box near the antimeridian holds close pairs on both sides of it.
  double box_lat = 36.0;
  double box_lon = 114.0;

  /// Round-level commute limit (km); <= 0 leaves it unset.
  double round_commute_km = 0.0;
  /// Probability that a veteran has their own limit, drawn from
  /// [0.2, 1.5] * veteran_commute_scale_km.
  double p_veteran_commute = 0.2;
  double veteran_commute_scale_km = 20.0;
  /// Probability that a veteran's own limit is exactly the distance to some
  /// posting (eligible: the rule is distance > limit), or the double just
  /// below it (ineligible).
  double p_commute_on_boundary = 0.0;

  double p_spouse = 0.15;
  double p_veterans_only = 0.15;
  double p_spouses_welcome = 0.5;
  /// Probability that a veteran wants a strict subset of the kinds.
  double p_wants_subset = 0.3;
  /// Probability of a non-job posting kind.
  double p_other_kind = 0.3;
  double p_min_education = 0.3;
  int certificate_vocabulary = 4;
  double p_required_certificate = 0.2;
  int industry_vocabulary = 5;
  double p_veteran_industries = 0.4;
  double p_posting_industry = 0.8;

  /// Expected number of declined pairs per veteran.
  double declines_per_veteran = 0.5;
  /// Share of veterans taken in earlier rounds (each onto a posting with an
  /// opening left, so openings run out).
  double taken_fraction = 0.15;
  /// Probability that a veteran not taken is marked not_looking, and that
  /// a posting is withdrawn (0: none, and no random number is drawn).
  double not_looking_fraction = 0.0;
  double withdrawn_fraction = 0.0;
  /// Openings per posting are drawn from [1, max_openings].
  int max_openings = 3;

  /// Points are drawn from this many levels (few levels, many ties); 0
  /// means continuous points.
  int points_levels = 4;
  double p_priority = 0.15;
  double p_partner = 0.1;
  bool with_employers = true;

  /// Shortlist lengths.
  int veteran_k = 5;
  int posting_k = 5;
  ScoreWeights weights;
  double distance_scale_km = 30.0;
};

/// A random Round; see RandomRoundOptions. Passes validate().
Round random_round(const RandomRoundOptions& options, std::uint64_t seed);

/// Options varied by the seed over the whole range the tests care about:
/// sizes 0..max_size, k in {0, 1, 2, 3, 7, 1000}, tight and loose commute
/// limits, discrete or continuous weights, veterans no longer looking and
/// postings withdrawn, and so on.
RandomRoundOptions varied_options(std::uint64_t seed, int max_size = 120);

/// A Round with a name, for parameterised tests.
struct NamedRound {
  std::string name;
  Round round;
};
/// gtest prints a failing test's parameter with this: the name.
void PrintTo(const NamedRound& named, std::ostream* out);

Round empty_round();
Round round_without_postings(std::uint64_t seed);
Round round_without_veterans(std::uint64_t seed);
Round round_with_one_veteran(std::uint64_t seed);
/// Every veteran wants incubation only, and there is none.
Round round_all_ineligible(std::uint64_t seed);
/// Every opening of every posting is used by taken pairs; veterans remain.
Round round_all_openings_taken(std::uint64_t seed);
/// Every veteran was taken in an earlier round.
Round round_all_veterans_taken(std::uint64_t seed);
/// Every veteran is either taken before or no longer looking.
Round round_all_not_looking(std::uint64_t seed);
/// Every posting is withdrawn (some with places taken before).
Round round_all_withdrawn(std::uint64_t seed);
/// Every record at the same point with the same skills: all scores tie.
Round round_all_tied(std::uint64_t seed);

/// All the edge cases above, named.
std::vector<NamedRound> edge_case_rounds();

}  // namespace vetmatch::test
