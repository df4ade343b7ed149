// Seeded random Fairs (engine/fair/fair.h) for the fair tests, and named
// edge-case fairs.
//
// Contract: random_fair(options, seed) is a pure function of its arguments
// and passes check_fair(). It draws a random_round (random_round.h: exact
// ties, coinciding places, tight commute limits, declined pairs; the
// round's shape varied by the seed) with no taken pairs and no partners,
// then gives every posting to one of booths + pool units (each unit at
// least one posting), each unit its own employer ("w<n>" ids whose byte
// order differs from their numeric order). Booth capacities are drawn from
// [0, max_capacity], visit limits from [1, max_visits], min_fit from
// {0, 0.2, 0.4, 0.6} (0 more often).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/fair/fair.h"

namespace vetmatch::test {

struct RandomFairOptions {
  int veterans = 12;
  int booths = 4;
  int pool = 0;
  /// Postings beyond one per unit.
  int extra_postings = 6;
  int max_capacity = 4;
  int max_visits = 3;
};

Fair random_fair(const RandomFairOptions& options, std::uint64_t seed);

struct NamedFair {
  std::string name;
  Fair fair;
};

/// No veterans; no booths (veterans only); every capacity 0; nobody
/// eligible (min_fit 1 and no perfect pair); one veteran; every pair tied
/// (same place, same skills); visit limit 1 for everyone.
std::vector<NamedFair> edge_case_fairs(std::uint64_t seed);

}  // namespace vetmatch::test
