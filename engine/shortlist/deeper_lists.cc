#include "engine/shortlist/deeper_lists.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/scoring/geo.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/candidate_list.h"
#include "engine/util/blocks.h"

namespace vetmatch {
namespace {

constexpr std::int32_t kBlock = 256;  // partners per spatial block

// Row r of `rows` as the dense float row the products use: weight / norm
// at each skill's column (indexed_round.h).
void dense_row(const IndexedRound& ir, const SparseRows& rows, std::int32_t r,
               float* out) {
  std::fill(out, out + ir.skill_columns, 0.0f);
  for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
    const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
    if (column >= 0) {
      out[column] = static_cast<float>(rows.entries[e].weight / rows.norms[r]);
    }
  }
}

// Row `r` of one side: from its dense matrix when the index kept it.
void side_row(const IndexedRound& ir, bool postings, std::int32_t r,
              float* out) {
  const FloatMatrix& m = postings ? ir.posting_matrix : ir.veteran_matrix;
  const std::int32_t n = postings ? ir.n_postings : ir.n_veterans;
  if (m.rows() == n && m.cols() == ir.skill_columns) {
    std::copy_n(m.row(r).data(), ir.skill_columns, out);
  } else {
    dense_row(ir, postings ? ir.posting_skills : ir.veteran_skills, r, out);
  }
}

// Given passes_static_rules(): the rest of the hard rules, exactly, with
// the exact distance only when the float one is near the commute limit.
bool rest_eligible(const IndexedRound& ir, std::int32_t v, std::int32_t p,
                   float km) {
  if (ir.posting_open[p] <= 0) return false;
  const double commute = ir.veteran_commute_km[v];
  if (std::isfinite(commute)) {
    const float tolerance = PairEstimator::distance_tolerance_km(km);
    if (km - tolerance > commute) return false;
    if (km + tolerance >= commute && exact_distance_km(ir, v, p) > commute) {
      return false;
    }
  }
  if (ir.posting_cert_mask[p] != 0 &&
      !std::includes(ir.veteran_certs.begin(v), ir.veteran_certs.end(v),
                     ir.posting_certs.begin(p), ir.posting_certs.end(p))) {
    return false;
  }
  return !is_declined(ir, v, p);
}

// A float skill estimate below this cannot give an estimate reaching
// `threshold` when the location term is at most `location` and the
// preference at most 1: below it, w_skill * skill + location + w_preference
// <= threshold - 1e-6 in exact arithmetic, and the float estimate's
// rounding (a few units of 2^-24 on terms at most 1) stays under 1e-6.
float needed_skill(float threshold, float location, float w_skill,
                   float w_preference) {
  if (!(w_skill > 0.0f) || !std::isfinite(threshold)) {
    return threshold > 0.0f && w_skill > 0.0f
               ? std::numeric_limits<float>::infinity()
               : -std::numeric_limits<float>::infinity();
  }
  const double q =
      (double(threshold) - 1e-6 - double(location) - double(w_preference)) /
      double(w_skill);
  return std::nextafter(static_cast<float>(q),
                        -std::numeric_limits<float>::infinity());
}

// Marks the partners of a block that might reach `threshold` with one
// owner: their float skill with the owner, preference 1 and an upper bound
// of the estimate's location term w_location * exp(-km / scale) (km the
// float distance of pair_eval.h), in a loop the compiler vectorises (no
// asin, exp or sqrt). 2 - 2 dot of the float unit vectors is the squared
// chord up to 2e-6 (their norms and the dot's rounding); the float
// distance is at least the Earth's radius times the chord, less a relative
// 1e-5 for its own rounding; with x = km / scale, exp(-x) <= 1 / (1 + x^2/2
// + x^4/24 + x^6/720) for x >= 0 (the even terms of exp(x)); the bound is
// widened by a relative 1e-4 (float rounding of x^2) and 1e-6 (the
// estimate's rounding).
void mark_candidates(const float* skill, const float* partner_xyz,
                     const float* owner_xyz, std::int32_t count, float w_skill,
                     float w_location, float w_preference, double scale_km,
                     float threshold, std::uint8_t* keep) {
  const float ox = owner_xyz[0], oy = owner_xyz[1], oz = owner_xyz[2];
  const double per_scale = kEarthRadiusKm * (1.0 - 1e-5) / scale_km;
  const float y_per_chord2 =
      static_cast<float>(per_scale * per_scale * (1.0 - 1e-4));
  for (std::int32_t i = 0; i < count; ++i) {
    const float* q = partner_xyz + 3 * i;
    const float dot = q[0] * ox + q[1] * oy + q[2] * oz;
    const float chord2 = 2.0f - 2.0f * dot - 2e-6f;
    const float y = chord2 > 0.0f ? chord2 * y_per_chord2 : 0.0f;  // x^2
    const float series =
        1.0f + y * (0.5f + y * (1.0f / 24.0f + y * (1.0f / 720.0f)));
    const float location = w_location / series * (1.0f + 1e-4f) + 1e-6f;
    keep[i] = w_skill * skill[i] + location + w_preference >= threshold;
  }
}

struct ThreadState {
  std::vector<CandidateList> lists;  ///< one per request
  std::vector<std::int32_t> alive;   ///< requests worth multiplying
  std::vector<float> location;       ///< their location bound in the block
  std::vector<std::uint8_t> keep;    ///< mark_candidates()' marks
  FloatMatrix partners;              ///< the block's rows
  FloatMatrix owners;                ///< the alive requests' rows
  FloatMatrix skills;                ///< alive x block
};

}  // namespace

ListDeepener::ListDeepener(const IndexedRound& ir)
    : ir_(ir), rescorers_([&ir] { return Rescorer(ir); }) {}

std::vector<std::vector<Rescored>> ListDeepener::posting_lists(
    std::span<const DepthRequest> requests) {
  return lists(true, requests);
}

std::vector<std::vector<Rescored>> ListDeepener::veteran_lists(
    std::span<const DepthRequest> requests) {
  return lists(false, requests);
}

std::vector<std::vector<Rescored>> ListDeepener::lists(
    bool owners_are_postings, std::span<const DepthRequest> requests) {
  const IndexedRound& ir = ir_;
  const std::int32_t n_requests = static_cast<std::int32_t>(requests.size());
  std::vector<std::vector<Rescored>> out(requests.size());
  const std::int32_t n_partners =
      owners_are_postings ? ir.n_veterans : ir.n_postings;
  if (n_requests == 0 || n_partners == 0) return out;

  // The partners' side in blocks of consecutive slots, with the bounding
  // sphere of each, made once.
  Blocks& blocks = owners_are_postings ? veteran_blocks_ : posting_blocks_;
  const std::vector<float>& partner_xyz =
      owners_are_postings ? ir.veteran_xyz : ir.posting_xyz;
  const std::vector<float>& owner_xyz =
      owners_are_postings ? ir.posting_xyz : ir.veteran_xyz;
  const std::int32_t n_blocks = block_count(n_partners, kBlock);
  if (!blocks.built) {
    std::vector<std::int32_t> slots(n_partners);
    std::iota(slots.begin(), slots.end(), 0);
    blocks.sphere.resize(n_blocks);
    tbb::parallel_for(std::int32_t{0}, n_blocks, [&](std::int32_t b) {
      const BlockRange r = block_at(n_partners, kBlock, b);
      blocks.sphere[b] = bounding_sphere(
          partner_xyz, std::span(slots).subspan(r.begin, r.size()));
    });
    blocks.built = true;
  }
  const FloatMatrix& partner_matrix =
      owners_are_postings ? ir.veteran_matrix : ir.posting_matrix;
  const bool have_partner_matrix = partner_matrix.rows() == n_partners &&
                                   partner_matrix.cols() == ir.skill_columns;

  const PairEstimator est(ir);
  const float margin = 2.0f * est.max_score_tolerance() + 1e-6f;
  const std::int32_t d = ir.skill_columns;
  // The estimate's weights (pair_eval.h computes them the same way).
  const float w_skill = static_cast<float>(ir.weights.skill / ir.weights.sum());
  const float w_location =
      static_cast<float>(ir.weights.location / ir.weights.sum());
  const float w_preference =
      static_cast<float>(ir.weights.preference / ir.weights.sum());
  const double inv_scale = 1.0 / ir.distance_scale_km;
  // A float cosine of unit rows exceeds 1 by at most the skill bound.
  const float best_skill = 1.0f + 2.0f * est.skill_eps();

  FloatMatrix owner_rows(n_requests, d);
  std::vector<BoundingSphere> owner_point(n_requests);
  for (std::int32_t j = 0; j < n_requests; ++j) {
    const std::int32_t o = requests[j].owner;
    side_row(ir, owners_are_postings, o, owner_rows.row(j).data());
    owner_point[j] = {owner_xyz[3 * o], owner_xyz[3 * o + 1],
                      owner_xyz[3 * o + 2], 0.0};
  }

  tbb::enumerable_thread_specific<ThreadState> states([&] {
    ThreadState s;
    s.lists.resize(requests.size());
    for (std::int32_t j = 0; j < n_requests; ++j) {
      s.lists[j].reset(requests[j].depth, margin);
    }
    return s;
  });

  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, n_blocks, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        ThreadState& s = states.local();
        for (std::int32_t b = range.begin(); b != range.end(); ++b) {
          // Requests that could take someone from this block: the
          // location term at most its value at the block's nearest point
          // (the float distance may undershoot the exact one by its
          // tolerance; 1e-6 covers the float rounding of the estimate).
          s.alive.clear();
          s.location.clear();
          for (std::int32_t j = 0; j < n_requests; ++j) {
            const double lb = lower_bound_km(blocks.sphere[b], owner_point[j]);
            const double near = std::max(
                0.0, lb - PairEstimator::distance_tolerance_km(float(lb)));
            const float location = static_cast<float>(
                w_location * std::exp(-near * inv_scale) + 1e-6);
            if (w_skill * best_skill + location + w_preference >=
                s.lists[j].threshold()) {
              s.alive.push_back(j);
              s.location.push_back(location);
            }
          }
          if (s.alive.empty()) continue;
          const BlockRange r = block_at(n_partners, kBlock, b);
          const std::int32_t n_alive =
              static_cast<std::int32_t>(s.alive.size());
          s.owners.resize(n_alive, d);
          for (std::int32_t a = 0; a < n_alive; ++a) {
            s.owners.row(a) = owner_rows.row(s.alive[a]);
          }
          if (have_partner_matrix) {
            s.skills.noalias() =
                s.owners *
                partner_matrix.middleRows(r.begin, r.size()).transpose();
          } else {
            s.partners.resize(r.size(), d);
            for (std::int32_t i = 0; i < r.size(); ++i) {
              side_row(ir, !owners_are_postings, r.begin + i,
                       s.partners.row(i).data());
            }
            s.skills.noalias() = s.owners * s.partners.transpose();
          }
          for (std::int32_t a = 0; a < n_alive; ++a) {
            const std::int32_t j = s.alive[a];
            CandidateList& list = s.lists[j];
            const std::int32_t owner = requests[j].owner;
            const float* skills = s.skills.row(a).data();
            float threshold = list.threshold();
            // Thresholds only rise: what misses this one misses later ones.
            s.keep.resize(r.size());
            mark_candidates(skills, &partner_xyz[3 * std::size_t(r.begin)],
                            &owner_xyz[3 * std::size_t(owner)], r.size(),
                            w_skill, w_location, w_preference,
                            ir.distance_scale_km, threshold, s.keep.data());
            float skill_needed =
                needed_skill(threshold, s.location[a], w_skill, w_preference);
            for (std::int32_t i = 0; i < r.size(); ++i) {
              const float skill = skills[i];
              if (skill < skill_needed || !s.keep[i]) continue;
              const std::int32_t partner = r.begin + i;
              const std::int32_t v = owners_are_postings ? partner : owner;
              const std::int32_t p = owners_are_postings ? owner : partner;
              if (!passes_static_rules(ir, v, p)) continue;
              const float km = est.approx_distance_km(v, p);
              const float estimate =
                  est.approx_score(skill, km, est.preference(v, p));
              if (!(estimate >= threshold)) continue;
              if (!rest_eligible(ir, v, p, km)) continue;
              if (list.offer(estimate, partner)) {
                threshold = list.threshold();
                skill_needed = needed_skill(threshold, s.location[a], w_skill,
                                            w_preference);
              }
            }
          }
        }
      },
      tbb::simple_partitioner());

  tbb::parallel_for(std::int32_t{0}, n_requests, [&](std::int32_t j) {
    const DepthRequest& r = requests[j];
    if (r.depth <= 0) return;
    CandidateList all(r.depth, margin);
    for (const ThreadState& s : states) {
      for (const CandidateList::Item& item : s.lists[j].items()) {
        all.offer(item.estimate, item.id);
      }
    }
    all.finish();
    Rescorer& rescorer = rescorers_.local();
    out[j] = owners_are_postings
                 ? rescorer.top_veterans(r.owner, all.items(), r.depth)
                 : rescorer.top_postings(r.owner, all.items(), r.depth);
  });
  return out;
}

}  // namespace vetmatch
