// Couples in the `optimal` policy (config.couples == together): partners
// are placed both, in postings at most config.couple_max_km apart, or
// neither. With that rule the problem is no longer a network flow; the
// policy uses a documented repair (optimal.h, README):
//
//  1. Solve with every veteran on their own (the relaxation). Its value is
//     an upper bound on any assignment that keeps couples together. When
//     the relaxation already keeps every couple together, it is optimal
//     under the rule too, and nothing below runs.
//  2. Otherwise place the couples one at a time, in id order of their
//     first partner, at the relaxation's posting prices y: each couple
//     takes the pair of postings (p for the first partner, q for the
//     second; p = q when it has two openings left) within couple_max_km
//     that maximises w(a, p) - y[p] + w(b, q) - y[q] over the postings
//     known eligible for each partner (their arcs in the candidate graph
//     and their own shortlists), ties by (p, q) slot, if that profit is
//     positive; else neither partner is placed.
//  3. Solve again for everybody else on the openings the couples left.
//
// Contract of this file: couples_in_round() lists the couples of a round
// (partner named either way, both partners in this round; a veteran
// whose partner was taken before is no couple here: partner_anchors.h
// keeps them near the partner's posting), in order of
// their first (lower) slot. keeps_couples() says whether an assignment
// keeps every couple together. place_couples() is step 2; it reduces
// `openings_left` by the places it takes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/assignment/bmatching.h"
#include "engine/model/round_config.h"
#include "engine/policies/candidate_graph.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct Couple {
  std::int32_t first = -1;   ///< veteran slot, the lower
  std::int32_t second = -1;  ///< veteran slot
};

/// A pair fixed outside the solver (slots).
struct FixedPair {
  std::int32_t veteran = -1;
  std::int32_t posting = -1;
  PairScore score;
};

std::vector<Couple> couples_in_round(const IndexedRound& ir);

/// Great-circle km between two postings (slots).
double posting_distance_km(const IndexedRound& ir, std::int32_t p,
                           std::int32_t q);

/// posting_of_veteran: by veteran slot, the posting slot or -1.
bool keeps_couples(const IndexedRound& ir, std::span<const Couple> couples,
                   std::span<const std::int32_t> posting_of_veteran,
                   double couple_max_km);

/// Step 2 above. Returns the placed partners' pairs (two per placed
/// couple).
std::vector<FixedPair> place_couples(
    const IndexedRound& ir, const RoundConfig& config,
    const CandidateGraph& graph, const Shortlists& lists,
    std::span<const Couple> couples, std::span<const std::int64_t> price,
    std::int64_t placement_bonus, std::vector<Openings>& openings_left);

}  // namespace vetmatch
