// Cheap two-sided bounds on exact pair scores, for one veteran against many
// postings: what lets points_order count "postings that rank before the
// pick" and find "the best posting still open" without scoring every pair
// exactly.
//
// Contract: for a veteran loaded into a VeteranProbe for a PostingPanel and
// any position of that panel, bound_range() gives lo <= exact score <= hi,
// where the exact score is exact_score() (pair_eval.h, scorer.h) of the
// pair as if it were eligible, and the float chord from which commute()
// classifies the commute rule (rule 5) as surely kept, surely broken, or to
// be checked exactly; refine() gives tighter bounds for one pair. Nothing
// else is promised: the bounds only decide which pairs need the exact
// score, so they change how fast points_order is, never its outcome.
//
// Method. The skill cosine is split by column. Columns that at least 1/16
// of the postings use (the dense O*NET profile) are projected on the top
// kRank eigenvectors U of the postings' Gram matrix over those columns, in
// double: with a = U^T x and b = U^T y, x.y = a.b + (x - Ua).(y - Ub), and
// |(x - Ua).(y - Ub)| <= |x - Ua| |y - Ub| (Cauchy-Schwarz). The other
// columns (tags: few per record, rare per column) are summed per pair from
// per-column posting lists. In float, a.b, the tag sum and their inputs err
// by far less than kSkillSlack (kRank + a few products of terms bounded by
// 1, each rounding 2^-24 relative), so
//   |cosine - (a.b + tags)| <= |x - Ua| |y - Ub| + kSkillSlack.
// Location exp(-km / scale) is bounded from the chord between the float
// unit vectors (IndexedRound::*_xyz; their rounding moves the chord by under
// 2.5e-7 + 3e-7 chord, kChordSlack is ten times that), R chord <= km <=
// R chord (1 + chord^2 / 4), and a float exp(-y) within kExpError
// relative. Preference is exact. The weighted sum is widened by
// kScoreSlack for the float arithmetic.
//
// Cost: construction O(M d) plus an eigen-solve of the dense columns'
// Gram matrix; load() O(nnz of the veteran x kRank + its tag lists);
// bound_range() a few dozen flops per posting, vectorised over positions
// (the panel keeps the projections by groups of 16 positions).
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/policies/posting_classes.h"
#include "engine/scoring/indexed_round.h"
#include "engine/scoring/pair_eval.h"

namespace vetmatch {

class ScoreBounds;

/// Dimensions kept by the projection of the dense columns.
inline constexpr int kBoundRank = 16;

/// Postings in a chosen order, their data laid out by position for the
/// vectorised bound loop, grouped by PostingClasses class: class c holds
/// positions [class_begin[c], class_begin[c + 1]), in the order given.
struct PostingPanel {
  std::int32_t size() const { return std::int32_t(slot.size()); }
  std::vector<std::int32_t> slot;         ///< position -> posting slot
  std::vector<std::int32_t> position;     ///< posting slot -> position or -1
  std::vector<std::int32_t> class_begin;  ///< classes + 1 entries
  /// By groups of 16 positions: kRank x 16 floats each (padded).
  std::vector<float> projection;
  std::vector<float> residual, x, y, z;
  std::vector<std::int32_t> industry;  ///< posting industry + 1 (0: none)
};

/// One veteran's side of the bounds, and per-thread scratch. Reuse one per
/// thread: load() replaces the previous veteran.
struct VeteranProbe {
  std::int32_t veteran = -1;
  alignas(64) float projection[kBoundRank] = {};
  float residual = 0.0f;
  float x = 0.0f, y = 0.0f, z = 0.0f;
  bool has_limit = false;  ///< commute limit shorter than half the globe
  float limit_in = 0.0f;   ///< chord + slack <= this: surely within
  float limit_out = 0.0f;  ///< chord - slack > this: surely beyond
  /// Tag sums by position of the panel loaded for; zero where untouched.
  std::vector<float> tags;
  std::vector<std::int32_t> touched;  ///< positions with a tag sum
  bool any_industry = false;          ///< else every preference is 1
  std::vector<float> preference;      ///< by posting industry + 1
  std::vector<double> dense;          ///< scratch
  /// The veteran's dense float row (IndexedRound::veteran_matrix's row,
  /// rebuilt from the sparse row), for refine().
  std::vector<float> row;
};

/// Bounds of one pair's exact score.
struct ScoreRange {
  float lo, hi;
};

/// What the float chord says of the commute rule for one pair.
enum class CommuteCheck : std::uint8_t { kWithin, kBeyond, kExact };

class ScoreBounds {
 public:
  static constexpr int kRank = kBoundRank;
  static constexpr float kSkillSlack = 1e-5f;
  static constexpr float kScoreSlack = 4e-6f;
  static constexpr float kChordSlack = 3e-6f;  ///< plus as much x chord
  /// Relative error allowed for the float exp(-y) of the location bound
  /// (measured worst case over every float y in [0, 80): 3.9e-6; tested).
  static constexpr float kExpError = 4e-5f;

  explicit ScoreBounds(const IndexedRound& ir);

  const IndexedRound& round() const { return ir_; }

  /// The panel of `slots` (postings with an opening at the start), grouped
  /// by class, each class in the order of `slots`.
  PostingPanel make_panel(const PostingClasses& classes,
                          std::span<const std::int32_t> slots) const;

  /// Loads veteran v (all of the probe), for bounds over `panel`.
  void load(VeteranProbe& probe, std::int32_t v,
            const PostingPanel& panel) const;
  /// Loads only v's place and commute limit (enough for chord() and
  /// commute()).
  void load_place(VeteranProbe& probe, std::int32_t v) const;

  /// The float chord between the probe's veteran and a panel position.
  static float chord(const VeteranProbe& probe, const PostingPanel& panel,
                     std::int32_t position) {
    const float dx = probe.x - panel.x[position];
    const float dy = probe.y - panel.y[position];
    const float dz = probe.z - panel.z[position];
    return std::sqrt(dx * dx + dy * dy + dz * dz);
  }

  /// lo[i], hi[i], chord[i] and cosine[i] (the skill estimate a.b + tags
  /// that lo and hi rest on) for positions begin + i of `panel` (the one
  /// the probe was loaded for), i < end - begin (the arrays must not
  /// overlap the panel).
  void bound_range(const VeteranProbe& probe, const PostingPanel& panel,
                   std::int32_t begin, std::int32_t end, float* lo, float* hi,
                   float* chord, float* cosine) const;

  /// Tighter bounds for the pair at `position` than the (lo, hi, cosine)
  /// bound_range() gave it: the skill part redone as the float dot product
  /// of the dense rows, within PairEstimator's proven skill tolerance
  /// (pair_eval.h); the rest of the bounds kept. About 40 ns.
  ScoreRange tighten(const VeteranProbe& probe, const PostingPanel& panel,
                     std::int32_t position, float cosine, float lo,
                     float hi) const {
    const float error = probe.residual * panel.residual[position] + kSkillSlack;
    const float skill_lo = std::max(0.0f, cosine - error);
    const float skill_hi = std::min(1.0f, cosine + error);
    const float dense =
        Eigen::Map<const Eigen::VectorXf>(probe.row.data(),
                                          Eigen::Index(probe.row.size()))
            .dot(ir_.posting_matrix.row(panel.slot[position]).transpose());
    const float tight_lo = std::max(skill_lo, dense - dense_error_);
    const float tight_hi = std::min(skill_hi, dense + dense_error_);
    return {lo + w_skill_ * (tight_lo - skill_lo) - kScoreSlack,
            hi - w_skill_ * (skill_hi - tight_hi) + kScoreSlack};
  }

  /// The commute rule from a chord bound_range() gave.
  static CommuteCheck commute(const VeteranProbe& probe, float chord) {
    if (!probe.has_limit) return CommuteCheck::kWithin;
    const float slack = kChordSlack + kChordSlack * chord;
    if (chord + slack <= probe.limit_in) return CommuteCheck::kWithin;
    if (chord - slack > probe.limit_out) return CommuteCheck::kBeyond;
    return CommuteCheck::kExact;
  }

 private:
  const IndexedRound& ir_;
  float dense_error_ = 0.0f;  ///< PairEstimator::skill_eps()
  std::int32_t dense_count_ = 0;
  std::vector<std::int32_t> dense_index_;  ///< column -> dense index or -1
  Eigen::MatrixXd basis_;                  ///< dense_count x kRank
  std::vector<float> projection_;          ///< kRank per posting slot
  std::vector<float> residual_;            ///< per posting slot
  // Tag columns: postings using column c are tag_entries_[tag_offsets_[c]
  // .. tag_offsets_[c + 1]).
  struct TagEntry {
    std::int32_t posting;
    double weight;  ///< weight / norm
  };
  std::vector<std::size_t> tag_offsets_;
  std::vector<TagEntry> tag_entries_;
  std::int32_t industries_ = 0;  ///< 1 + the largest posting industry id
  float scales_per_chord_lo_ = 0.0f, scales_per_chord_hi_ = 0.0f;
  float w_skill_ = 0.0f, w_location_ = 0.0f, w_preference_ = 0.0f;
};

}  // namespace vetmatch
