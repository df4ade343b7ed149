// The fused pass behind build_shortlists(): the read-only plan of one call
// (both sides in spatial order, postings packed into panels, rule words)
// and the scan of one block of veterans against every posting panel.
//
// Contract of scan_block(): for each veteran of the block it returns a
// CandidateList holding every eligible posting that can be in the
// veteran's exact top veteran_k, and it offers the block's pairs to the
// thread's posting lists with the same guarantee for the postings' top
// posting_k over the pairs this thread saw. Every offered pair is eligible
// (eligibility.h, checked exactly) and its estimate is within
// ScanPlan::tolerance of its exact score. A pair is skipped only when a
// bound proves it cannot enter either list:
//   * geo pruning: the block's or the veteran group's bounding sphere lies
//     farther from the panel's than every commute limit in it;
//   * the fused kernel's bound (micro_kernel.h) is below both lists'
//     thresholds, or a rule word fails.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/candidate_list.h"
#include "engine/shortlist/micro_kernel.h"
#include "engine/shortlist/spatial_order.h"

namespace vetmatch {

/// Veterans per block: the unit of parallel work and of progress.
inline constexpr int kBlockGroups = 64;
inline constexpr int kBlockVeterans = kBlockGroups * kGroupRows;

struct ScanPlan {
  /// posting_k_by_slot, when not empty, gives each posting its own k (by
  /// posting slot) in place of posting_k.
  ScanPlan(const IndexedRound& ir, int veteran_k, int posting_k,
           bool geo_pruning, bool portable_kernel, bool bf16,
           std::vector<int> posting_k_by_slot = {});

  const IndexedRound& ir;
  int veteran_k;
  int posting_k;
  std::vector<int> posting_k_by_slot;
  int posting_k_of(std::int32_t slot) const {
    return posting_k_by_slot.empty() ? posting_k : posting_k_by_slot[slot];
  }
  bool geo_pruning;
  bool portable_kernel;
  /// Products in bfloat16 (micro_kernel.h), with a wider tolerance.
  bool bf16;
  int depth;  ///< skill columns
  /// bfloat16 products on AMX tiles (micro_kernel_has_amx(), not portable).
  bool amx;
  /// Column pairs per posting in packed_postings_bf16 (amx_pairs(depth)
  /// with AMX, else (depth + 1) / 2).
  int bf16_pairs;

  // Normalised weights (they sum to 1), as double and as float.
  double w_skill, w_location, w_preference;
  float tolerance;  ///< |estimate - exact score| bound
  float margin;     ///< CandidateList margin: 2 * tolerance plus rounding

  bool preference_exact;
  std::vector<std::uint32_t> veteran_capability;   ///< by slot (RuleWords)
  std::vector<std::uint32_t> veteran_preference;   ///< by slot
  std::vector<std::uint8_t> veteran_has_declines;  ///< by slot

  /// Position -> slot: every veteran, or those keep_veterans() kept.
  std::vector<std::int32_t> veteran_order;
  std::int32_t block_count = 0;

  /// Keeps only the veterans with keep[slot] != 0 (spatial order kept):
  /// a scan of a few veterans then packs and multiplies only those.
  void keep_veterans(std::span<const std::uint8_t> keep);

  // Postings in spatial order, in panels of kPanelLanes (last one padded).
  std::vector<std::int32_t> posting_order;  ///< position -> slot, -1 = pad
  std::int32_t panel_count = 0;
  /// Unless bf16: per panel, depth * kPanelLanes floats.
  std::vector<float> packed_postings;
  /// When bf16: per panel, (depth + 1) / 2 * kPanelLanes words.
  std::vector<std::uint32_t> packed_postings_bf16;
  std::vector<std::uint32_t> requirement;         ///< by position
  std::vector<std::uint32_t> posting_preference;  ///< by position
  /// By position: the rule words do not decide its certificates exactly.
  std::vector<std::uint8_t> check_certificates;
  std::vector<BoundingSphere> panel_sphere;
  std::vector<float> panel_xyz;  ///< per panel: x[32], y[32], z[32]
};

/// One thread's working set, reused from block to block.
struct ScanThreadState {
  explicit ScanThreadState(const ScanPlan& plan);

  std::vector<CandidateList> posting_lists;  ///< by posting position
  std::vector<float> posting_threshold;      ///< by position; pads +inf
  // The current block.
  // Only the one the plan's kernel reads is allocated and packed.
  std::vector<float> packed_veterans;  ///< float: depth * kGroupRows a group
  std::vector<std::uint32_t> packed_veterans_bf16;  ///< bf16 without amx
  std::vector<std::uint32_t> packed_veterans_amx;   ///< amx
  std::vector<float> veteran_threshold;
  std::vector<std::uint32_t> veteran_not_capability;
  std::vector<std::uint32_t> veteran_preference;
  std::vector<float> veteran_xyz;         ///< 3 per row
  std::vector<float> veteran_commute_km;  ///< rounded up to float
  std::vector<Hit> hits;
  std::vector<Hit> hits_second;  ///< a second group's (amx)
  /// (squared distance between the block's and the panel's centres, panel)
  std::vector<std::pair<double, std::int32_t>> panel_order;
  // Counts for ShortlistWork.
  std::int64_t tiles_scored = 0;
  std::int64_t pairs_scored = 0;
  std::int64_t kernel_hits = 0;
  std::int64_t offers = 0;
};

/// Where one block of veterans lies: its slots (in spatial order) and the
/// bounding spheres and largest commute limits of the block and its groups.
struct BlockLayout {
  std::int32_t first = 0;  ///< position of its first veteran
  std::int32_t count = 0;
  int groups = 0;
  std::span<const std::int32_t> slots;
  BoundingSphere block_sphere;
  double block_commute = 0.0;
  BoundingSphere group_sphere[kBlockGroups];
  double group_commute[kBlockGroups];
};

/// Packs block `block` into `state` (rows, rule words, places, commute
/// limits) and sets the thresholds of rows past its end to +infinity; the
/// caller sets the real rows' veteran_threshold.
BlockLayout pack_block(const ScanPlan& plan, std::int32_t block,
                       ScanThreadState& state);

/// A TileInput with the plan's constants; the pointers are set by
/// point_at_panel, point_at_group and the caller's thresholds.
TileInput tile_input(const ScanPlan& plan);
/// The tile constant for groups and panels `gap_km` apart (at least).
float tile_constant(const ScanPlan& plan, double gap_km);
void point_at_panel(const ScanPlan& plan, std::int32_t panel, TileInput& in);
void point_at_group(const ScanPlan& plan, const ScanThreadState& state,
                    int group, TileInput& in);
/// The rules a kernel hit still needs checked (the rule words decide the
/// rest): the posting's certificates where the words do not decide them
/// (check_certificates), and the veteran's declines. `position`: the
/// posting's place in posting_order.
inline bool hit_rules_hold(const ScanPlan& plan, std::int32_t v, std::int32_t p,
                           std::size_t position) {
  const IndexedRound& ir = plan.ir;
  if (plan.check_certificates[position] &&
      !std::includes(ir.veteran_certs.begin(v), ir.veteran_certs.end(v),
                     ir.posting_certs.begin(p), ir.posting_certs.end(p))) {
    return false;
  }
  return !(plan.veteran_has_declines[v] && is_declined(ir, v, p));
}

/// The plan's kernel (float or bf16, AVX-512 or portable).
int run_kernel(const ScanPlan& plan, const TileInput& in, Hit* hits);

/// Runs the plan's kernel on each group of `layout` that geo pruning keeps
/// against the panel `in` points at (`panel_sphere` its sphere), two groups
/// a call where the kernel shares the panel between them (AMX), and calls
/// on_hits(group, hit count, hits) for each group run. The second group of
/// a call runs on thresholds from before the first one's hits are handled
/// (lower, so more hits, never fewer). `in` keeps the panel and the
/// thresholds; its group pointers and tile constant are overwritten.
template <class OnHits>
void scan_groups(const ScanPlan& plan, ScanThreadState& state,
                 const BlockLayout& layout, const BoundingSphere& panel_sphere,
                 TileInput& in, OnHits&& on_hits) {
  int active[kBlockGroups];
  float constant[kBlockGroups];
  int n_active = 0;
  for (int g = 0; g < layout.groups; ++g) {
    const double gap_km = lower_bound_km(layout.group_sphere[g], panel_sphere);
    if (plan.geo_pruning && gap_km > layout.group_commute[g]) continue;
    active[n_active] = g;
    constant[n_active++] = tile_constant(plan, gap_km);
  }
  for (int i = 0; i < n_active;) {
    point_at_group(plan, state, active[i], in);
    in.tile_constant = constant[i];
    if (plan.amx && i + 1 < n_active) {
      TileInput second = in;
      point_at_group(plan, state, active[i + 1], second);
      second.tile_constant = constant[i + 1];
      int n_second = 0;
      const int n = run_micro_kernel_bf16_pair(
          in, second, state.hits.data(), state.hits_second.data(), &n_second);
      on_hits(active[i], n, state.hits.data());
      on_hits(active[i + 1], n_second, state.hits_second.data());
      i += 2;
    } else {
      on_hits(active[i], run_kernel(plan, in, state.hits.data()),
              state.hits.data());
      ++i;
    }
  }
}

/// Raises `shared` (by posting position, -infinity at first) to this
/// thread's posting lists' thresholds, and the thread's posting_threshold
/// to `shared`. Sound because the postings' lists are the union of the
/// threads' (candidate_list.h): a pair below another thread's threshold is
/// below the union's too, so no thread need offer it. The caller holds a
/// lock; which thread shares first changes the work, never the result.
void share_posting_thresholds(ScanThreadState& state,
                              std::vector<float>& shared);

/// Scans veteran block `block` (positions block * kBlockVeterans ...).
/// lists[i] receives the candidates of the veteran at position
/// block * kBlockVeterans + i.
void scan_block(const ScanPlan& plan, std::int32_t block,
                ScanThreadState& state, std::vector<CandidateList>& lists);

}  // namespace vetmatch
