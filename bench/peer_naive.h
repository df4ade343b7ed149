// The naive baseline of bench/peer_comparison.cc: the obvious way to build
// vetmatch's both-way shortlists with Eigen and oneTBB, and no cleverness.
//
// What it computes: the engine's full score (skill cosine, location term,
// preference term, weighted mean) for every pair that passes the hard rules
// (kind wanted, spouse admitted, education, certificates, commute limit,
// declined, opening left), in float: the skill cosine is the float product
// of the engine's L2-normalised skill rows, the distance the great-circle
// distance from the float unit vectors (chord -> arc), location =
// exp(-km / distance_scale_km). So it agrees with the engine's exact
// double-precision scores to about 1e-6, and its lists with the engine's up
// to the order of near-ties.
//
// How: tbb::parallel_for over blocks of 256 veterans; each block is one
// Eigen product against all postings into a per-thread buffer (256 x M
// floats); then per row every eligible pair is scored, the row's candidates
// std::partial_sort-ed to its top k, and every candidate offered to the
// thread's own top-k heap of its posting; the per-thread posting heaps are
// merged at the end. No bound, no pruning, no geography index.
#pragma once

#include <cstdint>
#include <vector>

#include "bench/peer_data.h"

namespace vetmatch::peer {

struct NaiveCandidate {
  float score;
  std::int32_t id;
};

/// Lists of at most k entries per row, best first (score desc, id asc).
struct NaiveLists {
  int k = 0;
  std::vector<std::int32_t> sizes;
  std::vector<NaiveCandidate> entries;  ///< row r at r * k
  const NaiveCandidate* row(std::int64_t r) const {
    return entries.data() + r * k;
  }
};

struct NaiveResult {
  NaiveLists veterans;  ///< per veteran slot: posting slots
  NaiveLists postings;  ///< per posting slot: veteran slots
};

NaiveResult naive_shortlists(const PeerData& data, int veteran_k,
                             int posting_k);

}  // namespace vetmatch::peer
