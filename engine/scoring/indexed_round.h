// IndexedRound: a validated Round in the engine's working form.
//
// Veterans (those not taken in earlier rounds and still looking) and all
// postings (withdrawn ones too, with no opening left) are given dense
// "slots" in ascending id order, so "ties by id" is "ties by slot" in every
// inner loop. Per slot it holds the sparse skill rows (ascending skill-id
// order, the order scorer.h sums in), the dense float skill matrices the
// block scorer multiplies, coordinates in the forms the exact and the float
// distance need, and the attributes of the hard rules (eligibility.h) as
// small integers and bit masks.
//
// Layout: veteran_matrix is row-major, one row per veteran slot, one column
// per skill that occurs on both sides; rows are L2-normalised over the
// veteran's whole skill map (so a row of zeros for an empty map), likewise
// posting_matrix. Everything here is read-only once built.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

using FloatMatrix =
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Rows of (skill index, weight) with offsets: row r is
/// entries[offsets[r] .. offsets[r+1]), sorted by skill index.
struct SparseRows {
  struct Entry {
    std::int32_t skill;
    double weight;
  };
  std::vector<std::size_t> offsets;
  std::vector<Entry> entries;
  std::vector<double> norms;  ///< sqrt of the sum of squares, in row order.
};

/// Small sorted integer sets (certificates, industries) per slot.
struct IdSets {
  std::vector<std::size_t> offsets;
  std::vector<std::int32_t> ids;
  const std::int32_t* begin(std::size_t r) const {
    return ids.data() + offsets[r];
  }
  const std::int32_t* end(std::size_t r) const {
    return ids.data() + offsets[r + 1];
  }
  bool empty(std::size_t r) const { return offsets[r] == offsets[r + 1]; }
};

struct IndexedRound {
  const Round* round = nullptr;
  /// Slots: veterans not taken before and not marked not_looking.
  std::int32_t n_veterans = 0;
  std::int32_t n_postings = 0;

  std::vector<VeteranIndex> veteran_of;    ///< slot -> Round index
  std::vector<PostingIndex> posting_of;    ///< slot -> Round index
  std::vector<std::int32_t> veteran_slot;  ///< Round index -> slot, or -1
  std::vector<std::int32_t> posting_slot;  ///< Round index -> slot

  // Skills.
  SparseRows veteran_skills;
  SparseRows posting_skills;
  FloatMatrix veteran_matrix;  ///< may be left empty (0 x 0): see below
  FloatMatrix posting_matrix;
  /// Skill index -> column of the dense matrices, -1 for a skill only one
  /// side has; skill_columns columns in all. A dense row is
  /// float(weight / norm) at each column of the sparse row, so it can be
  /// rebuilt from the sparse rows bitwise (the shortlist kernel does so and
  /// never reads veteran_matrix).
  std::vector<std::int32_t> column_of_skill;
  std::int32_t skill_columns = 0;

  // Geography: exact form (radians, cosine of latitude, longitude in
  // degrees, as geo.h computes them) and float unit vectors.
  struct Place {
    double lat_rad;
    double cos_lat;
    double lon_deg;
  };
  std::vector<Place> veteran_place;
  std::vector<Place> posting_place;
  std::vector<float> veteran_xyz;  ///< 3 per slot
  std::vector<float> posting_xyz;

  // Hard-rule attributes.
  std::vector<PostingKindSet> veteran_wants;
  std::vector<std::uint8_t> veteran_is_spouse;
  std::vector<std::uint8_t> veteran_education;
  std::vector<std::uint64_t> veteran_cert_mask;  ///< bit (id % 64) per cert
  IdSets veteran_certs;
  IdSets veteran_industries;
  std::vector<double> veteran_commute_km;  ///< +infinity when no limit

  std::vector<PostingKindSet> posting_kind_bit;
  std::vector<std::uint8_t> posting_admits_spouses;
  std::vector<std::uint8_t> posting_min_education;
  std::vector<std::uint64_t> posting_cert_mask;
  IdSets posting_certs;
  std::vector<std::int32_t> posting_industry;  ///< -1 when none
  /// Openings left after taken; 0 for a withdrawn posting, so rule 7 keeps
  /// it off every shortlist and out of every policy.
  std::vector<Openings> posting_open;
  std::vector<std::uint8_t> posting_withdrawn;  ///< 1: in round.withdrawn

  /// Declined pairs as (veteran slot << 32 | posting slot), sorted.
  std::vector<std::uint64_t> declined;

  ScoreWeights weights;
  double distance_scale_km = 1.0;
};

/// Builds the indexed form. Precondition: validate(round) is empty.
/// (IndexedRoundBuilder, indexed_round_builder.h, builds the same from
/// veterans fed a block at a time.)
IndexedRound index_round(const Round& round);

}  // namespace vetmatch
