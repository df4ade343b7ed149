// Evaluating one (veteran slot, posting slot) pair of an IndexedRound: the
// exact double-precision rules and score, and the float estimates with
// proven error bounds that let the block loops skip pairs cheaply.
//
// Contract:
//  * exact_eligibility() and exact_score() reproduce eligibility.h and
//    scorer.h bit for bit (same expressions, same summation order).
//  * passes_static_rules() is exact for rules 1-3 and a necessary condition
//    for rule 4 (certificate bit masks): false means ineligible.
//  * approx_distance_km() is within distance_tolerance_km() of the exact
//    distance; SkillBound::eps bounds |float cosine - exact cosine|.
//    So approx_score() + score_tolerance() >= exact score, and
//    approx_score() - score_tolerance() <= exact score, for every pair.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/round/round_result.h"
#include "engine/scoring/eligibility.h"
#include "engine/scoring/geo.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

inline bool passes_static_rules(const IndexedRound& ir, std::int32_t v,
                                std::int32_t p) {
  if ((ir.veteran_wants[v] & ir.posting_kind_bit[p]) == 0) return false;
  if (ir.veteran_is_spouse[v] && !ir.posting_admits_spouses[p]) return false;
  if (ir.veteran_education[v] < ir.posting_min_education[p]) return false;
  if ((ir.posting_cert_mask[p] & ~ir.veteran_cert_mask[v]) != 0) return false;
  return true;
}

inline double exact_distance_km(const IndexedRound& ir, std::int32_t v,
                                std::int32_t p) {
  const IndexedRound::Place& a = ir.veteran_place[v];
  const IndexedRound::Place& b = ir.posting_place[p];
  const double half_dlat = (b.lat_rad - a.lat_rad) * 0.5;
  const double half_dlon = (b.lon_deg - a.lon_deg) * kDegToRad * 0.5;
  const double s_lat = std::sin(half_dlat);
  const double s_lon = std::sin(half_dlon);
  const double h = s_lat * s_lat + a.cos_lat * b.cos_lat * s_lon * s_lon;
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

inline bool is_declined(const IndexedRound& ir, std::int32_t v,
                        std::int32_t p) {
  if (ir.declined.empty()) return false;
  const std::uint64_t key =
      (std::uint64_t(std::uint32_t(v)) << 32) | std::uint32_t(p);
  return std::binary_search(ir.declined.begin(), ir.declined.end(), key);
}

/// The hard rules of eligibility.h, in order; `distance_km` is the exact
/// distance of the pair.
inline Ineligibility exact_eligibility(const IndexedRound& ir, std::int32_t v,
                                       std::int32_t p, double distance_km) {
  if ((ir.veteran_wants[v] & ir.posting_kind_bit[p]) == 0) {
    return Ineligibility::kKindNotWanted;
  }
  if (ir.veteran_is_spouse[v] && !ir.posting_admits_spouses[p]) {
    return Ineligibility::kSpouseNotAdmitted;
  }
  if (ir.veteran_education[v] < ir.posting_min_education[p]) {
    return Ineligibility::kEducationTooLow;
  }
  if (!std::includes(ir.veteran_certs.begin(v), ir.veteran_certs.end(v),
                     ir.posting_certs.begin(p), ir.posting_certs.end(p))) {
    return Ineligibility::kMissingCertificate;
  }
  if (distance_km > ir.veteran_commute_km[v]) {
    return Ineligibility::kBeyondCommute;
  }
  if (is_declined(ir, v, p)) return Ineligibility::kDeclined;
  if (ir.posting_open[p] <= 0) return Ineligibility::kNoOpeningLeft;
  return Ineligibility::kEligible;
}

inline double exact_skill(const IndexedRound& ir, std::int32_t v,
                          std::int32_t p) {
  const SparseRows& a = ir.veteran_skills;
  const SparseRows& b = ir.posting_skills;
  std::size_t i = a.offsets[v], i_end = a.offsets[v + 1];
  std::size_t j = b.offsets[p], j_end = b.offsets[p + 1];
  if (i == i_end || j == j_end) return 0.0;
  double dot = 0.0;
  while (i < i_end && j < j_end) {
    const std::int32_t si = a.entries[i].skill, sj = b.entries[j].skill;
    if (si < sj) {
      ++i;
    } else if (sj < si) {
      ++j;
    } else {
      dot += a.entries[i].weight * b.entries[j].weight;
      ++i;
      ++j;
    }
  }
  return dot / (a.norms[v] * b.norms[p]);
}

inline double exact_preference(const IndexedRound& ir, std::int32_t v,
                               std::int32_t p) {
  if (ir.veteran_industries.empty(v)) return 1.0;
  const std::int32_t industry = ir.posting_industry[p];
  if (industry < 0) return 0.0;
  return std::binary_search(ir.veteran_industries.begin(v),
                            ir.veteran_industries.end(v), industry)
             ? 1.0
             : 0.0;
}

/// exact_score() with the skill cosine already computed (bitwise equal to
/// exact_skill(ir, v, p)).
inline PairScore exact_score_with_skill(const IndexedRound& ir, std::int32_t v,
                                        std::int32_t p, double distance_km,
                                        double skill) {
  PairScore out;
  out.skill = skill;
  out.distance_km = distance_km;
  out.location = std::exp(-distance_km / ir.distance_scale_km);
  out.preference = exact_preference(ir, v, p);
  const ScoreWeights& w = ir.weights;
  out.score = (w.skill * out.skill + w.location * out.location +
               w.preference * out.preference) /
              (w.skill + w.location + w.preference);
  return out;
}

inline PairScore exact_score(const IndexedRound& ir, std::int32_t v,
                             std::int32_t p, double distance_km) {
  return exact_score_with_skill(ir, v, p, distance_km, exact_skill(ir, v, p));
}

/// Float estimates and their error bounds for one round.
class PairEstimator {
 public:
  explicit PairEstimator(const IndexedRound& ir)
      : ir_(ir),
        w_skill_(static_cast<float>(ir.weights.skill / ir.weights.sum())),
        w_location_(static_cast<float>(ir.weights.location / ir.weights.sum())),
        w_preference_(
            static_cast<float>(ir.weights.preference / ir.weights.sum())),
        inv_scale_(static_cast<float>(1.0 / ir.distance_scale_km)) {
    // |float cosine - exact| <= (d + 8) * 2^-22: every float product and sum
    // of the d-term dot product errs by at most 2^-24 relative to a total
    // bounded by 1, and normalising errs by a few units more; the factor 4
    // over that is margin.
    const double d = static_cast<double>(ir.skill_columns);
    skill_eps_ = (d + 8.0) * std::ldexp(1.0, -22);
    // Location: the float distance errs by at most distance_tolerance_km(),
    // and exp(-x) moves by at most dx; plus float rounding of the sum.
    location_eps_per_km_ = 1.0 / ir.distance_scale_km;
  }

  /// Great-circle distance from float unit vectors (chord -> arc).
  float approx_distance_km(std::int32_t v, std::int32_t p) const {
    const float* a = &ir_.veteran_xyz[3 * static_cast<std::size_t>(v)];
    const float* b = &ir_.posting_xyz[3 * static_cast<std::size_t>(p)];
    const float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    return 2.0f * static_cast<float>(kEarthRadiusKm) *
           std::asin(std::min(1.0f, 0.5f * chord));
  }

  /// Bound on |approx_distance_km - exact distance|: 1.3 m from rounding
  /// the unit vectors, 3e-7 relative from the float arithmetic; 10x margin.
  static float distance_tolerance_km(float approx_km) {
    return 0.02f + 2e-6f * approx_km;
  }

  float preference(std::int32_t v, std::int32_t p) const {
    return static_cast<float>(exact_preference(ir_, v, p));
  }

  /// Upper bound of the score ignoring the location term's actual value.
  float upper_without_location(float skill, float preference) const {
    return w_skill_ * skill + w_location_ + w_preference_ * preference;
  }

  float approx_score(float skill, float distance_km, float preference) const {
    return w_skill_ * skill +
           w_location_ * std::exp(-distance_km * inv_scale_) +
           w_preference_ * preference;
  }

  /// Bound on |approx_score - exact score| given the pair's float distance.
  float score_tolerance(float approx_km) const {
    return static_cast<float>(
        w_skill_ * skill_eps_ +
        w_location_ *
            (distance_tolerance_km(approx_km) * location_eps_per_km_ + 1e-6) +
        1e-6);
  }
  float skill_eps() const { return static_cast<float>(skill_eps_); }
  /// score_tolerance() over all distances (the longest is half the globe).
  float max_score_tolerance() const { return score_tolerance(20040.0f); }

 private:
  const IndexedRound& ir_;
  float w_skill_, w_location_, w_preference_, inv_scale_;
  double skill_eps_ = 0.0;
  double location_eps_per_km_ = 0.0;
};

}  // namespace vetmatch
