// The machine's sgemm rate for the shortlists' shape, the ceiling row of
// bench/peer_comparison.cc. Built only when CMake finds OpenBLAS.
//
// OpenBLAS cblas_sgemm of the veterans (N x d) times the postings
// transposed (d x M), blockwise: `block_rows` veterans at a time against
// all postings into one reused block_rows x M buffer, so memory stays
// bounded; nothing is done with the products. An untimed warm-up touches
// the buffer and starts OpenBLAS's threads; the whole sweep then runs
// `repeats` times and the fastest counts (it is a ceiling).
#pragma once

#include <cstdint>
#include <string>

#include "bench/peer_data.h"

namespace vetmatch::peer {

struct SgemmOutcome {
  double seconds = 0.0;
  int threads = 0;       ///< openblas_get_num_threads()
  std::string config;    ///< openblas_get_config()
  std::string corename;  ///< openblas_get_corename()
  int parallel = 0;  ///< openblas_get_parallel(): 0 none, 1 pthreads, 2 OpenMP
};

SgemmOutcome run_sgemm(const PeerData& data, std::int64_t block_rows,
                       int repeats);

/// OpenBLAS as loaded in this process: "corename, pthreads|OpenMP, N threads".
std::string openblas_description();

}  // namespace vetmatch::peer
