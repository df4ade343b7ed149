// The `optimal` policy's objective computed independently: every eligible
// pair of a Round (the brute-force reference, tests/reference/
// brute_force.h) as a b-matching graph with the integer weights README and
// engine/policies/optimal_costs.h document, written out again here, for
// LEMON (lemon_bmatching.h) and for an exhaustive search on tiny rounds.
//
// Contract: left node i is posting i (Round index), capacity its openings
// left; right node j is veteran j (Round index), capacity 1 (0 for a
// veteran taken before); an arc per eligible pair (that the couples rule
// across rounds allows, reference_anchors.h), weight bonus +
// llround(score * 2^20); bonus = min(veterans, openings) * 2^20 + 1 for
// coverage_first, 0 for total_score.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/assignment/bmatching.h"
#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch::test {

std::int64_t oracle_units(double score);
std::int64_t oracle_bonus(const Round& round, OptimalObjective objective);

BMatchingGraph full_eligible_graph(const Round& round,
                                   OptimalObjective objective);

/// The weight of an assignment under the same rules.
__int128 assignment_weight(const Round& round, OptimalObjective objective,
                           const std::vector<Assignment>& assignments);

/// Best weight by trying every assignment (each right node to one of its
/// arcs or to none); for graphs with a handful of right nodes.
__int128 exhaustive_best_weight(const BMatchingGraph& graph);

/// The couples of a round under the README's rule, as (veteran, veteran)
/// Round indices, lower index first: a partner named either way, neither
/// taken before.
std::vector<std::pair<VeteranIndex, VeteranIndex>> oracle_couples(
    const Round& round);

/// The same search keeping couples together: both partners (right nodes)
/// placed, in left nodes (postings) whose great-circle distance is at
/// most round.config.couple_max_km, or neither.
__int128 exhaustive_best_weight_with_couples(const Round& round,
                                             const BMatchingGraph& graph);

}  // namespace vetmatch::test
