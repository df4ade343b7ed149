// The proof that an `optimal` assignment is optimal over all eligible
// pairs, not only over its candidate graph (optimal.h).
//
// The solver's duals (bmatching.h; y by posting slot, u by veteran slot,
// u folded so that each placed veteran's pair is tight) already prove the
// assignment optimal over the graph. They prove it over all eligible pairs
// when no pair (v, p) outside the graph has weight B + units > u[v] + y[p]
// (B: the placement bonus; units: optimal_costs.h): LP duality, with x = 0
// outside the graph.
//
// Contract:
//  * lists_at_risk(): by slot of the candidate side, 1 for a list that may
//    hide such a pair. A list that was not cut hides nothing. A cut list's
//    pairs outside the graph score at most its last score (cut_units), so
//    it is safe when B + cut_units <= y[p] + min(u) (a posting's list) or
//    <= u[v] + min(y over postings with openings) (a veteran's list).
//  * violating_pairs(): every eligible pair, at a record of a risky list,
//    with B + units > u[v] + y[p], exactly; sorted by veteran then posting
//    slot. It asks pairs_at_or_above() (engine/shortlist/pair_scan.h) for
//    the pairs scoring at least max(floor_v, floor_p), floor_v =
//    (u[v] + min(y) - B) / 2^20, floor_p = (y[p] + min(u) - B) / 2^20
//    (score units back to scores, exactly): a violating pair has units >
//    u[v] + y[p] - B >= both numerators, and a score below floor F / 2^20
//    has units <= F, so none is missed; then tests each returned pair in
//    integers. Records of safe lists get a floor of +infinity.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/policies/candidate_graph.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/pair_scan.h"

namespace vetmatch {

struct OptimalDuals {
  std::vector<std::int64_t> posting;  ///< y, by posting slot
  std::vector<std::int64_t> veteran;  ///< u, by veteran slot
};

std::vector<std::uint8_t> lists_at_risk(const IndexedRound& ir,
                                        const CandidateGraph& graph,
                                        CandidateSide side,
                                        const OptimalDuals& duals,
                                        std::int64_t placement_bonus);

std::vector<ScoredPair> violating_pairs(const IndexedRound& ir,
                                        CandidateSide side,
                                        std::span<const std::uint8_t> at_risk,
                                        const OptimalDuals& duals,
                                        std::int64_t placement_bonus);

}  // namespace vetmatch
