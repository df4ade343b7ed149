// FAISS IndexFlatIP exact search as a peer of vetmatch's shortlists
// (bench/peer_comparison.cc). Built only when CMake finds FAISS.
//
// Both directions on exactly the engine's float matrices: (1) an
// IndexFlatIP over the postings, searched with every veteran and k;
// (2) an IndexFlatIP over the veterans, searched with every posting and k.
// FAISS ranks by the skill inner product only (the cosine, since the rows
// are L2-normalised); it knows no location, preference or hard rules.
//
// Commute limit: FAISS 1.7.3 has IDSelector, but a selector applies to a
// whole search() call, not per query, and the commute disc differs per
// veteran, so it would take one search per query on FAISS's non-BLAS path.
// The fair set-up is over-fetching: search with k' = overfetch * k, drop
// the candidates beyond the veteran's limit (haversine in double, only for
// the k' candidates), and search again, with k' four times larger, only the
// queries left with fewer than k (until k' reaches the index size). Time
// includes building the index, every search and the filtering.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/peer_data.h"

namespace vetmatch::peer {

struct FaissOptions {
  int k = 50;
  int query_bs = 0;     ///< faiss::distance_compute_blas_query_bs; 0: default
  int database_bs = 0;  ///< faiss::distance_compute_blas_database_bs
  int overfetch = 2;    ///< initial k' = overfetch * k under a commute limit
  int verify_veterans = 0;  ///< sampled veterans checked by brute force
  int verify_postings = 0;  ///< sampled postings checked by brute force
};

struct FaissOutcome {
  double seconds_veterans = 0.0;  ///< direction 1: veterans query postings
  double seconds_postings = 0.0;  ///< direction 2: postings query veterans
  bool filtered = false;
  std::int64_t searched_again_veterans = 0;  ///< queries searched again
  std::int64_t searched_again_postings = 0;
  std::int64_t max_k_veterans = 0;  ///< largest k' used
  std::int64_t max_k_postings = 0;
  std::int64_t entries = 0;  ///< list entries kept, both directions
  int omp_threads = 0;
  int query_bs = 0, database_bs = 0;
  /// Brute-force check of the sampled top-1s: "checked, matched, near ties
  /// (|score difference| <= 1e-5), list-length errors".
  int checked = 0, matched = 0, near_ties = 0, length_errors = 0;
};

FaissOutcome run_faiss(const PeerData& data, const FaissOptions& options);

}  // namespace vetmatch::peer
