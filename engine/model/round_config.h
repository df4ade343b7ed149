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
enum class PolicyKind { kPointsOrder };

std::string_view to_string(PolicyKind p);
std::optional<PolicyKind> parse_policy_kind(std::string_view name);

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
  /// Share of the skill vector's squared norm given to its O*NET part
  /// (occupation skill and knowledge dimensions) when a record also has free
  /// skill tags; the tags get the rest. In [0, 1]. See resolve_skills().
  double onet_share = 0.5;
};

inline constexpr int kMaxShortlistK = 1000;

}  // namespace vetmatch
