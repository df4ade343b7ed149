#include "engine/shortlist/micro_kernel.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/scoring/geo.h"

#if defined(__AVX512F__)
#include <cpuid.h>
#include <immintrin.h>
#include <sys/syscall.h>
#include <unistd.h>
// GCC 12 warns that _mm512_min_ps's internal _mm512_undefined_ps() is
// uninitialized: a known false positive of the header.
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace vetmatch {
namespace {

// Chord rounding allowance: the float unit vectors lie within 2e-7 of the
// exact points, and the chord's own float arithmetic errs by under 3e-7.
constexpr float kChordAllowance = 1e-6f;
// The exp2 below errs by under 2e-5 relative (argument rounding included).
constexpr float kExpError = 3e-5f;
constexpr float kRadius = static_cast<float>(kEarthRadiusKm);
constexpr float kLog2e = 1.44269504088896341f;

// Arc length (km) from the half chord x <= kSeriesHalfChordLimit:
// 2 R asin(x), asin by its series to x^7 (truncation below 1e-10 relative).
inline float series_arc_km(float x) {
  const float x2 = x * x;
  const float p = 1.0f + x2 * (1.0f / 6 + x2 * (3.0f / 40 + x2 * (5.0f / 112)));
  return 2.0f * kRadius * x * p;
}

struct PairTerms {
  float bound_km;     // lower bound of the distance
  float estimate_km;  // estimate of the distance
  float half_chord;
};

inline PairTerms pair_terms(const TileInput& in, int row, int lane) {
  const float dx = in.veteran_xyz[3 * row] - in.posting_xyz[lane];
  const float dy =
      in.veteran_xyz[3 * row + 1] - in.posting_xyz[kPanelLanes + lane];
  const float dz =
      in.veteran_xyz[3 * row + 2] - in.posting_xyz[2 * kPanelLanes + lane];
  const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
  const float x = 0.5f * chord;
  return {std::max(0.0f, (chord - kChordAllowance) * kRadius), series_arc_km(x),
          x};
}

// The portable test and estimate of one pair; false when it does not pass.
inline bool evaluate(const TileInput& in, int row, int lane, float s,
                     Hit& hit) {
  if ((in.posting_requirement[lane] & in.veteran_not_capability[row]) != 0) {
    return false;
  }
  const bool preferred =
      (in.veteran_preference[row] & in.posting_preference[lane]) != 0;
  const float pref = preferred ? in.weight_preference : 0.0f;
  const float threshold =
      in.threshold_is_max
          ? std::max(in.veteran_threshold[row], in.posting_threshold[lane])
          : std::min(in.veteran_threshold[row], in.posting_threshold[lane]);
  if (!(in.weight_skill * s + in.tile_constant + pref >= threshold)) {
    return false;
  }
  const PairTerms t = pair_terms(in, row, lane);
  const float commute = in.veteran_commute_km[row];
  if (!(t.bound_km <= commute)) return false;
  const float upper =
      std::exp(-t.bound_km * in.inverse_scale_km) * (1.0f + kExpError);
  if (!(in.weight_skill * s + in.weight_location * upper + in.bound_slack +
            pref >=
        threshold)) {
    return false;
  }
  const float near_limit = kCommuteAllowanceKm + 1e-6f * t.estimate_km;
  const float over = t.estimate_km - commute;
  if (!(over <= near_limit)) return false;
  hit = {row, lane, s,
         in.weight_location * std::exp(-t.estimate_km * in.inverse_scale_km) +
             pref,
         t.half_chord > kSeriesHalfChordLimit || std::abs(over) <= near_limit ||
             (preferred && !in.preference_exact)};
  return true;
}

}  // namespace

double estimate_tolerance(double w_skill, double w_location, int depth,
                          double distance_scale_km) {
  // Skill: pair_eval.h's bound on the float cosine, (d + 8) * 2^-22.
  // Location: the distance errs by under kCommuteAllowanceKm (so
  // exp(-km/scale) by under that / scale), exp by under kExpError relative;
  // plus float rounding of the sums (scores are at most 1).
  return w_skill * (depth + 8.0) * std::ldexp(1.0, -22) +
         w_location * (kCommuteAllowanceKm / distance_scale_km + kExpError) +
         1e-6;
}

namespace {

int portable_epilogue(const TileInput& in,
                      const float (&acc)[kGroupRows][kPanelLanes], Hit* hits) {
  int n = 0;
  for (int r = 0; r < kGroupRows; ++r) {
    for (int l = 0; l < kPanelLanes; ++l) {
      if (evaluate(in, r, l, acc[r][l], hits[n])) ++n;
    }
  }
  return n;
}

float from_bf16(std::uint32_t half) {
  const std::uint32_t bits = half << 16;
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

}  // namespace

std::uint16_t to_bf16(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return static_cast<std::uint16_t>(bits >> 16);
}

double bf16_skill_error(int depth) {
  // Each factor rounds by at most 2^-9 relative, so each product by
  // (1 + 2^-9)^2 - 1 < 2^-8 + 2^-18 of |a_k b_k|, and sum |a_k b_k| <= |a||b|
  // <= 1 + d 2^-22; the float sums of both dot products add (d + 8) 2^-22
  // each (pair_eval.h's bound); 1e-6 covers flushed subnormals.
  const double norms = 1.0 + depth * std::ldexp(1.0, -22);
  return (std::ldexp(1.0, -8) + std::ldexp(1.0, -18)) * norms +
         2.0 * (depth + 8.0) * std::ldexp(1.0, -22) + 1e-6;
}

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
  return portable_epilogue(in, acc, hits);
}

int run_micro_kernel_bf16_portable(const TileInput& in, Hit* hits) {
  // Products of bfloat16 values are exact in float; sums round as the
  // instruction's do (to nearest), so the same error bound holds.
  float acc[kGroupRows][kPanelLanes] = {};
  const std::uint32_t* a = in.veterans_bf16;
  const std::uint32_t* b = in.postings_bf16;
  for (int k = 0; k < (in.depth + 1) / 2; ++k) {
    for (int r = 0; r < kGroupRows; ++r) {
      const float a0 = from_bf16(a[r] & 0xFFFFu), a1 = from_bf16(a[r] >> 16);
      for (int l = 0; l < kPanelLanes; ++l) {
        acc[r][l] += a0 * from_bf16(b[l] & 0xFFFFu);
        acc[r][l] += a1 * from_bf16(b[l] >> 16);
      }
    }
    a += kGroupRows;
    b += kPanelLanes;
  }
  return portable_epilogue(in, acc, hits);
}

#if defined(__AVX512F__)

bool micro_kernel_is_avx512() { return true; }

namespace {

// 2^t for t <= 0 as 2^n * p(t - n), p Cephes' exp2f polynomial (relative
// error below 2e-7 on [-0.5, 0.5]); t is clamped at -126.
inline __m512 exp2_nonpositive(__m512 t) {
  t = _mm512_max_ps(t, _mm512_set1_ps(-126));
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
  return _mm512_scalef_ps(p, n);
}

inline __m512 series_arc_km(__m512 x) {
  const __m512 x2 = _mm512_mul_ps(x, x);
  __m512 p = _mm512_set1_ps(5.0f / 112);
  p = _mm512_fmadd_ps(p, x2, _mm512_set1_ps(3.0f / 40));
  p = _mm512_fmadd_ps(p, x2, _mm512_set1_ps(1.0f / 6));
  p = _mm512_fmadd_ps(p, x2, _mm512_set1_ps(1.0f));
  return _mm512_mul_ps(_mm512_mul_ps(x, p), _mm512_set1_ps(2.0f * kRadius));
}

using Accumulators = __m512[kGroupRows][2];

inline void multiply_float(const TileInput& in, Accumulators& c) {
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
}

#if defined(__AVX512BF16__)
inline void multiply_bf16(const TileInput& in, Accumulators& c) {
  const std::uint32_t* a = in.veterans_bf16;
  const std::uint32_t* b = in.postings_bf16;
  const int pairs = (in.depth + 1) / 2;
#pragma GCC unroll 2
  for (int k = 0; k < pairs; ++k) {
    const __m512bh b0 = (__m512bh)_mm512_loadu_si512(b);
    const __m512bh b1 = (__m512bh)_mm512_loadu_si512(b + 16);
#pragma GCC unroll 12
    for (int r = 0; r < kGroupRows; ++r) {
      const __m512bh ar = (__m512bh)_mm512_set1_epi32(static_cast<int>(a[r]));
      c[r][0] = _mm512_dpbf16_ps(c[r][0], ar, b0);
      c[r][1] = _mm512_dpbf16_ps(c[r][1], ar, b1);
    }
    a += kGroupRows;
    b += kPanelLanes;
  }
}
#endif

inline int epilogue(const TileInput& in, const Accumulators& c, Hit* hits) {
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
      // The tile's bound: one compare per pair.
      const __m512 lane_threshold =
          _mm512_loadu_ps(in.posting_threshold + 16 * h);
      const __m512 threshold =
          in.threshold_is_max ? _mm512_max_ps(row_threshold, lane_threshold)
                              : _mm512_min_ps(row_threshold, lane_threshold);
      const __mmask16 pref = _mm512_test_epi32_mask(
          row_pref, _mm512_loadu_si512(in.posting_preference + 16 * h));
      const __m512 base = _mm512_mask_add_ps(
          _mm512_fmadd_ps(c[r][h], w_skill, constant), pref,
          _mm512_fmadd_ps(c[r][h], w_skill, constant), w_pref);
      __mmask16 hit = _mm512_cmp_ps_mask(base, threshold, _CMP_GE_OQ);
      hit = _mm512_mask_testn_epi32_mask(
          hit, _mm512_loadu_si512(in.posting_requirement + 16 * h),
          not_capability);
      if (!hit) continue;

      // The pair's own distance: its bound, the commute limit, the
      // location bound and the estimate.
      const __m512 dx = _mm512_sub_ps(_mm512_set1_ps(in.veteran_xyz[3 * r]),
                                      _mm512_loadu_ps(in.posting_xyz + 16 * h));
      const __m512 dy =
          _mm512_sub_ps(_mm512_set1_ps(in.veteran_xyz[3 * r + 1]),
                        _mm512_loadu_ps(in.posting_xyz + kPanelLanes + 16 * h));
      const __m512 dz = _mm512_sub_ps(
          _mm512_set1_ps(in.veteran_xyz[3 * r + 2]),
          _mm512_loadu_ps(in.posting_xyz + 2 * kPanelLanes + 16 * h));
      const __m512 chord = _mm512_sqrt_ps(_mm512_fmadd_ps(
          dx, dx, _mm512_fmadd_ps(dy, dy, _mm512_mul_ps(dz, dz))));
      const __m512 bound_km = _mm512_max_ps(
          _mm512_setzero_ps(),
          _mm512_mul_ps(_mm512_sub_ps(chord, _mm512_set1_ps(kChordAllowance)),
                        _mm512_set1_ps(kRadius)));
      const __m512 commute = _mm512_set1_ps(in.veteran_commute_km[r]);
      hit = _mm512_mask_cmp_ps_mask(hit, bound_km, commute, _CMP_LE_OQ);
      const __m512 to_exponent = _mm512_set1_ps(-in.inverse_scale_km * kLog2e);
      const __m512 upper =
          _mm512_mul_ps(exp2_nonpositive(_mm512_mul_ps(bound_km, to_exponent)),
                        _mm512_set1_ps(1.0f + kExpError));
      const __m512 skill_part = _mm512_mul_ps(c[r][h], w_skill);
      __m512 pair_bound = _mm512_add_ps(
          _mm512_fmadd_ps(upper, _mm512_set1_ps(in.weight_location),
                          _mm512_set1_ps(in.bound_slack)),
          skill_part);
      pair_bound = _mm512_mask_add_ps(pair_bound, pref, pair_bound, w_pref);
      hit = _mm512_mask_cmp_ps_mask(hit, pair_bound, threshold, _CMP_GE_OQ);
      if (!hit) continue;

      const __m512 half_chord = _mm512_mul_ps(chord, _mm512_set1_ps(0.5f));
      const __m512 estimate_km = series_arc_km(half_chord);
      __m512 rest = _mm512_mul_ps(
          _mm512_set1_ps(in.weight_location),
          exp2_nonpositive(_mm512_mul_ps(estimate_km, to_exponent)));
      rest = _mm512_mask_add_ps(rest, pref, rest, w_pref);
      // Surely beyond the limit: out. Near it: the caller decides exactly.
      const __m512 near_limit =
          _mm512_fmadd_ps(estimate_km, _mm512_set1_ps(1e-6f),
                          _mm512_set1_ps(kCommuteAllowanceKm));
      const __m512 over = _mm512_sub_ps(estimate_km, commute);
      hit = _mm512_mask_cmp_ps_mask(hit, over, near_limit, _CMP_LE_OQ);
      if (!hit) continue;
      __mmask16 exact = _mm512_cmp_ps_mask(
          half_chord, _mm512_set1_ps(kSeriesHalfChordLimit), _CMP_GT_OQ);
      exact |= _mm512_cmp_ps_mask(_mm512_abs_ps(over), near_limit, _CMP_LE_OQ);
      if (!in.preference_exact) exact |= pref;

      alignas(64) float s[16];
      alignas(64) float e[16];
      _mm512_store_ps(s, c[r][h]);
      _mm512_store_ps(e, rest);
      unsigned bits = hit;
      while (bits) {
        const int lane = __builtin_ctz(bits);
        hits[n++] = {r, 16 * h + lane, s[lane], e[lane],
                     ((exact >> lane) & 1u) != 0};
        bits &= bits - 1;
      }
    }
  }
  return n;
}

inline void clear(Accumulators& c) {
#pragma GCC unroll 12
  for (int r = 0; r < kGroupRows; ++r) {
    c[r][0] = _mm512_setzero_ps();
    c[r][1] = _mm512_setzero_ps();
  }
}

}  // namespace

int run_micro_kernel(const TileInput& in, Hit* hits) {
  Accumulators c;
  clear(c);
  multiply_float(in, c);
  return epilogue(in, c, hits);
}

#if defined(__AVX512BF16__)
bool micro_kernel_has_bf16() { return true; }

namespace {

// AMX: tiles 0 and 1 accumulate lanes 0-15 and 16-31 (kGroupRows rows of
// 16 floats), tile 2 holds the group's chunk of 16 column pairs, tiles 3
// and 4 the panel's (16 pair rows of 16 lanes, 128 bytes apart).
struct alignas(64) TileConfig {
  std::uint8_t palette;
  std::uint8_t start_row;
  std::uint8_t reserved[14];
  std::uint16_t bytes_per_row[16];
  std::uint8_t rows[16];
};
// A constant in memory: the configuration instruction reads it through a
// pointer the compiler cannot see into, so it must not be a local whose
// stores could be dropped.
// Tiles 0, 1: the first group's sums (lanes 0-15, 16-31); 2: its chunk of
// pairs; 3, 4: the panel's chunk (lanes 0-15, 16-31); 5, 6, 7: the same
// as 0, 1, 2 for a second group (multiply_amx_pair).
alignas(64) constexpr TileConfig kTileConfig = {
    1,
    0,
    {},
    {64, 64, 64, 64, 64, 64, 64, 64},
    {kGroupRows, kGroupRows, kGroupRows, 16, 16, kGroupRows, kGroupRows,
     kGroupRows}};

// The configuration stays with the thread (it is part of its saved state);
// nothing else in the process uses the tiles.
__attribute__((target("amx-tile"))) inline void configure_tiles() {
  thread_local bool configured = false;
  if (!configured) {
    _tile_loadconfig(&kTileConfig);
    configured = true;
  }
}

// GCC's tile intrinsics are asm statements that do not say they write
// memory: this tells the compiler the tile stores before it wrote `out`, so
// the loads after it are neither moved above them nor folded away (nor the
// second group's stores merged with the first's loads).
inline void stored_barrier() { asm volatile("" ::: "memory"); }

inline void load_sums(const float (&out)[2][kGroupRows][16], Accumulators& c) {
#pragma GCC unroll 12
  for (int r = 0; r < kGroupRows; ++r) {
    c[r][0] = _mm512_load_ps(out[0][r]);
    c[r][1] = _mm512_load_ps(out[1][r]);
  }
}

constexpr long kArchRequestPermission = 0x1023;  // ARCH_REQ_XCOMP_PERM
constexpr long kTileDataFeature = 18;            // XFEATURE_XTILEDATA

bool amx_available() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool bf16 = (edx >> 22) & 1u, tile = (edx >> 24) & 1u;
  if (!bf16 || !tile) return false;
  return syscall(SYS_arch_prctl, kArchRequestPermission, kTileDataFeature) == 0;
}

__attribute__((target("amx-tile,amx-bf16"))) void multiply_amx(
    const TileInput& in, Accumulators& c) {
  configure_tiles();
  _tile_zero(0);
  _tile_zero(1);
  const int chunks = amx_pairs(in.depth) / 16;
  const std::uint32_t* a = in.veterans_amx;
  const std::uint32_t* b = in.postings_bf16;
  for (int chunk = 0; chunk < chunks; ++chunk) {
    _tile_loadd(2, a, 64);
    _tile_loadd(3, b, kPanelLanes * 4);
    _tile_loadd(4, b + 16, kPanelLanes * 4);
    _tile_dpbf16ps(0, 2, 3);
    _tile_dpbf16ps(1, 2, 4);
    a += kGroupRows * 16;
    b += 16 * kPanelLanes;
  }
  alignas(64) float out[2][kGroupRows][16];
  _tile_stored(0, out[0], 64);
  _tile_stored(1, out[1], 64);
  stored_barrier();
  load_sums(out, c);
}

// Two groups against the same panel: the panel's chunk is loaded once for
// both, and four independent sums hide the tile unit's latency.
__attribute__((target("amx-tile,amx-bf16"))) void multiply_amx_pair(
    const TileInput& x, const TileInput& y, Accumulators& cx,
    Accumulators& cy) {
  configure_tiles();
  _tile_zero(0);
  _tile_zero(1);
  _tile_zero(5);
  _tile_zero(6);
  const int chunks = amx_pairs(x.depth) / 16;
  const std::uint32_t* a = x.veterans_amx;
  const std::uint32_t* a2 = y.veterans_amx;
  const std::uint32_t* b = x.postings_bf16;
  for (int chunk = 0; chunk < chunks; ++chunk) {
    _tile_loadd(3, b, kPanelLanes * 4);
    _tile_loadd(4, b + 16, kPanelLanes * 4);
    _tile_loadd(2, a, 64);
    _tile_loadd(7, a2, 64);
    _tile_dpbf16ps(0, 2, 3);
    _tile_dpbf16ps(1, 2, 4);
    _tile_dpbf16ps(5, 7, 3);
    _tile_dpbf16ps(6, 7, 4);
    a += kGroupRows * 16;
    a2 += kGroupRows * 16;
    b += 16 * kPanelLanes;
  }
  alignas(64) float out[2][kGroupRows][16];
  _tile_stored(0, out[0], 64);
  _tile_stored(1, out[1], 64);
  stored_barrier();
  load_sums(out, cx);
  _tile_stored(5, out[0], 64);
  _tile_stored(6, out[1], 64);
  stored_barrier();
  load_sums(out, cy);
}

}  // namespace

bool micro_kernel_has_amx() {
  static const bool available = amx_available();
  return available;
}

int run_micro_kernel_bf16_pair(const TileInput& x, const TileInput& y,
                               Hit* hits_x, Hit* hits_y, int* count_y) {
  if (x.veterans_amx == nullptr || y.veterans_amx == nullptr) {
    *count_y = run_micro_kernel_bf16(y, hits_y);
    return run_micro_kernel_bf16(x, hits_x);
  }
  Accumulators cx, cy;
  multiply_amx_pair(x, y, cx, cy);
  *count_y = epilogue(y, cy, hits_y);
  return epilogue(x, cx, hits_x);
}

int run_micro_kernel_bf16(const TileInput& in, Hit* hits) {
  Accumulators c;
  if (in.veterans_amx != nullptr) {
    multiply_amx(in, c);
  } else {
    clear(c);
    multiply_bf16(in, c);
  }
  return epilogue(in, c, hits);
}
#else
bool micro_kernel_has_bf16() { return false; }
bool micro_kernel_has_amx() { return false; }

int run_micro_kernel_bf16(const TileInput& in, Hit* hits) {
  return run_micro_kernel_bf16_portable(in, hits);
}

int run_micro_kernel_bf16_pair(const TileInput& x, const TileInput& y,
                               Hit* hits_x, Hit* hits_y, int* count_y) {
  *count_y = run_micro_kernel_bf16(y, hits_y);
  return run_micro_kernel_bf16(x, hits_x);
}
#endif

#else

bool micro_kernel_is_avx512() { return false; }
bool micro_kernel_has_bf16() { return false; }
bool micro_kernel_has_amx() { return false; }

int run_micro_kernel(const TileInput& in, Hit* hits) {
  return run_micro_kernel_portable(in, hits);
}

int run_micro_kernel_bf16(const TileInput& in, Hit* hits) {
  return run_micro_kernel_bf16_portable(in, hits);
}

int run_micro_kernel_bf16_pair(const TileInput& x, const TileInput& y,
                               Hit* hits_x, Hit* hits_y, int* count_y) {
  *count_y = run_micro_kernel_bf16(y, hits_y);
  return run_micro_kernel_bf16(x, hits_x);
}

#endif

}  // namespace vetmatch
