// What a matching round returns: shortlists both ways, the policy's
// assignments, the veterans it could not place and the round's statistics.
//
// Contract: every VeteranIndex / PostingIndex here is an index into the Round
// the result was computed from. Lists meant for people are in a documented
// order: shortlists by score descending, ties by id ascending; assignments in
// the policy's order (points_order: turn order); unassigned veterans in id
// order. Nothing here depends on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/model/ids.h"
#include "engine/model/round_config.h"

namespace vetmatch {

/// The score of one eligible pair and its components (the "why").
struct PairScore {
  Score score = 0.0;         ///< Weighted mean of the three components.
  double skill = 0.0;        ///< Cosine of the skill vectors, in [0, 1].
  double location = 0.0;     ///< exp(-distance_km / distance_scale_km).
  double preference = 0.0;   ///< 1 if the industry is wanted (or none named).
  double distance_km = 0.0;  ///< Great-circle distance.
};

/// One entry of a shortlist: the other side's index and the pair's score.
struct ShortlistEntry {
  std::int32_t index = -1;  ///< PostingIndex or VeteranIndex.
  PairScore score;
};

/// Both directions' shortlists as flat arrays with offsets.
/// veteran_entries[veteran_offsets[v] .. veteran_offsets[v+1]) is veteran
/// v's list of postings (size <= veteran_shortlist_k), best first; likewise
/// for postings. Veterans taken in earlier rounds have empty lists.
struct Shortlists {
  std::vector<std::size_t> veteran_offsets;  ///< size n_veterans + 1
  std::vector<ShortlistEntry> veteran_entries;
  std::vector<std::size_t> posting_offsets;  ///< size n_postings + 1
  std::vector<ShortlistEntry> posting_entries;

  std::span<const ShortlistEntry> of_veteran(VeteranIndex v) const {
    return {veteran_entries.data() + veteran_offsets[v],
            veteran_offsets[v + 1] - veteran_offsets[v]};
  }
  std::span<const ShortlistEntry> of_posting(PostingIndex p) const {
    return {posting_entries.data() + posting_offsets[p],
            posting_offsets[p + 1] - posting_offsets[p]};
  }
};

struct Assignment {
  VeteranIndex veteran = kNoVeteran;
  PostingIndex posting = kNoPosting;
  PairScore score;
  /// points_order only (0 otherwise): the veteran's turn (1-based), the
  /// pick's rank among all postings eligible for the veteran at the start of
  /// the round (1 = their best), and how many of those were still open at
  /// their turn.
  std::int32_t turn = 0;
  std::int32_t rank = 0;
  std::int32_t open_postings = 0;
};

enum class UnassignedReason {
  kNoEligiblePosting,     ///< No posting passes the hard rules.
  kEligiblePostingsFull,  ///< Some did, but none had an opening left.
  /// Partners placed together (config.couples == together): this veteran
  /// had postings with an opening, but no pair of postings for the couple
  /// was within couple_max_km (or, with the partner placed in an earlier
  /// round, none near the partner's posting).
  kNoJointPlacement,
};
std::string_view to_string(UnassignedReason r);

struct Unassigned {
  VeteranIndex veteran = kNoVeteran;
  UnassignedReason reason = UnassignedReason::kNoEligiblePosting;
  std::int32_t turn = 0;  ///< points_order: the veteran's turn; else 0.
};

struct StageSeconds {
  double prepare = 0.0;  ///< Validation and indexing.
  double shortlists = 0.0;
  double policy = 0.0;
};

struct RoundStats {
  std::int64_t veterans = 0;        ///< In this round (taken ones excluded).
  std::int64_t veterans_taken = 0;  ///< Placed in earlier rounds.
  std::int64_t postings = 0;
  std::int64_t openings = 0;  ///< Left after earlier rounds.
  std::int64_t assigned = 0;
  std::int64_t unassigned = 0;
  std::int64_t priority_veterans = 0;  ///< With any priority flag.
  std::int64_t priority_assigned = 0;
  double coverage = 0.0;    ///< assigned / veterans (0 when no veterans).
  double fill_rate = 0.0;   ///< assigned / openings (0 when no openings).
  double mean_score = 0.0;  ///< Over assignments (0 when none).
};

struct RoundResult {
  /// Unset when only shortlists were asked for.
  std::optional<PolicyKind> policy;
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
  Shortlists shortlists;
  /// Veterans of this round (taken ones excluded) in id order.
  std::vector<VeteranIndex> veterans_by_id;
  /// All postings in id order.
  std::vector<PostingIndex> postings_by_id;
  RoundStats stats;
  StageSeconds seconds;
};

}  // namespace vetmatch
