// The fused micro-kernel: skill dot products of a group of kGroupRows
// veterans against a panel of kPanelLanes postings, and in the same call,
// while the products are still in registers, the bound test that decides
// which pairs may still enter a list.
//
// Contract: for each (row, lane) it computes s = the float dot product of
// the packed rows (any summation order) and
//   bound = weight_skill * s + tile_constant
//           + (veteran_preference[row] & posting_preference[lane] ? w_pref : 0)
// and, for pairs that pass that test, the pair's own bound
//   pair_bound = weight_skill * s + weight_location * L + slack
//                + (same preference term)
// where L >= exp(-distance / scale) comes from a lower bound on the pair's
// great-circle distance (chord of the float unit vectors, less their
// rounding) and slack = tile_constant - weight_location * (the tile's L).
// It reports the pair as a Hit (row, lane, s) exactly when
//   bound >= threshold and pair_bound >= threshold, with
//   threshold = min(veteran_threshold[row], posting_threshold[lane])
//   (or max of the two when threshold_is_max: pair_scan.h's floors),
//   the pair's distance bound <= veteran_commute_km[row], and
//   (posting_requirement[lane] & veteran_not_capability[row]) == 0.
// Rows and lanes past the real ones must be made to fail by the caller
// (requirement kNeverMet, thresholds +infinity). Packed layouts are k-major:
// veterans[k * kGroupRows + row], postings[k * kPanelLanes + lane].
// Two implementations give the same hits up to float summation order: an
// AVX-512 one where the build targets it, and a portable one.
//
// bfloat16 products (run_micro_kernel_bf16): s is then the dot product of
// the rows rounded to bfloat16 (packed in pairs: word k2 * kGroupRows + row
// holds columns 2*k2 (low half) and 2*k2+1 (high half)), which is within
// bf16_skill_error(d) of the float dot product; the caller widens
// tile_constant and bound_slack by weight_skill times that, and the
// tolerance of the hits' estimates likewise.
//
// AMX (Intel's tile unit, where the CPU and the OS allow it:
// micro_kernel_has_amx()): run_micro_kernel_bf16 multiplies with tile
// instructions when veterans_amx is set. The products are the same
// bfloat16 pairs accumulated in float (within the same bound); only the
// layouts differ: veterans_amx holds, per chunk of 16 column pairs, the
// group's rows one after the other (word (chunk * kGroupRows + row) * 16 +
// j holds pair chunk * 16 + j of that row), and postings_bf16 must then
// hold amx_pairs(depth) pairs (zeros past the real ones).
#pragma once

#include <cstdint>

namespace vetmatch {

inline constexpr int kGroupRows = 12;
inline constexpr int kPanelLanes = 32;

struct TileInput {
  const float* veterans = nullptr;               ///< kGroupRows per k
  const std::uint32_t* veterans_amx = nullptr;   ///< AMX layout, see above
  const float* postings = nullptr;               ///< kPanelLanes per k
  const std::uint32_t* veterans_bf16 = nullptr;  ///< kGroupRows per k pair
  const std::uint32_t* postings_bf16 = nullptr;  ///< kPanelLanes per k pair
  int depth = 0;                                 ///< d, the skill columns
  float weight_skill = 0.0f;
  float weight_preference = 0.0f;
  float tile_constant = 0.0f;
  float weight_location = 0.0f;
  float bound_slack = 0.0f;
  float inverse_scale_km = 0.0f;              ///< 1 / scale
  const float* veteran_xyz = nullptr;         ///< 3 per row
  const float* veteran_commute_km = nullptr;  ///< kGroupRows
  const float* posting_xyz = nullptr;         ///< x[lanes], y[lanes], z[lanes]
  bool preference_exact = true;               ///< preference words are exact
  const float* veteran_threshold = nullptr;   ///< kGroupRows
  const std::uint32_t* veteran_not_capability = nullptr;  ///< kGroupRows
  const std::uint32_t* veteran_preference = nullptr;      ///< kGroupRows
  const float* posting_threshold = nullptr;               ///< kPanelLanes
  /// Pairs must clear both thresholds (max) instead of either (min).
  bool threshold_is_max = false;
  const std::uint32_t* posting_requirement = nullptr;  ///< kPanelLanes
  const std::uint32_t* posting_preference = nullptr;   ///< kPanelLanes
};

/// A pair past the bound, with what its float estimate of the score needs:
///   estimate = weight_skill * skill + rest,
///   rest = weight_location * exp(-km / scale) + preference term
/// where km is the great-circle distance from the float unit vectors (arc
/// from chord by asin's series), within estimate_tolerance() of the exact
/// score. needs_exact marks pairs the estimate does not cover, which the
/// caller must score exactly: farther than kSeriesHalfChordLimit, within
/// kCommuteAllowanceKm (+1e-6 relative) of the commute limit, or with a
/// preference word that is not exact (preference_exact false).
struct Hit {
  std::int32_t row;
  std::int32_t lane;
  float skill;
  float rest;
  bool needs_exact;
};

/// Half-chord beyond which the estimate is not used (about 1,270 km).
inline constexpr float kSeriesHalfChordLimit = 0.1f;
/// Bound on |float distance - exact distance| near a commute limit.
inline constexpr float kCommuteAllowanceKm = 0.005f;

/// |estimate - exact score| for hits without needs_exact, given the
/// normalised weights, the skill columns d and the distance scale.
double estimate_tolerance(double w_skill, double w_location, int depth,
                          double distance_scale_km);

/// Writes the tile's hits (at most kGroupRows * kPanelLanes) in row-major
/// order and returns their number.
int run_micro_kernel(const TileInput& in, Hit* hits);
int run_micro_kernel_portable(const TileInput& in, Hit* hits);
int run_micro_kernel_bf16(const TileInput& in, Hit* hits);
int run_micro_kernel_bf16_portable(const TileInput& in, Hit* hits);

/// Bound on |bf16 dot product - float dot product| of two float rows of
/// norm at most 1 + d * 2^-23 over d columns.
double bf16_skill_error(int depth);

/// Rounds to bfloat16 (nearest, ties to even), as the AVX-512 conversion.
std::uint16_t to_bf16(float x);

/// True when run_micro_kernel() is the AVX-512 one.
bool micro_kernel_is_avx512();
/// True when run_micro_kernel_bf16() uses the AVX-512 BF16 instructions.
bool micro_kernel_has_bf16();
/// Two groups (x and y: the same panel and constants, their own rows,
/// thresholds and tile constants) in one call: run_micro_kernel_bf16(x,
/// hits_x) is returned and run_micro_kernel_bf16(y, hits_y) goes to
/// *count_y. With AMX the panel's tiles are loaded once for both.
int run_micro_kernel_bf16_pair(const TileInput& x, const TileInput& y,
                               Hit* hits_x, Hit* hits_y, int* count_y);
/// The CPU has AMX-BF16 and the OS lets this process use the tiles (asked
/// once, on the first call).
bool micro_kernel_has_amx();
/// Column pairs the AMX layouts hold: (depth + 1) / 2 rounded up to 16.
inline int amx_pairs(int depth) { return ((depth + 1) / 2 + 15) / 16 * 16; }

}  // namespace vetmatch
