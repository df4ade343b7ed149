// IndexedRoundBuilder: builds an IndexedRound from veterans fed one at a
// time or in batches, so that a round too big to hold as Veteran structs (a
// province: 3 million veterans, each with a skill map of strings) can be
// indexed while it is drawn or read, a block at a time.
//
// Contract: for a Round r that passes validate(), feeding every record of
// r.veterans once, each with its index in r.veterans, in any order, to an
// IndexedRoundBuilder(r), then finish(), gives an IndexedRound equal field
// by field to index_round(r): the same slots (ascending id order), the same
// vocabularies' numbering (byte-wise order of the skill, certificate and
// industry ids of the veterans not taken and of the postings), every float
// and double bitwise. index_round() is this builder.
//
// The builder reads r's config, postings, taken, declined, withdrawn and
// not_looking, never r.veterans: r may be a "shell" (config, employers,
// postings; no veterans) whose veterans exist only as the records fed. ir.round
// points to r and ir.veteran_slot has one entry per record fed:
// build_shortlists() needs nothing else, while points_order() and round_stats()
// read ir.round->veterans and need the whole Round.
//
// Cost: finish() numbers the vocabularies, remaps the rows in place and
// sorts the ids; when the records came in ascending id order (as the
// generator draws them, or as index_round() feeds them) it copies nothing,
// otherwise it copies the veteran arrays once into slot order. Memory while
// feeding: the IndexedRound's own veteran arrays plus the ids (one byte
// buffer and one offset per veteran); reserve() with the expected totals
// avoids the vectors' growth copies (unused reserved capacity is address
// space only). With `veteran_matrix` off, ir.veteran_matrix is left 0 x 0.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/model/round.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch {

struct IndexedRoundBuildOptions {
  /// Build the dense float veteran matrix (n_veterans x skill_columns).
  /// build_shortlists() does not read it; points_order() does.
  bool veteran_matrix = true;
};

/// Totals of fed veterans, for reserve().
struct VeteranCounts {
  std::size_t veterans = 0;  ///< Records not taken.
  std::size_t skill_entries = 0;
  std::size_t certificates = 0;
  std::size_t industries = 0;
  std::size_t id_bytes = 0;
};

namespace detail {

/// Strings numbered in first-seen order (provisional ids).
class Names {
 public:
  Names() = default;
  Names(const Names&) = delete;  // the map's keys view names_
  Names& operator=(const Names&) = delete;
  Names(Names&&) = default;
  Names& operator=(Names&&) = default;

  std::int32_t id(std::string_view s);
  /// -1 when absent.
  std::int32_t find(std::string_view s) const;
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::int32_t id) const { return names_[id]; }

 private:
  std::deque<std::string> names_;  // stable addresses: the map's keys
  std::unordered_map<std::string_view, std::int32_t> index_;
};

/// Veterans not taken, one row each, in the order fed; ids are
/// provisional (Names) until finish().
struct VeteranColumns {
  std::vector<VeteranIndex> index;  ///< Round index per row
  std::vector<char> id_chars;
  std::vector<std::size_t> id_offsets{0};
  SparseRows skills;  ///< offsets start {0}; norms filled by finish()
  IdSets certificates;
  IdSets industries;
  std::vector<IndexedRound::Place> place;
  std::vector<float> xyz;
  std::vector<PostingKindSet> wants;
  std::vector<std::uint8_t> is_spouse;
  std::vector<std::uint8_t> education;
  std::vector<double> commute_km;
  std::vector<VeteranIndex> out_index;  ///< Round indices of records out of
                                        ///< the round (taken, not looking)

  VeteranColumns();
  VeteranCounts counts() const;
};

}  // namespace detail

/// Veterans encoded by IndexedRoundBuilder::encode(), with vocabularies of
/// their own; only add() reads them.
class VeteranBatch {
 public:
  /// Records in the batch, those out of the round included.
  std::size_t records() const {
    return columns_.index.size() + columns_.out_index.size();
  }
  VeteranCounts counts() const { return columns_.counts(); }

 private:
  friend class IndexedRoundBuilder;
  detail::Names skills_, certificates_, industries_;
  detail::VeteranColumns columns_;
};

class IndexedRoundBuilder {
 public:
  /// `round` (its config, postings and history; not its veterans)
  /// must outlive the builder and the IndexedRound.
  explicit IndexedRoundBuilder(const Round& round,
                               const IndexedRoundBuildOptions& options = {});

  /// Reserves room for this many veterans in all (the totals, not more).
  void reserve(const VeteranCounts& totals);

  /// Feeds one record; `index` is its Round index.
  void add_veteran(const Veteran& veteran, VeteranIndex index);

  /// Encodes records first_index, first_index + 1, ... for add(). Const and
  /// safe to call from several threads at once.
  VeteranBatch encode(std::span<const Veteran> veterans,
                      VeteranIndex first_index) const;
  /// Feeds an encoded batch (from one thread at a time).
  void add(VeteranBatch&& batch);

  /// Records fed so far, those out of the round included.
  std::size_t records() const {
    return columns_.index.size() + columns_.out_index.size();
  }

  /// Builds the IndexedRound; the builder is spent. Throws
  /// std::invalid_argument when the fed indices are not 0 .. records() - 1
  /// each once, or a taken, not looking or declined veteran id was never
  /// fed.
  IndexedRound finish();

 private:
  void encode_into(const Veteran& veteran, VeteranIndex index,
                   detail::Names& skills, detail::Names& certificates,
                   detail::Names& industries,
                   detail::VeteranColumns& out) const;

  const Round& round_;
  IndexedRoundBuildOptions options_;
  double default_commute_km_;
  /// Ids of veterans out of the round: taken or not looking.
  std::unordered_set<std::string_view> out_;
  std::unordered_map<std::string_view, PostingIndex> posting_by_id_;
  detail::Names skills_, certificates_, industries_;
  detail::VeteranColumns columns_;
};

}  // namespace vetmatch
