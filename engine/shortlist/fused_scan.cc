#include "engine/shortlist/fused_scan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/rule_words.h"

namespace vetmatch {
namespace {

constexpr float kInfinity = std::numeric_limits<float>::infinity();

// Added to the kernel's bound so that float rounding can never put the
// bound below a pair's estimate (scores are at most 1; each rounding is
// below 1e-7).
constexpr float kBoundSlack = 1e-6f;

float round_up(double x) {
  float f = static_cast<float>(x);
  if (static_cast<double>(f) < x) f = std::nextafter(f, kInfinity);
  return f;
}

double largest_commute(const IndexedRound& ir,
                       std::span<const std::int32_t> slots) {
  double out = 0.0;
  for (std::int32_t v : slots) out = std::max(out, ir.veteran_commute_km[v]);
  return out;
}

}  // namespace

ScanPlan::ScanPlan(const IndexedRound& ir_in, int veteran_k_in,
                   int posting_k_in, bool geo_pruning_in,
                   bool portable_kernel_in, bool bf16_in,
                   std::vector<int> posting_k_by_slot_in)
    : ir(ir_in),
      veteran_k(veteran_k_in),
      posting_k(posting_k_in),
      posting_k_by_slot(std::move(posting_k_by_slot_in)),
      geo_pruning(geo_pruning_in),
      portable_kernel(portable_kernel_in),
      bf16(bf16_in && (portable_kernel_in || micro_kernel_has_bf16())),
      depth(ir_in.skill_columns),
      amx(bf16 && !portable_kernel && micro_kernel_has_amx()),
      bf16_pairs(amx ? amx_pairs(depth) : (depth + 1) / 2) {
  const double sum = ir.weights.sum();
  w_skill = ir.weights.skill / sum;
  w_location = ir.weights.location / sum;
  w_preference = ir.weights.preference / sum;
  // Estimates come from the kernel (micro_kernel.h) or, for hits it marks,
  // from the exact distance with the kernel's cosine; the kernel's bound
  // is the larger and holds for both. A bfloat16 cosine errs by up to
  // bf16_skill_error(d) more: the lists then keep the candidates within a
  // wider margin, and no hit needs its cosine redone in float.
  tolerance = static_cast<float>(
      estimate_tolerance(w_skill, w_location, depth, ir.distance_scale_km) +
      (bf16 ? w_skill * bf16_skill_error(depth) : 0.0));
  margin = 2.0f * tolerance + 1e-7f;
  const RuleWords words(ir);
  preference_exact = words.preferences_exact();

  veteran_has_declines.assign(ir.n_veterans, 0);
  for (std::uint64_t key : ir.declined) veteran_has_declines[key >> 32] = 1;

  veteran_order = hilbert_order(ir.veteran_xyz);
  block_count = (ir.n_veterans + kBlockVeterans - 1) / kBlockVeterans;

  posting_order = hilbert_order(ir.posting_xyz);
  panel_count = (ir.n_postings + kPanelLanes - 1) / kPanelLanes;
  const std::size_t lanes = std::size_t(panel_count) * kPanelLanes;
  posting_order.resize(lanes, -1);
  // Only the copy the chosen kernel reads.
  if (!bf16) packed_postings.assign(lanes * depth, 0.0f);
  const int pairs = bf16_pairs;
  if (bf16) {
    packed_postings_bf16.assign(lanes * pairs, 0);
  }
  requirement.assign(lanes, RuleWords::kNeverMet);
  check_certificates.assign(lanes, 0);
  veteran_capability.resize(ir.n_veterans);
  veteran_preference.resize(ir.n_veterans);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    veteran_capability[v] = words.capability(v);
    veteran_preference[v] = words.veteran_preference(v);
  }
  posting_preference.assign(lanes, 0);
  panel_sphere.resize(panel_count);
  panel_xyz.assign(lanes * 3, 0.0f);
  for (std::int32_t panel = 0; panel < panel_count; ++panel) {
    for (int lane = 0; lane < kPanelLanes; ++lane) {
      const std::size_t position = std::size_t(panel) * kPanelLanes + lane;
      const std::int32_t p = posting_order[position];
      if (p < 0) continue;
      const float* row = ir.posting_matrix.row(p).data();
      if (!bf16) {
        float* out = &packed_postings[std::size_t(panel) * kPanelLanes * depth];
        for (int k = 0; k < depth; ++k) out[k * kPanelLanes + lane] = row[k];
      } else {
        std::uint32_t* out16 =
            &packed_postings_bf16[std::size_t(panel) * kPanelLanes * pairs];
        for (int k = 0; k < depth; ++k) {
          out16[(k / 2) * kPanelLanes + lane] |= std::uint32_t{to_bf16(row[k])}
                                                 << (16 * (k % 2));
        }
      }
      float* xyz = &panel_xyz[std::size_t(panel) * 3 * kPanelLanes];
      for (int c = 0; c < 3; ++c) {
        xyz[c * kPanelLanes + lane] = ir.posting_xyz[3 * std::size_t(p) + c];
      }
      requirement[position] = words.requirement(p);
      posting_preference[position] = words.posting_preference(p);
      check_certificates[position] = !words.certificates_exact(p);
    }
    const std::int32_t first = panel * kPanelLanes;
    const std::int32_t last = std::min(ir.n_postings, first + kPanelLanes);
    panel_sphere[panel] = bounding_sphere(
        ir.posting_xyz, std::span<const std::int32_t>(posting_order)
                            .subspan(first, last - first));
  }
}

ScanThreadState::ScanThreadState(const ScanPlan& plan)
    : posting_lists(std::size_t(plan.panel_count) * kPanelLanes),
      posting_threshold(std::size_t(plan.panel_count) * kPanelLanes, kInfinity),
      packed_veterans(plan.amx ? 0 : std::size_t(kBlockVeterans) * plan.depth),
      packed_veterans_bf16(plan.bf16 && !plan.amx
                               ? std::size_t(kBlockVeterans) *
                                     ((plan.depth + 1) / 2)
                               : 0),
      packed_veterans_amx(
          plan.amx ? std::size_t(kBlockVeterans) * plan.bf16_pairs : 0),
      veteran_threshold(kBlockVeterans),
      veteran_not_capability(kBlockVeterans),
      veteran_preference(kBlockVeterans),
      veteran_xyz(3 * kBlockVeterans),
      veteran_commute_km(kBlockVeterans),
      hits(kGroupRows * kPanelLanes),
      hits_second(plan.amx ? kGroupRows * kPanelLanes : 0) {
  for (std::size_t i = 0; i < posting_lists.size(); ++i) {
    if (plan.posting_order[i] < 0) continue;
    posting_lists[i].reset(plan.posting_k_of(plan.posting_order[i]),
                           plan.margin);
    posting_threshold[i] = posting_lists[i].threshold();
  }
}

void ScanPlan::keep_veterans(std::span<const std::uint8_t> keep) {
  std::erase_if(veteran_order, [&](std::int32_t slot) { return !keep[slot]; });
  block_count = (std::int32_t(veteran_order.size()) + kBlockVeterans - 1) /
                kBlockVeterans;
}

BlockLayout pack_block(const ScanPlan& plan, std::int32_t block,
                       ScanThreadState& state) {
  const IndexedRound& ir = plan.ir;
  const int depth = plan.depth;
  BlockLayout layout;
  layout.first = block * kBlockVeterans;
  layout.count = std::min<std::int32_t>(
      kBlockVeterans, std::int32_t(plan.veteran_order.size()) - layout.first);
  layout.groups = (layout.count + kGroupRows - 1) / kGroupRows;
  const std::int32_t count = layout.count;
  layout.slots = std::span<const std::int32_t>(
      plan.veteran_order.data() + layout.first, count);
  const std::span<const std::int32_t> slots = layout.slots;

  // Rows past the end never pass.
  for (int i = 0; i < kBlockVeterans; ++i) {
    if (i >= count) {
      state.veteran_threshold[i] = kInfinity;
      state.veteran_not_capability[i] = ~std::uint32_t{0};
      state.veteran_preference[i] = 0;
      state.veteran_commute_km[i] = -kInfinity;
      continue;
    }
    const std::int32_t v = slots[i];
    state.veteran_not_capability[i] = ~plan.veteran_capability[v];
    state.veteran_preference[i] = plan.veteran_preference[v];
    for (int c = 0; c < 3; ++c) {
      state.veteran_xyz[3 * i + c] = ir.veteran_xyz[3 * std::size_t(v) + c];
    }
    state.veteran_commute_km[i] = round_up(ir.veteran_commute_km[v]);
  }
  // The skill rows, as index_round()'s dense_rows() writes them, from the
  // sparse rows (so veteran_matrix is never needed here): with AMX only in
  // the tile layout the kernel reads, straight from the sparse rows; else
  // in float, group by group, and in bfloat16 pairs when the plan asks.
  const SparseRows& rows = ir.veteran_skills;
  if (plan.amx) {
    // Per group, per chunk of 16 column pairs, row after row (word
    // (chunk * kGroupRows + row) * 16 + pair % 16); zeros past the real
    // pairs. The same bfloat16 values as the float path then rounded.
    std::fill(state.packed_veterans_amx.begin(),
              state.packed_veterans_amx.end(), 0u);
    for (std::int32_t i = 0; i < count; ++i) {
      const std::int32_t v = slots[i];
      if (rows.norms[v] == 0.0) continue;
      std::uint32_t* group =
          state.packed_veterans_amx.data() +
          std::size_t(i / kGroupRows) * kGroupRows * plan.bf16_pairs;
      const int row = i % kGroupRows;
      for (std::size_t e = rows.offsets[v]; e < rows.offsets[v + 1]; ++e) {
        const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
        if (column < 0) continue;
        const float x =
            static_cast<float>(rows.entries[e].weight / rows.norms[v]);
        const int pair = column / 2;
        group[((pair / 16) * kGroupRows + row) * 16 + pair % 16] |=
            std::uint32_t{to_bf16(x)} << (16 * (column % 2));
      }
    }
  } else {
    std::fill(state.packed_veterans.begin(), state.packed_veterans.end(), 0.0f);
    for (std::int32_t i = 0; i < count; ++i) {
      const std::int32_t v = slots[i];
      float* out = &state.packed_veterans[std::size_t(i / kGroupRows) *
                                          kGroupRows * depth];
      if (rows.norms[v] == 0.0) continue;
      for (std::size_t e = rows.offsets[v]; e < rows.offsets[v + 1]; ++e) {
        const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
        if (column >= 0) {
          const float x =
              static_cast<float>(rows.entries[e].weight / rows.norms[v]);
          out[column * kGroupRows + i % kGroupRows] = x;
        }
      }
    }
    if (plan.bf16) {
      // The same values rounded to bfloat16, two columns to a word.
      const int pairs = (depth + 1) / 2;
      for (int g = 0; g < kBlockGroups; ++g) {
        const float* from =
            state.packed_veterans.data() + std::size_t(g) * kGroupRows * depth;
        std::uint32_t* to = state.packed_veterans_bf16.data() +
                            std::size_t(g) * kGroupRows * pairs;
        for (int k2 = 0; k2 < pairs; ++k2) {
          for (int r = 0; r < kGroupRows; ++r) {
            const std::uint32_t low = to_bf16(from[(2 * k2) * kGroupRows + r]);
            const std::uint32_t high =
                2 * k2 + 1 < depth
                    ? to_bf16(from[(2 * k2 + 1) * kGroupRows + r])
                    : 0;
            to[k2 * kGroupRows + r] = low | (high << 16);
          }
        }
      }
    }
  }

  layout.block_sphere = bounding_sphere(ir.veteran_xyz, slots);
  layout.block_commute = largest_commute(ir, slots);
  for (int g = 0; g < layout.groups; ++g) {
    const auto group_slots = slots.subspan(
        g * kGroupRows, std::min(kGroupRows, count - g * kGroupRows));
    layout.group_sphere[g] = bounding_sphere(ir.veteran_xyz, group_slots);
    layout.group_commute[g] = largest_commute(ir, group_slots);
  }
  return layout;
}

double product_error(const ScanPlan& plan) {
  // A bf16 product errs by up to bf16_skill_error(d) in the cosine: both
  // bounds widen by that much of the skill weight.
  return plan.bf16 ? plan.w_skill * bf16_skill_error(plan.depth) : 0.0;
}

TileInput tile_input(const ScanPlan& plan) {
  TileInput in;
  in.depth = plan.depth;
  in.weight_skill = static_cast<float>(plan.w_skill);
  in.weight_preference = static_cast<float>(plan.w_preference);
  in.weight_location = static_cast<float>(plan.w_location);
  in.bound_slack = static_cast<float>(kBoundSlack + product_error(plan));
  in.inverse_scale_km = static_cast<float>(1.0 / plan.ir.distance_scale_km);
  in.preference_exact = plan.preference_exact;
  return in;
}

float tile_constant(const ScanPlan& plan, double gap_km) {
  return static_cast<float>(
      plan.w_location * std::exp(-gap_km * (1.0 / plan.ir.distance_scale_km)) +
      kBoundSlack + product_error(plan));
}

void point_at_panel(const ScanPlan& plan, std::int32_t panel, TileInput& in) {
  const std::size_t lane0 = std::size_t(panel) * kPanelLanes;
  if (plan.bf16) {
    in.postings_bf16 =
        plan.packed_postings_bf16.data() + lane0 * plan.bf16_pairs;
  } else {
    in.postings = plan.packed_postings.data() + lane0 * plan.depth;
  }
  in.posting_requirement = &plan.requirement[lane0];
  in.posting_preference = &plan.posting_preference[lane0];
  in.posting_xyz = &plan.panel_xyz[lane0 * 3];
}

void point_at_group(const ScanPlan& plan, const ScanThreadState& state,
                    int group, TileInput& in) {
  const int row0 = group * kGroupRows;
  // Only the layout the plan's kernel reads is packed (pack_block()).
  if (plan.amx) {
    in.veterans_amx =
        state.packed_veterans_amx.data() + std::size_t(row0) * plan.bf16_pairs;
  } else {
    in.veterans = state.packed_veterans.data() + std::size_t(row0) * plan.depth;
    if (plan.bf16) {
      in.veterans_bf16 = state.packed_veterans_bf16.data() +
                         std::size_t(row0) * ((plan.depth + 1) / 2);
    }
  }
  in.veteran_threshold = &state.veteran_threshold[row0];
  in.veteran_not_capability = &state.veteran_not_capability[row0];
  in.veteran_preference = &state.veteran_preference[row0];
  in.veteran_xyz = &state.veteran_xyz[3 * std::size_t(row0)];
  in.veteran_commute_km = &state.veteran_commute_km[row0];
}

int run_kernel(const ScanPlan& plan, const TileInput& in, Hit* hits) {
  if (plan.bf16) {
    return plan.portable_kernel ? run_micro_kernel_bf16_portable(in, hits)
                                : run_micro_kernel_bf16(in, hits);
  }
  return plan.portable_kernel ? run_micro_kernel_portable(in, hits)
                              : run_micro_kernel(in, hits);
}

void scan_block(const ScanPlan& plan, std::int32_t block,
                ScanThreadState& state, std::vector<CandidateList>& lists) {
  const IndexedRound& ir = plan.ir;
  const BlockLayout layout = pack_block(plan, block, state);
  const std::int32_t count = layout.count;
  const std::span<const std::int32_t> slots = layout.slots;
  lists.resize(count);
  for (std::int32_t i = 0; i < count; ++i) {
    lists[i].reset(plan.veteran_k, plan.margin);
    state.veteran_threshold[i] = lists[i].threshold();
  }

  TileInput in = tile_input(plan);
  const double inv_scale = 1.0 / ir.distance_scale_km;
  // Nearest panels first: their pairs score highest on location, so the
  // lists' thresholds rise early and later tiles are skipped more often.
  // (The order changes the work, never the result.)
  state.panel_order.clear();
  for (std::int32_t panel = 0; panel < plan.panel_count; ++panel) {
    const double gap_km =
        lower_bound_km(layout.block_sphere, plan.panel_sphere[panel]);
    if (plan.geo_pruning && gap_km > layout.block_commute) continue;
    // Ordered by the distance between the spheres' centres: the lower
    // bound is 0 for every panel overlapping the block, which would leave
    // the nearest ones in index order.
    const BoundingSphere& ps = plan.panel_sphere[panel];
    const double dx = ps.x - layout.block_sphere.x,
                 dy = ps.y - layout.block_sphere.y,
                 dz = ps.z - layout.block_sphere.z;
    state.panel_order.push_back({dx * dx + dy * dy + dz * dz, panel});
  }
  std::sort(state.panel_order.begin(), state.panel_order.end());
  for (const auto& [centre_distance, panel] : state.panel_order) {
    const BoundingSphere& panel_sphere = plan.panel_sphere[panel];
    const std::size_t lane0 = std::size_t(panel) * kPanelLanes;
    point_at_panel(plan, panel, in);
    in.posting_threshold = &state.posting_threshold[lane0];
    // The hits of group g against this panel go to the lists.
    auto offer_hits = [&](int g, int n, const Hit* hits) {
      const int row0 = g * kGroupRows;
      ++state.tiles_scored;
      state.pairs_scored +=
          std::int64_t(std::min(kGroupRows, count - row0)) *
          std::min<std::int32_t>(kPanelLanes,
                                 ir.n_postings - panel * kPanelLanes);
      state.kernel_hits += n;
      for (int h = 0; h < n; ++h) {
        const Hit& hit = hits[h];
        const int row = row0 + hit.row;
        const std::size_t position = lane0 + hit.lane;
        const std::int32_t v = slots[row];
        const std::int32_t p = plan.posting_order[position];
        if (!hit_rules_hold(plan, v, p, position)) continue;
        float e = in.weight_skill * hit.skill + hit.rest;
        if (hit.needs_exact) {
          const double km = exact_distance_km(ir, v, p);
          if (km > ir.veteran_commute_km[v]) continue;
          e = static_cast<float>(plan.w_skill * hit.skill +
                                 plan.w_location * std::exp(-km * inv_scale) +
                                 plan.w_preference *
                                     exact_preference(ir, v, p));
        }
        state.offers += (e >= state.veteran_threshold[row] ||
                         e >= state.posting_threshold[position]);
        if (lists[row].offer(e, p)) {
          state.veteran_threshold[row] = lists[row].threshold();
        }
        // The dense threshold array first: most hits are for the veteran's
        // list only, and the posting's list is then never touched.
        if (e >= state.posting_threshold[position]) {
          CandidateList& posting_list = state.posting_lists[position];
          if (posting_list.offer(e, v)) {
            // Never below what share_posting_thresholds() raised it to.
            state.posting_threshold[position] = std::max(
                state.posting_threshold[position], posting_list.threshold());
          }
        }
      }
    };
    scan_groups(plan, state, layout, panel_sphere, in, offer_hits);
  }
}

void share_posting_thresholds(ScanThreadState& state,
                              std::vector<float>& shared) {
  for (std::size_t i = 0; i < shared.size(); ++i) {
    shared[i] = std::max(shared[i], state.posting_lists[i].threshold());
    state.posting_threshold[i] =
        std::max(state.posting_threshold[i], shared[i]);
  }
}

}  // namespace vetmatch
