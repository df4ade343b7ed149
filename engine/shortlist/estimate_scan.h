// The three scans CandidateList's compaction makes over its (estimate, id)
// items: the smallest and largest estimate, how many estimates reach a
// value, and keeping those that do.
//
// Contract: each function in estimate_scan:: returns exactly what its
// *_portable twin returns for the same items (n >= 1 for range; any n for
// the others); keep_at_least keeps the order of the items it keeps. Where
// the build targets AVX-512 the plain names scan eight items (16 words,
// the estimates in the even ones) a step, with masked loads at the tail,
// so they never read past items + n. NaN estimates are not expected (a
// NaN never counts and is never kept).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace vetmatch {

/// A candidate as a list holds it: its float estimate and the other
/// side's slot.
struct EstimatedId {
  float estimate;
  std::int32_t id;
};

namespace estimate_scan {

inline void range_portable(const EstimatedId* items, std::size_t n, float& lo,
                           float& hi) {
  lo = hi = items[0].estimate;
  for (std::size_t i = 1; i < n; ++i) {
    lo = std::min(lo, items[i].estimate);
    hi = std::max(hi, items[i].estimate);
  }
}

inline std::size_t count_at_least_portable(const EstimatedId* items,
                                           std::size_t n, float x) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) count += items[i].estimate >= x;
  return count;
}

/// Moves the items with estimate >= x to the front, in order; returns
/// their number.
inline std::size_t keep_at_least_portable(EstimatedId* items, std::size_t n,
                                          float x) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    items[kept] = items[i];
    kept += items[i].estimate >= x;
  }
  return kept;
}

#if defined(__AVX512F__)
namespace avx512 {

inline constexpr __mmask16 kEstimateWords = 0x5555;

/// The words of items [i, min(i + 8, n)).
inline __mmask16 words_from(std::size_t i, std::size_t n) {
  return n - i >= 8 ? __mmask16(0xFFFF) : __mmask16((1u << (2 * (n - i))) - 1u);
}

}  // namespace avx512

inline void range(const EstimatedId* items, std::size_t n, float& lo,
                  float& hi) {
  using namespace avx512;
  __m512 low = _mm512_set1_ps(std::numeric_limits<float>::infinity());
  __m512 high = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
  for (std::size_t i = 0; i < n; i += 8) {
    const __mmask16 words = words_from(i, n);
    const __m512 v = _mm512_maskz_loadu_ps(words, items + i);
    low = _mm512_mask_min_ps(low, words & kEstimateWords, low, v);
    high = _mm512_mask_max_ps(high, words & kEstimateWords, high, v);
  }
  // (Not _mm512_reduce_min_ps: GCC 12 warns inside it.)
  alignas(64) float lows[16], highs[16];
  _mm512_store_ps(lows, low);
  _mm512_store_ps(highs, high);
  lo = *std::min_element(lows, lows + 16);
  hi = *std::max_element(highs, highs + 16);
}

inline std::size_t count_at_least(const EstimatedId* items, std::size_t n,
                                  float x) {
  using namespace avx512;
  const __m512 bar = _mm512_set1_ps(x);
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; i += 8) {
    const __mmask16 words = words_from(i, n);
    const __m512 v = _mm512_maskz_loadu_ps(words, items + i);
    count += static_cast<std::size_t>(__builtin_popcount(
        _mm512_mask_cmp_ps_mask(words & kEstimateWords, v, bar, _CMP_GE_OQ)));
  }
  return count;
}

inline std::size_t keep_at_least(EstimatedId* items, std::size_t n, float x) {
  using namespace avx512;
  const __m512 bar = _mm512_set1_ps(x);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; i += 8) {
    const __mmask16 words = words_from(i, n);
    const __m512 v = _mm512_maskz_loadu_ps(words, items + i);
    unsigned keep =
        _mm512_mask_cmp_ps_mask(words & kEstimateWords, v, bar, _CMP_GE_OQ);
    // One bit per item: the even bits, packed.
    keep = (keep | (keep >> 1)) & 0x3333u;
    keep = (keep | (keep >> 2)) & 0x0F0Fu;
    keep = (keep | (keep >> 4)) & 0x00FFu;
    // Writes land at or before the items just read.
    _mm512_mask_compressstoreu_epi64(items + kept, __mmask8(keep),
                                     _mm512_castps_si512(v));
    kept += static_cast<std::size_t>(__builtin_popcount(keep));
  }
  return kept;
}
#else
inline void range(const EstimatedId* items, std::size_t n, float& lo,
                  float& hi) {
  range_portable(items, n, lo, hi);
}
inline std::size_t count_at_least(const EstimatedId* items, std::size_t n,
                                  float x) {
  return count_at_least_portable(items, n, x);
}
inline std::size_t keep_at_least(EstimatedId* items, std::size_t n, float x) {
  return keep_at_least_portable(items, n, x);
}
#endif

}  // namespace estimate_scan
}  // namespace vetmatch
