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
#include <utility>
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
};
std::string_view to_string(UnassignedReason r);

struct Unassigned {
  VeteranIndex veteran = kNoVeteran;
  UnassignedReason reason = UnassignedReason::kNoEligiblePosting;
  std::int32_t turn = 0;  ///< points_order: the veteran's turn; else 0.
};

/// `stable` only: what its result's stability rests on (engine/policies/
/// stable.h). A blocking pair is an eligible pair (v, p) where v prefers p
/// to their assignment (or is unassigned) and p has an opening left or
/// prefers v to its worst assignee (config.posting_ranking).
struct StabilityReport {
  /// How the matching was found: deferred acceptance on the candidate graph
  /// with a certificate, serial dictatorship (posting_ranking points, which
  /// gives the same matching), or Roth-Peranson with couples.
  enum class Method { kDeferredAcceptance, kSerialDictatorship, kRothPeranson };
  Method method = Method::kDeferredAcceptance;
  /// Blocking pairs of single veterans (partners placed as couples left
  /// out) among all eligible pairs: 0 without couples (proven by the
  /// certificate).
  std::int64_t blocking_pairs = 0;
  /// Proposals made, over all rounds of deepening.
  std::int64_t proposals = 0;
  /// Times the candidate graph was deepened because the certificate failed,
  /// and how many posting and veteran lists were deepened over all those
  /// times.
  std::int32_t deepening_rounds = 0;
  std::int64_t postings_deepened = 0;
  std::int64_t veterans_deepened = 0;
  /// Arcs (veteran, posting) of the final candidate graph.
  std::int64_t candidate_arcs = 0;

  /// Couples (config.couples == together; couples_stable.h): partners
  /// placed together or not at all. blocking_couples lists the couples
  /// (lower-id partner first) that would both rather take a pair of
  /// postings that would take them: instability Roth-Peranson could not
  /// remove (a stable matching need not exist with couples).
  std::int64_t couples = 0;
  std::int64_t couples_placed = 0;
  std::vector<std::pair<VeteranIndex, VeteranIndex>> blocking_couples;
  /// Applications tried again because a place opened (a couple left it, or
  /// someone moved up from it) that the applicant had gone past.
  std::int64_t couple_reexaminations = 0;
  /// Couples displaced more than 16 times (a cycle), left out from then on
  /// (they may block).
  std::int64_t couples_given_up = 0;
  /// The application limit stopped the procedure: the last placement
  /// stands.
  bool couple_limit_reached = false;
};
std::string_view to_string(StabilityReport::Method m);

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
  /// `stable` only.
  std::optional<StabilityReport> stability;
  StageSeconds seconds;
};

}  // namespace vetmatch
