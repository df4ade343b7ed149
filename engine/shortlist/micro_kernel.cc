#include "engine/shortlist/micro_kernel.h"

#include <algorithm>
#include <cmath>

#include "engine/scoring/geo.h"

#if defined(__AVX512F__)
#include <immintrin.h>
// GCC 12 warns that _mm512_min_ps's internal _mm512_undefined_ps() is
// uninitialized: a known false positive of the header.
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace vetmatch {
namespace {

// Chord rounding allowance: the float unit vectors lie within 2e-7 of the
// exact points, and the chord's own float arithmetic errs by under 3e-7.
constexpr float kChordAllowance = 1e-6f;
// exp2 below errs by under 2e-5 relative (argument rounding included).
constexpr float kExpAllowance = 1.0f + 3e-5f;

inline float pair_distance_bound_km(const TileInput& in, int row, int lane) {
  const float dx = in.veteran_xyz[3 * row] - in.posting_xyz[lane];
  const float dy =
      in.veteran_xyz[3 * row + 1] - in.posting_xyz[kPanelLanes + lane];
  const float dz =
      in.veteran_xyz[3 * row + 2] - in.posting_xyz[2 * kPanelLanes + lane];
  const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
  return std::max(
      0.0f, (chord - kChordAllowance) * static_cast<float>(kEarthRadiusKm));
}

inline bool passes(const TileInput& in, int row, int lane, float s) {
  if ((in.posting_requirement[lane] & in.veteran_not_capability[row]) != 0) {
    return false;
  }
  const float pref = (in.veteran_preference[row] & in.posting_preference[lane])
                         ? in.weight_preference
                         : 0.0f;
  const float threshold =
      std::min(in.veteran_threshold[row], in.posting_threshold[lane]);
  if (!(in.weight_skill * s + in.tile_constant + pref >= threshold)) {
    return false;
  }
  const float km = pair_distance_bound_km(in, row, lane);
  if (!(km <= in.veteran_commute_km[row])) return false;
  const float location = std::exp(-km * in.inverse_scale_km) * kExpAllowance;
  return in.weight_skill * s + in.weight_location * location + in.bound_slack +
             pref >=
         threshold;
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

// An upper bound of exp(-km / scale) for km >= 0: 2^t with t = km * (-log2 e
// / scale), as 2^n * p(t - n), p Cephes' exp2f polynomial (relative error
// below 2e-7 on [-0.5, 0.5]), times kExpAllowance.
inline __m512 exp_upper(__m512 km, __m512 neg_scale_log2e) {
  const __m512 t =
      _mm512_max_ps(_mm512_mul_ps(km, neg_scale_log2e), _mm512_set1_ps(-126));
  const __m512 n =
      _mm512_roundscale_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  const __m512 f = _mm512_sub_ps(t, n);
  __m512 p = _mm512_set1_ps(1.535336188319500e-4f);
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.339887440266574e-3f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(9.618437357674640e-3f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(5.550332471162809e-2f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(2.402264791363012e-1f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(6.931472028550421e-1f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.0f));
  return _mm512_mul_ps(_mm512_scalef_ps(p, n), _mm512_set1_ps(kExpAllowance));
}

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
  const __m512 w_location = _mm512_set1_ps(in.weight_location);
  const __m512 slack = _mm512_set1_ps(in.bound_slack);
  const __m512 neg_scale_log2e =
      _mm512_set1_ps(-in.inverse_scale_km * 1.44269504088896341f);
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
        // The pair's own distance and location bounds.
        const __m512 dx =
            _mm512_sub_ps(_mm512_set1_ps(in.veteran_xyz[3 * r]),
                          _mm512_loadu_ps(in.posting_xyz + 16 * h));
        const __m512 dy = _mm512_sub_ps(
            _mm512_set1_ps(in.veteran_xyz[3 * r + 1]),
            _mm512_loadu_ps(in.posting_xyz + kPanelLanes + 16 * h));
        const __m512 dz = _mm512_sub_ps(
            _mm512_set1_ps(in.veteran_xyz[3 * r + 2]),
            _mm512_loadu_ps(in.posting_xyz + 2 * kPanelLanes + 16 * h));
        const __m512 u = _mm512_fmadd_ps(
            dx, dx, _mm512_fmadd_ps(dy, dy, _mm512_mul_ps(dz, dz)));
        const __m512 km = _mm512_max_ps(
            _mm512_setzero_ps(),
            _mm512_mul_ps(_mm512_sub_ps(_mm512_sqrt_ps(u),
                                        _mm512_set1_ps(kChordAllowance)),
                          _mm512_set1_ps(static_cast<float>(kEarthRadiusKm))));
        hit = _mm512_mask_cmp_ps_mask(
            hit, km, _mm512_set1_ps(in.veteran_commute_km[r]), _CMP_LE_OQ);
        const __m512 location = exp_upper(km, neg_scale_log2e);
        __m512 pair_bound = _mm512_fmadd_ps(
            c[r][h], w_skill, _mm512_fmadd_ps(location, w_location, slack));
        pair_bound = _mm512_mask_add_ps(pair_bound, pref, pair_bound, w_pref);
        hit = _mm512_mask_cmp_ps_mask(hit, pair_bound, threshold, _CMP_GE_OQ);
      }
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
