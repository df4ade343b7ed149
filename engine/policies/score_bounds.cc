#include "engine/policies/score_bounds.h"

#include <tbb/parallel_for.h>

#include <Eigen/Eigenvalues>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

constexpr int kRank = ScoreBounds::kRank;

float round_up(double d) {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) < d) {
    f = std::nextafter(f, std::numeric_limits<float>::infinity());
  }
  return f;
}

float round_down(double d) {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) > d) {
    f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  }
  return f;
}

constexpr int kBlock = 512;

struct BlockInput {
  const float* preference;
  float scales_per_chord_lo, scales_per_chord_hi;
  float vx, vy, vz, v_residual;
  float w_skill, w_location, w_preference;
};

// exp(-y) for y in [0, kExpCap], within kExpError relative (see header),
// in float operations the compiler vectorises: y log2(e) = n + f with n
// the nearest integer (the 1.5 * 2^23 trick rounds), e^(-f ln 2) by its
// Taylor series to degree 6 (|f ln 2| <= 0.35: remainder under 2e-7) and
// 2^-n put straight into the exponent bits.
constexpr float kExpCap = 80.0f;
__attribute__((always_inline)) inline float exp_neg(float y) {
  constexpr float kMagic = 12582912.0f;  // 1.5 * 2^23
  const float t = y * 1.44269504f;
  const float rounded = t + kMagic;
  const float n = rounded - kMagic;
  const float z = (t - n) * 0.693147181f;
  float p = 1.0f / 720.0f;
  p = p * -z + 1.0f / 120.0f;
  p = p * -z + 1.0f / 24.0f;
  p = p * -z + 1.0f / 6.0f;
  p = p * -z + 0.5f;
  p = p * -z + 1.0f;
  p = p * -z + 1.0f;
  std::int32_t bits;
  std::memcpy(&bits, &rounded, sizeof bits);
  const std::int32_t exponent = (127 - (bits - 0x4b400000)) << 23;
  float scale;
  std::memcpy(&scale, &exponent, sizeof scale);
  return p * scale;
}

// dot[i] = sum over r of a[r] * projection r of position i, for the
// `count` positions from the group-aligned `projection` (groups of kLanes
// positions, each kRank x kLanes floats): one group at a time as one GCC
// vector (AVX-512 where built for it), read in order, the sums in
// registers. The last group may run past `count` (the panel is padded to
// whole groups; dot has room): those lanes are never read.
using Lanes = float __attribute__((vector_size(64), aligned(4)));
constexpr int kLanes = 16;

// Four groups at a time, each sum split over even and odd r: eight
// independent chains, so the multiply-adds overlap instead of waiting on
// one another.
__attribute__((noinline)) void project_block(const float* __restrict a,
                                             const float* __restrict projection,
                                             int count, float* __restrict dot) {
  constexpr int kWays = 4;
  static_assert(kRank % 2 == 0);
  int i0 = 0;
  for (; i0 + kWays * kLanes <= count + kLanes - 1; i0 += kWays * kLanes) {
    Lanes even[kWays] = {}, odd[kWays] = {};
    for (int r = 0; r < kRank; r += 2) {
      for (int w = 0; w < kWays; ++w) {
        const float* group = projection + std::size_t(i0 + w * kLanes) * kRank;
        even[w] += a[r] * *reinterpret_cast<const Lanes*>(group + r * kLanes);
        odd[w] += a[r + 1] *
                  *reinterpret_cast<const Lanes*>(group + (r + 1) * kLanes);
      }
    }
    for (int w = 0; w < kWays; ++w) {
      *reinterpret_cast<Lanes*>(dot + i0 + w * kLanes) = even[w] + odd[w];
    }
  }
  for (; i0 < count; i0 += kLanes) {
    const float* group = projection + std::size_t(i0) * kRank;
    Lanes even = {}, odd = {};
    for (int r = 0; r < kRank; r += 2) {
      even += a[r] * *reinterpret_cast<const Lanes*>(group + r * kLanes);
      odd +=
          a[r + 1] * *reinterpret_cast<const Lanes*>(group + (r + 1) * kLanes);
    }
    *reinterpret_cast<Lanes*>(dot + i0) = even + odd;
  }
}

// One block of bound_range(), a loop the compiler vectorises (a gather for
// the preferences when the veteran names industries); restrict-qualified
// parameters tell it the outputs overlap nothing it reads.
template <bool kIndustries>
__attribute__((noinline)) void bound_block(
    const BlockInput& in, int count, const float* __restrict dot,
    const float* __restrict tags, const std::int32_t* __restrict industry,
    const float* __restrict residual, const float* __restrict px,
    const float* __restrict py, const float* __restrict pz,
    float* __restrict lo, float* __restrict hi, float* __restrict chord,
    float* __restrict cosine_out) {
  const float* __restrict preference = in.preference;
  for (int i = 0; i < count; ++i) {
    const float cosine = dot[i] + tags[i];
    const float error = in.v_residual * residual[i] + ScoreBounds::kSkillSlack;
    const float skill_hi = std::min(1.0f, cosine + error);
    const float skill_lo = std::max(0.0f, cosine - error);
    const float dx = in.vx - px[i], dy = in.vy - py[i], dz = in.vz - pz[i];
    const float c = std::sqrt(dx * dx + dy * dy + dz * dz);
    const float slack = ScoreBounds::kChordSlack * (1.0f + c);
    const float c_near = std::max(0.0f, c - slack), c_far = c + slack;
    // Distance in scales: R chord <= km <= R chord (1 + chord^2 / 4)
    // (asin x >= x, and asin x <= x (1 + x^2) on [0, 1]); the factors
    // 1 -+ 1e-6 cover the float roundings.
    const float y_near =
        std::min(c_near * in.scales_per_chord_lo * (1.0f - 1e-6f), kExpCap);
    const float y_far = c_far * in.scales_per_chord_hi *
                        (1.0f + 0.25f * c_far * c_far) * (1.0f + 1e-6f);
    // One exp: exp(-y_far) = exp(-y_near) exp(-(y_far - y_near)) and
    // exp(-d) >= 1 - d.
    const float e = exp_neg(y_near);
    const float location_hi = e * (1.0f + ScoreBounds::kExpError);
    const float location_lo =
        y_far < kExpCap ? std::max(0.0f, e * (1.0f - ScoreBounds::kExpError) *
                                             (1.0f - (y_far - y_near)))
                        : 0.0f;
    const float pref = kIndustries ? in.w_preference * preference[industry[i]]
                                   : in.w_preference;
    hi[i] = in.w_skill * skill_hi + in.w_location * location_hi + pref +
            ScoreBounds::kScoreSlack;
    lo[i] = in.w_skill * skill_lo + in.w_location * location_lo + pref -
            ScoreBounds::kScoreSlack;
    chord[i] = c;
    cosine_out[i] = cosine;
  }
}

}  // namespace

ScoreBounds::ScoreBounds(const IndexedRound& ir)
    : ir_(ir), dense_error_(PairEstimator(ir).skill_eps()) {
  const std::int32_t m = ir.n_postings;
  const SparseRows& rows = ir.posting_skills;

  // Dense columns: used by at least 1/16 of the postings.
  std::vector<std::int32_t> uses(ir.skill_columns, 0);
  for (const SparseRows::Entry& e : rows.entries) {
    const std::int32_t column = ir.column_of_skill[e.skill];
    if (column >= 0) ++uses[column];
  }
  dense_index_.assign(ir.skill_columns, -1);
  for (std::int32_t c = 0; c < ir.skill_columns; ++c) {
    if (uses[c] > 0 && std::int64_t(uses[c]) * 16 >= m) {
      dense_index_[c] = dense_count_++;
    }
  }

  // The postings' dense parts, exact (weight / norm) in double.
  Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(m, dense_count_);
  tag_offsets_.assign(ir.skill_columns + 1, 0);
  for (std::int32_t p = 0; p < m; ++p) {
    for (std::size_t e = rows.offsets[p]; e < rows.offsets[p + 1]; ++e) {
      const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
      if (column < 0) continue;
      if (dense_index_[column] >= 0) {
        dense(p, dense_index_[column]) = rows.entries[e].weight / rows.norms[p];
      } else {
        ++tag_offsets_[column + 1];
      }
    }
  }
  for (std::int32_t c = 0; c < ir.skill_columns; ++c) {
    tag_offsets_[c + 1] += tag_offsets_[c];
  }
  tag_entries_.resize(tag_offsets_.back());
  {
    std::vector<std::size_t> next(tag_offsets_.begin(), tag_offsets_.end() - 1);
    for (std::int32_t p = 0; p < m; ++p) {
      for (std::size_t e = rows.offsets[p]; e < rows.offsets[p + 1]; ++e) {
        const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
        if (column < 0 || dense_index_[column] >= 0) continue;
        tag_entries_[next[column]++] = {p,
                                        rows.entries[e].weight / rows.norms[p]};
      }
    }
  }

  // Basis: the top eigenvectors of the Gram matrix.
  const int rank = std::min<int>(kRank, dense_count_);
  if (rank > 0) {
    const Eigen::MatrixXd gram = dense.transpose() * dense;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
    basis_ = solver.eigenvectors().rightCols(rank);
  } else {
    basis_.resize(dense_count_, 0);
  }
  projection_.assign(std::size_t(m) * kRank, 0.0f);
  residual_.assign(m, 0.0f);
  tbb::parallel_for(std::int32_t{0}, m, [&](std::int32_t p) {
    const Eigen::VectorXd y = dense.row(p).transpose();
    const Eigen::VectorXd b = basis_.transpose() * y;
    for (int r = 0; r < rank; ++r) {
      projection_[std::size_t(p) * kRank + r] = static_cast<float>(b[r]);
    }
    residual_[p] = round_up((y - basis_ * b).norm() * (1.0 + 1e-9));
  });

  for (std::int32_t p = 0; p < m; ++p) {
    industries_ = std::max(industries_, ir.posting_industry[p] + 1);
  }

  // Location: chords to distances in scales, rounded either way.
  scales_per_chord_lo_ = round_down(kEarthRadiusKm / ir.distance_scale_km);
  scales_per_chord_hi_ = round_up(kEarthRadiusKm / ir.distance_scale_km);

  const double sum = ir.weights.sum();
  w_skill_ = static_cast<float>(ir.weights.skill / sum);
  w_location_ = static_cast<float>(ir.weights.location / sum);
  w_preference_ = static_cast<float>(ir.weights.preference / sum);
}

PostingPanel ScoreBounds::make_panel(
    const PostingClasses& classes, std::span<const std::int32_t> slots) const {
  PostingPanel panel;
  const std::int32_t n = std::int32_t(slots.size());
  panel.class_begin.assign(classes.count() + 1, 0);
  for (const std::int32_t p : slots) ++panel.class_begin[classes.of(p) + 1];
  for (std::int32_t c = 0; c < classes.count(); ++c) {
    panel.class_begin[c + 1] += panel.class_begin[c];
  }
  panel.slot.resize(n);
  panel.position.assign(ir_.n_postings, -1);
  {
    std::vector<std::int32_t> next(panel.class_begin.begin(),
                                   panel.class_begin.end() - 1);
    for (const std::int32_t p : slots) {
      panel.position[p] = next[classes.of(p)];
      panel.slot[next[classes.of(p)]++] = p;
    }
  }
  // Groups of kLanes positions, padded to whole groups.
  const std::size_t groups = (std::size_t(n) + kLanes - 1) / kLanes;
  panel.projection.assign(groups * kLanes * kRank, 0.0f);
  panel.residual.resize(n);
  panel.x.resize(n);
  panel.y.resize(n);
  panel.z.resize(n);
  panel.industry.resize(n);
  for (std::int32_t i = 0; i < n; ++i) {
    const std::int32_t p = panel.slot[i];
    for (int r = 0; r < kRank; ++r) {
      panel.projection[(std::size_t(i) / kLanes) * kLanes * kRank +
                       std::size_t(r) * kLanes + std::size_t(i) % kLanes] =
          projection_[std::size_t(p) * kRank + r];
    }
    panel.residual[i] = residual_[p];
    panel.x[i] = ir_.posting_xyz[3 * std::size_t(p)];
    panel.y[i] = ir_.posting_xyz[3 * std::size_t(p) + 1];
    panel.z[i] = ir_.posting_xyz[3 * std::size_t(p) + 2];
    panel.industry[i] = ir_.posting_industry[p] + 1;
  }
  return panel;
}

void ScoreBounds::load(VeteranProbe& probe, std::int32_t v,
                       const PostingPanel& panel) const {
  probe.veteran = v;
  for (const std::int32_t i : probe.touched) probe.tags[i] = 0.0f;
  probe.touched.clear();
  if (probe.tags.size() != panel.slot.size()) {
    probe.tags.assign(panel.slot.size(), 0.0f);
  }
  probe.dense.assign(dense_count_, 0.0);
  probe.row.assign(ir_.skill_columns, 0.0f);

  const SparseRows& rows = ir_.veteran_skills;
  for (std::size_t e = rows.offsets[v]; e < rows.offsets[v + 1]; ++e) {
    const std::int32_t column = ir_.column_of_skill[rows.entries[e].skill];
    if (column < 0) continue;
    const double x = rows.entries[e].weight / rows.norms[v];
    probe.row[column] = static_cast<float>(x);
    if (dense_index_[column] >= 0) {
      probe.dense[dense_index_[column]] = x;
      continue;
    }
    for (std::size_t t = tag_offsets_[column]; t < tag_offsets_[column + 1];
         ++t) {
      const TagEntry& entry = tag_entries_[t];
      const std::int32_t i = panel.position[entry.posting];
      if (i < 0) continue;
      if (probe.tags[i] == 0.0f) probe.touched.push_back(i);
      probe.tags[i] += static_cast<float>(x * entry.weight);
    }
  }
  const Eigen::Map<const Eigen::VectorXd> dense(probe.dense.data(),
                                                dense_count_);
  const Eigen::VectorXd a = basis_.transpose() * dense;
  std::fill(std::begin(probe.projection), std::end(probe.projection), 0.0f);
  for (Eigen::Index r = 0; r < a.size(); ++r) {
    probe.projection[r] = static_cast<float>(a[r]);
  }
  probe.residual = round_up((dense - basis_ * a).norm() * (1.0 + 1e-9));

  load_place(probe, v);

  // exact_preference(): 1 when the veteran names no industry, else whether
  // the posting's industry is named (0 for a posting without one).
  const bool any = !ir_.veteran_industries.empty(v);
  probe.any_industry = any;
  probe.preference.assign(industries_ + 1, any ? 0.0f : 1.0f);
  if (any) {
    for (const std::int32_t* i = ir_.veteran_industries.begin(v);
         i != ir_.veteran_industries.end(v); ++i) {
      if (*i < industries_) probe.preference[*i + 1] = 1.0f;
    }
  }
}

void ScoreBounds::load_place(VeteranProbe& probe, std::int32_t v) const {
  probe.veteran = v;
  probe.x = ir_.veteran_xyz[3 * std::size_t(v)];
  probe.y = ir_.veteran_xyz[3 * std::size_t(v) + 1];
  probe.z = ir_.veteran_xyz[3 * std::size_t(v) + 2];
  // Rule 5 is km > limit; km = 2 R asin(chord / 2) grows with the chord,
  // so the limit is a chord limit (none at half the globe or beyond).
  const double limit_km = ir_.veteran_commute_km[v];
  probe.has_limit =
      std::isfinite(limit_km) && limit_km < kPi * kEarthRadiusKm * 0.999;
  if (probe.has_limit) {
    const double chord = 2.0 * std::sin(limit_km / (2.0 * kEarthRadiusKm));
    probe.limit_in = round_down(chord * (1.0 - 1e-9));
    probe.limit_out = round_up(chord * (1.0 + 1e-9));
  }
}

void ScoreBounds::bound_range(const VeteranProbe& probe,
                              const PostingPanel& panel, std::int32_t begin,
                              std::int32_t end, float* lo, float* hi,
                              float* chord, float* cosine) const {
  BlockInput in;
  in.preference = probe.preference.data();
  in.scales_per_chord_lo = scales_per_chord_lo_;
  in.scales_per_chord_hi = scales_per_chord_hi_;
  in.vx = probe.x;
  in.vy = probe.y;
  in.vz = probe.z;
  in.v_residual = probe.residual;
  in.w_skill = w_skill_;
  in.w_location = w_location_;
  in.w_preference = w_preference_;
  for (std::int32_t base = begin; base < end; base += kBlock) {
    const int count = std::min<std::int32_t>(kBlock, end - base);
    // The projections from the group holding `base` on.
    const std::int32_t skip = base % kLanes;
    alignas(64) float dot[kBlock + 2 * kLanes];
    project_block(probe.projection,
                  panel.projection.data() + std::size_t(base - skip) * kRank,
                  skip + count, dot);
    const std::int32_t at = base - begin;
    (probe.any_industry
         ? bound_block<true>
         : bound_block<false>)(in, count, dot + skip, probe.tags.data() + base,
                               panel.industry.data() + base,
                               panel.residual.data() + base,
                               panel.x.data() + base, panel.y.data() + base,
                               panel.z.data() + base, lo + at, hi + at,
                               chord + at, cosine + at);
  }
}

}  // namespace vetmatch
