// What a matching round returns: shortlists both ways, the policy's
// assignments, the veterans it could not place and the round's statistics.
//
// Contract: every VeteranIndex / PostingIndex here is an index into the Round
// the result was computed from. Lists meant for people are in a documented
// order: shortlists by score descending, ties by id ascending; assignments in
// the policy's order (points_order: turn order); unassigned veterans in id
// order. Nothing here depends on the thread count.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/ids.h"
#include "engine/model/round_config.h"
#include "engine/scoring/eligibility.h"
#include "engine/util/uninitialised_allocator.h"

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
/// The shortlists' entries: resize() leaves new entries unwritten
/// (uninitialised_allocator.h), for build_shortlists to fill in parallel.
using ShortlistEntries =
    std::vector<ShortlistEntry, UninitialisedAllocator<ShortlistEntry>>;

struct Shortlists {
  std::vector<std::size_t> veteran_offsets;  ///< size n_veterans + 1
  ShortlistEntries veteran_entries;
  std::vector<std::size_t> posting_offsets;  ///< size n_postings + 1
  ShortlistEntries posting_entries;
  /// The k each list was built with (build_shortlists fills them): a list
  /// shorter than its k holds every eligible pair of its record, one as
  /// long may have been cut. posting_depth is by PostingIndex; both are
  /// left empty / -1 by code that does not know.
  std::int32_t veteran_depth = -1;
  std::vector<std::int32_t> posting_depth;

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

/// Why a veteran of the round has no eligible posting at all
/// (engine/round/no_eligible.h): kNoPostings when the round has no posting
/// (none listed, or every one withdrawn); otherwise the hard rule of
/// eligibility.h that excludes the most of the round's postings, each
/// posting counted under the first rule it fails (eligibility.h's order),
/// ties going to the earlier rule. The rules keep eligibility.h's order.
enum class NoEligibleReason : std::uint8_t {
  kNoPostings,
  kKindNotWanted,
  kSpouseNotAdmitted,
  kEducationTooLow,
  kMissingCertificate,
  kBeyondCommute,
  kDeclined,
  kNoOpeningLeft,
};
inline constexpr std::size_t kNoEligibleReasons = 8;
/// "no_postings", then the rules' names as eligibility.h's to_string.
std::string_view to_string(NoEligibleReason r);
/// The reason for a rule (not Ineligibility::kEligible).
NoEligibleReason no_eligible_reason(Ineligibility rule);

struct Unassigned {
  VeteranIndex veteran = kNoVeteran;
  UnassignedReason reason = UnassignedReason::kNoEligiblePosting;
  std::int32_t turn = 0;  ///< points_order: the veteran's turn; else 0.
  /// Set exactly when reason is kNoEligiblePosting: why there is none
  /// (run_round sets both for every policy, from no_eligible.h).
  std::optional<NoEligibleReason> excluded_by;
};

/// Which side's lists the `optimal` policy's candidate graph was built
/// from: the side whose places are scarce (engine/policies/optimal.h).
enum class CandidateSide { kPostings, kVeterans };
std::string_view to_string(CandidateSide s);

/// How an `optimal` result's optimality over all eligible pairs was shown.
enum class CertificateMethod {
  kNone,        ///< not shown: some cut list could have cost optimality
  kListBounds,  ///< every cut list's last score is covered by the duals
  kPairScan,    ///< a scan of all eligible pairs against the duals
};
std::string_view to_string(CertificateMethod m);

/// What the `optimal` policy proved and measured (engine/policies/
/// optimal.h; integer units: engine/policies/optimal_costs.h).
struct OptimalityReport {
  OptimalObjective objective = OptimalObjective::kCoverageFirst;
  /// True when the assignment is proven optimal over all eligible pairs,
  /// not only over the candidate graph.
  bool certified = false;
  CertificateMethod method = CertificateMethod::kNone;
  /// Cut lists (of the candidate side) whose depth could have cost
  /// optimality: 0 when certified.
  std::int64_t lists_at_risk = 0;
  std::int64_t placed = 0;
  /// Sum of the placed pairs' score units (llround(score * 2^20)); the
  /// objective is (placed, score_units) in order for coverage_first,
  /// score_units for total_score.
  std::int64_t score_units = 0;
  double total_score = 0.0;  ///< Sum of the placed pairs' scores.
  CandidateSide side = CandidateSide::kPostings;
  std::int64_t graph_arcs = 0;  ///< in the last graph solved
  /// Re-solves after pairs outside the graph were found to matter (exact
  /// mode), and how many pairs they added.
  std::int32_t deepenings = 0;
  std::int64_t pairs_added = 0;
  double solve_seconds = 0.0;        ///< graph building and solving
  double certificate_seconds = 0.0;  ///< checking the proof, pair scans

  /// couples == together (engine/policies/optimal_couples.h): the couples
  /// (both partners in the round), how many were placed (together), how
  /// many the relaxation (everybody on their own) split or placed too far
  /// apart, and the relaxation's placed count and units: an upper bound on
  /// any assignment that keeps couples together (over all eligible pairs
  /// when the relaxation was certified). When a couple was repaired the
  /// result is not certified.
  bool couples_together = false;
  std::int64_t couples = 0;
  std::int64_t couples_placed = 0;
  std::int64_t couples_repaired = 0;
  std::int64_t bound_placed = 0;
  std::int64_t bound_score_units = 0;
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
  double stats = 0.0;  ///< The statistics (round_stats.h).
};

/// Veterans and how many of them were placed.
struct Coverage {
  std::int64_t veterans = 0;
  std::int64_t assigned = 0;
  double coverage = 0.0;  ///< assigned / veterans (0 when no veterans).
};

/// Every count is over the round's veterans (those taken before or not
/// looking are out of the round) and postings (withdrawn ones are out).
struct RoundStats {
  std::int64_t veterans = 0;              ///< In this round.
  std::int64_t veterans_taken = 0;        ///< Placed in earlier rounds.
  std::int64_t veterans_not_looking = 0;  ///< Listed in not_looking.
  std::int64_t postings = 0;              ///< In this round.
  std::int64_t postings_withdrawn = 0;    ///< Listed in withdrawn.
  std::int64_t openings = 0;              ///< Left after earlier rounds.
  std::int64_t assigned = 0;
  std::int64_t unassigned = 0;
  std::int64_t priority_veterans = 0;  ///< With any priority flag.
  std::int64_t priority_assigned = 0;
  double coverage = 0.0;          ///< assigned / veterans (0 when no veterans).
  double fill_rate = 0.0;         ///< assigned / openings (0 when no openings).
  double total_score = 0.0;       ///< Sum over assignments.
  double mean_score = 0.0;        ///< Over assignments (0 when none).
  double mean_distance_km = 0.0;  ///< Over assignments (0 when none).
  std::array<Coverage, 4> by_group{};     ///< soldier, nco, officer, spouse
  std::array<Coverage, 4> by_priority{};  ///< disabled, martyr_family, ...
  /// Eligible pairs (veteran, posting) that would both rather be matched
  /// to each other than to what they got, postings ranking veterans by
  /// config.posting_ranking. -1: not counted (shortlists only, or not wired
  /// yet), written as null.
  std::int64_t blocking_pairs = -1;
  /// Veterans of the round with no eligible posting at all, and how many
  /// of them for each reason (indexed by NoEligibleReason).
  std::int64_t no_eligible_posting = 0;
  std::array<std::int64_t, kNoEligibleReasons> no_eligible_by_reason{};
};

struct RoundResult {
  /// Unset when only shortlists were asked for.
  std::optional<PolicyKind> policy;
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
  Shortlists shortlists;
  /// Veterans of this round (taken and not looking ones excluded) in id
  /// order.
  std::vector<VeteranIndex> veterans_by_id;
  /// Postings of this round (withdrawn ones excluded) in id order.
  std::vector<PostingIndex> postings_by_id;
  RoundStats stats;
  /// `stable` only.
  std::optional<StabilityReport> stability;
  StageSeconds seconds;
  /// `optimal` only.
  std::optional<OptimalityReport> optimality;
};

}  // namespace vetmatch
