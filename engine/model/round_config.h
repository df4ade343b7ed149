// The parameters of one matching round, with their documented defaults.
//
// Every field here is a key of the round file's "config" object (see
// README.md, "The round file"). validate() checks the ranges stated below.
#pragma once

#include <optional>
#include <string_view>

namespace vetmatch {

/// Relative weights of the score components. Each must be finite and >= 0,
/// and their sum > 0. The score is sum(w_i * c_i) / sum(w_i), so it stays in
/// [0, 1] and only the ratios matter.
struct ScoreWeights {
  double skill = 0.6;
  double location = 0.3;
  double preference = 0.1;

  double sum() const { return skill + location + preference; }
};

/// The assignment policies. New policies are added here and in policy.h.
enum class PolicyKind { kPointsOrder, kOptimal, kStable };

/// What `optimal` maximises. kCoverageFirst: the largest number of veterans
/// placed, and among those assignments the highest total score.
/// kTotalScore: the highest total score.
enum class OptimalObjective { kCoverageFirst, kTotalScore };

/// How a posting ranks veterans (in `stable`, and when any policy's result
/// is checked for blocking pairs). kScore: the pair's score, descending;
/// kPoints: placement points, descending. Ties by veteran id, ascending.
enum class PostingRanking { kScore, kPoints };

/// Partners (Veteran::partner, both ways). kIndependent: each is placed on
/// their own. kTogether: both are placed, in postings at most
/// couple_max_km apart, or neither is.
enum class CouplesRule { kIndependent, kTogether };

std::string_view to_string(PolicyKind p);
std::optional<PolicyKind> parse_policy_kind(std::string_view name);
std::string_view to_string(OptimalObjective o);
std::optional<OptimalObjective> parse_optimal_objective(std::string_view name);
std::string_view to_string(PostingRanking r);
std::optional<PostingRanking> parse_posting_ranking(std::string_view name);
std::string_view to_string(CouplesRule c);
std::optional<CouplesRule> parse_couples_rule(std::string_view name);

struct RoundConfig {
  ScoreWeights weights;
  /// location = exp(-distance_km / distance_scale_km); finite, > 0.
  double distance_scale_km = 30.0;
  /// Commute limit for veterans who give none; unset means no limit.
  /// Finite and > 0 when set.
  std::optional<double> max_commute_km;
  /// Length of each veteran's shortlist of postings, in [0, 1000].
  int veteran_shortlist_k = 10;
  /// Length of each posting's shortlist of veterans, in [0, 1000].
  int posting_shortlist_k = 20;
  PolicyKind policy = PolicyKind::kPointsOrder;
  /// `optimal` only: what it maximises.
  OptimalObjective objective = OptimalObjective::kCoverageFirst;
  /// `optimal` only: depth of the candidate graph it solves on (see
  /// engine/policies/optimal.h), in [1, 1000].
  int candidate_k = 50;
  /// `optimal` only: prove optimality over all eligible pairs, deepening
  /// the candidate graph until the proof holds.
  bool exact = false;
  /// How postings rank veterans: `stable`'s rule, and the rule every
  /// policy's blocking pairs are counted by.
  PostingRanking posting_ranking = PostingRanking::kScore;
  CouplesRule couples = CouplesRule::kIndependent;
  /// CouplesRule::kTogether: the most two partners' postings may lie apart
  /// (great-circle km); finite, > 0.
  double couple_max_km = 50.0;
  /// Share of the skill vector's squared norm given to its O*NET part
  /// (occupation skill and knowledge dimensions) when a record also has free
  /// skill tags; the tags get the rest. In [0, 1]. See resolve_skills().
  double onet_share = 0.5;
};

inline constexpr int kMaxShortlistK = 1000;

}  // namespace vetmatch
