#include "engine/shortlist/pair_scan.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/fused_scan.h"
#include "engine/shortlist/kernel_choice.h"

namespace vetmatch {
namespace {

constexpr float kInfinity = std::numeric_limits<float>::infinity();
// Covers the float rounding of an estimate (scores lie in [0, 1]) beyond
// ScanPlan::tolerance.
constexpr double kEstimateRounding = 1e-6;

// The kernel's threshold for a floor: low enough that every pair whose
// exact score reaches the floor passes (its bound is at least its estimate,
// which is at least the exact score less the tolerance); +infinity leaves
// the record out.
float kernel_threshold(double floor, float tolerance) {
  if (std::isnan(floor) || floor == std::numeric_limits<double>::infinity()) {
    return kInfinity;
  }
  if (floor == -std::numeric_limits<double>::infinity()) return -kInfinity;
  const double t = floor - double(tolerance);
  float f = static_cast<float>(t);
  if (static_cast<double>(f) > t) f = std::nextafter(f, -kInfinity);
  return std::nextafter(f, -kInfinity);
}

}  // namespace

void for_each_pair_at_or_above(const IndexedRound& ir,
                               std::span<const double> veteran_floor,
                               std::span<const double> posting_floor,
                               const PairVisitor& visit,
                               const PairDecider& decide,
                               const PairScanOptions& options) {
  if (ir.n_veterans == 0 || ir.n_postings == 0) return;
  ScanPlan plan(ir, /*veteran_k=*/0, /*posting_k=*/0, options.geo_pruning,
                options.portable_kernel,
                options.bf16.value_or(bf16_pass_pays_off()));
  // Only the veterans with a record to return are packed and multiplied.
  {
    std::vector<std::uint8_t> keep(ir.n_veterans);
    bool all = true;
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      keep[v] = kernel_threshold(veteran_floor[v], plan.tolerance) != kInfinity;
      all &= keep[v] != 0;
    }
    if (!all) plan.keep_veterans(keep);
    if (plan.block_count == 0) return;
  }
  std::vector<float> posting_threshold(
      std::size_t(plan.panel_count) * kPanelLanes, kInfinity);
  for (std::size_t position = 0; position < plan.posting_order.size();
       ++position) {
    const std::int32_t p = plan.posting_order[position];
    if (p >= 0) {
      posting_threshold[position] =
          kernel_threshold(posting_floor[p], plan.tolerance);
    }
  }

  // Panels whose postings are all left out (+infinity) are not visited: a
  // certificate often scans a few records only.
  std::vector<std::uint8_t> panel_open(plan.panel_count, 0);
  for (std::int32_t panel = 0; panel < plan.panel_count; ++panel) {
    const float* t = &posting_threshold[std::size_t(panel) * kPanelLanes];
    panel_open[panel] =
        std::any_of(t, t + kPanelLanes, [](float f) { return f != kInfinity; });
  }

  struct ThreadWork {
    explicit ThreadWork(const ScanPlan& plan) : state(plan) {}
    ScanThreadState state;
  };
  tbb::enumerable_thread_specific<ThreadWork> work(
      [&] { return ThreadWork(plan); });
  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, plan.block_count, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        ScanThreadState& state = work.local().state;
        for (std::int32_t b = range.begin(); b != range.end(); ++b) {
          const BlockLayout layout = pack_block(plan, b, state);
          bool any = false;
          for (std::int32_t i = 0; i < layout.count; ++i) {
            state.veteran_threshold[i] = kernel_threshold(
                veteran_floor[layout.slots[i]], plan.tolerance);
            any |= state.veteran_threshold[i] != kInfinity;
          }
          if (!any) continue;
          TileInput in = tile_input(plan);
          in.threshold_is_max = true;
          for (std::int32_t panel = 0; panel < plan.panel_count; ++panel) {
            if (!panel_open[panel]) continue;
            const BoundingSphere& sphere = plan.panel_sphere[panel];
            if (options.geo_pruning &&
                lower_bound_km(layout.block_sphere, sphere) >
                    layout.block_commute) {
              continue;
            }
            const std::size_t lane0 = std::size_t(panel) * kPanelLanes;
            point_at_panel(plan, panel, in);
            in.posting_threshold = &posting_threshold[lane0];
            // The hits of group g against this panel, checked and visited.
            auto visit_hits = [&](int g, int n, const Hit* hits) {
              for (int h = 0; h < n; ++h) {
                const Hit& hit = hits[h];
                const std::int32_t v = layout.slots[g * kGroupRows + hit.row];
                const std::int32_t p = plan.posting_order[lane0 + hit.lane];
                if (decide && !hit.needs_exact) {
                  // The kernel's rule words and distance decided all but
                  // certificates (where flagged) and declines, as in
                  // scan_block; its estimate is within the tolerance.
                  if (!hit_rules_hold(plan, v, p, lane0 + hit.lane)) continue;
                  const double low =
                      double(in.weight_skill * hit.skill + hit.rest) -
                      double(plan.tolerance) - kEstimateRounding;
                  if (low > std::max(veteran_floor[v], posting_floor[p]) &&
                      decide(v, p, low)) {
                    continue;
                  }
                }
                // Every other hit is checked and scored exactly.
                const double km = exact_distance_km(ir, v, p);
                if (exact_eligibility(ir, v, p, km) !=
                    Ineligibility::kEligible) {
                  continue;
                }
                const PairScore s = exact_score(ir, v, p, km);
                if (s.score >= std::max(veteran_floor[v], posting_floor[p])) {
                  visit(ScoredPair{v, p, s});
                }
              }
            };
            scan_groups(plan, state, layout, sphere, in, visit_hits);
          }
        }
      },
      tbb::simple_partitioner());
}

std::vector<ScoredPair> pairs_at_or_above(const IndexedRound& ir,
                                          std::span<const double> veteran_floor,
                                          std::span<const double> posting_floor,
                                          const PairScanOptions& options) {
  tbb::enumerable_thread_specific<std::vector<ScoredPair>> found;
  for_each_pair_at_or_above(
      ir, veteran_floor, posting_floor,
      [&](const ScoredPair& pair) { found.local().push_back(pair); }, {},
      options);
  std::size_t total = 0;
  for (const auto& list : found) total += list.size();
  std::vector<ScoredPair> out;
  out.reserve(total);
  for (auto& list : found) {
    out.insert(out.end(), list.begin(), list.end());
    std::vector<ScoredPair>().swap(list);
  }
  std::sort(out.begin(), out.end(),
            [](const ScoredPair& a, const ScoredPair& b) {
              return a.veteran != b.veteran ? a.veteran < b.veteran
                                            : a.posting < b.posting;
            });
  return out;
}

}  // namespace vetmatch
