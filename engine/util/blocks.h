// Fixed block ranges for the parallel loops.
//
// Contract: block boundaries depend only on the problem size and the block
// size, never on the thread count, so each block is the same work in every
// run (tbb::parallel_for over block indices with a simple partitioner).
#pragma once

#include <algorithm>
#include <cstdint>

namespace vetmatch {

struct BlockRange {
  std::int32_t begin;
  std::int32_t end;
  std::int32_t size() const { return end - begin; }
};

inline std::int32_t block_count(std::int32_t n, std::int32_t block_size) {
  return (n + block_size - 1) / block_size;
}

inline BlockRange block_at(std::int32_t n, std::int32_t block_size,
                           std::int32_t block) {
  const std::int32_t begin = block * block_size;
  return {begin, std::min(n, begin + block_size)};
}

}  // namespace vetmatch
