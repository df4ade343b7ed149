#include "bench/peer_sgemm.h"

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

namespace vetmatch::peer {
namespace {

const char* parallel_name(int parallel) {
  switch (parallel) {
    case 0:
      return "sequential";
    case 1:
      return "pthreads";
    case 2:
      return "OpenMP";
  }
  return "?";
}

}  // namespace

std::string openblas_description() {
  return std::string(openblas_get_corename()) + ", " +
         parallel_name(openblas_get_parallel()) + ", " +
         std::to_string(openblas_get_num_threads()) + " threads";
}

SgemmOutcome run_sgemm(const PeerData& data, std::int64_t block_rows,
                       int repeats) {
  SgemmOutcome out;
  out.threads = openblas_get_num_threads();
  out.config = openblas_get_config();
  out.corename = openblas_get_corename();
  out.parallel = openblas_get_parallel();
  const std::int64_t n = data.n, m = data.m, d = data.d;
  block_rows = std::max<std::int64_t>(1, std::min(block_rows, n));
  std::vector<float> block(static_cast<std::size_t>(block_rows) * m);
  const auto product = [&](std::int64_t v0, std::int64_t rows) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, m, d, 1.0f,
                data.veteran_matrix.data() + v0 * d, d,
                data.posting_matrix.data(), d, 0.0f, block.data(), m);
  };
  // Warm-up, untimed: the buffer's pages and OpenBLAS's threads.
  std::fill(block.begin(), block.end(), 0.0f);
  product(0, std::min<std::int64_t>(n, 256));
  out.seconds = std::numeric_limits<double>::infinity();
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::int64_t v0 = 0; v0 < n; v0 += block_rows) {
      product(v0, std::min(block_rows, n - v0));
    }
    out.seconds = std::min(
        out.seconds,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count());
  }
  return out;
}

}  // namespace vetmatch::peer
