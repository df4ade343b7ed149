#include "engine/shortlist/micro_kernel.h"

#include <algorithm>

#if defined(__AVX512F__)
#include <immintrin.h>
// GCC 12 warns that _mm512_min_ps's internal _mm512_undefined_ps() is
// uninitialized: a known false positive of the header.
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace vetmatch {
namespace {

inline bool passes(const TileInput& in, int row, int lane, float s) {
  float bound = in.weight_skill * s + in.tile_constant;
  if (in.veteran_preference[row] & in.posting_preference[lane]) {
    bound += in.weight_preference;
  }
  const float threshold =
      std::min(in.veteran_threshold[row], in.posting_threshold[lane]);
  return bound >= threshold && (in.posting_requirement[lane] &
                                in.veteran_not_capability[row]) == 0;
}

}  // namespace

int run_micro_kernel_portable(const TileInput& in, Hit* hits) {
  float acc[kGroupRows][kPanelLanes] = {};
  const float* a = in.veterans;
  const float* b = in.postings;
  for (int k = 0; k < in.depth; ++k) {
    for (int r = 0; r < kGroupRows; ++r) {
      const float ar = a[r];
      for (int l = 0; l < kPanelLanes; ++l) acc[r][l] += ar * b[l];
    }
    a += kGroupRows;
    b += kPanelLanes;
  }
  int n = 0;
  for (int r = 0; r < kGroupRows; ++r) {
    for (int l = 0; l < kPanelLanes; ++l) {
      if (passes(in, r, l, acc[r][l])) hits[n++] = {r, l, acc[r][l]};
    }
  }
  return n;
}

#if defined(__AVX512F__)

bool micro_kernel_is_avx512() { return true; }

int run_micro_kernel(const TileInput& in, Hit* hits) {
  __m512 c[kGroupRows][2];
#pragma GCC unroll 12
  for (int r = 0; r < kGroupRows; ++r) {
    c[r][0] = _mm512_setzero_ps();
    c[r][1] = _mm512_setzero_ps();
  }
  const float* a = in.veterans;
  const float* b = in.postings;
#pragma GCC unroll 2
  for (int k = 0; k < in.depth; ++k) {
    const __m512 b0 = _mm512_loadu_ps(b);
    const __m512 b1 = _mm512_loadu_ps(b + 16);
#pragma GCC unroll 12
    for (int r = 0; r < kGroupRows; ++r) {
      const __m512 ar = _mm512_set1_ps(a[r]);
      c[r][0] = _mm512_fmadd_ps(ar, b0, c[r][0]);
      c[r][1] = _mm512_fmadd_ps(ar, b1, c[r][1]);
    }
    a += kGroupRows;
    b += kPanelLanes;
  }

  const __m512 w_skill = _mm512_set1_ps(in.weight_skill);
  const __m512 w_pref = _mm512_set1_ps(in.weight_preference);
  const __m512 constant = _mm512_set1_ps(in.tile_constant);
  int n = 0;
#pragma GCC unroll 12
  for (int r = 0; r < kGroupRows; ++r) {
    const __m512 row_threshold = _mm512_set1_ps(in.veteran_threshold[r]);
    const __m512i not_capability =
        _mm512_set1_epi32(static_cast<int>(in.veteran_not_capability[r]));
    const __m512i row_pref =
        _mm512_set1_epi32(static_cast<int>(in.veteran_preference[r]));
#pragma GCC unroll 2
    for (int h = 0; h < 2; ++h) {
      const __m512 threshold = _mm512_min_ps(
          row_threshold, _mm512_loadu_ps(in.posting_threshold + 16 * h));
      __m512 bound = _mm512_fmadd_ps(c[r][h], w_skill, constant);
      const __mmask16 pref = _mm512_test_epi32_mask(
          row_pref, _mm512_loadu_si512(in.posting_preference + 16 * h));
      bound = _mm512_mask_add_ps(bound, pref, bound, w_pref);
      __mmask16 hit = _mm512_cmp_ps_mask(bound, threshold, _CMP_GE_OQ);
      hit = _mm512_mask_testn_epi32_mask(
          hit, _mm512_loadu_si512(in.posting_requirement + 16 * h),
          not_capability);
      if (hit) {
        alignas(64) float s[16];
        _mm512_store_ps(s, c[r][h]);
        unsigned bits = hit;
        while (bits) {
          const int lane = __builtin_ctz(bits);
          hits[n++] = {r, 16 * h + lane, s[lane]};
          bits &= bits - 1;
        }
      }
    }
  }
  return n;
}

#else

bool micro_kernel_is_avx512() { return false; }

int run_micro_kernel(const TileInput& in, Hit* hits) {
  return run_micro_kernel_portable(in, hits);
}

#endif

}  // namespace vetmatch
