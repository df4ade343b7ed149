#include "engine/model/round_config.h"

namespace vetmatch {

std::string_view to_string(PolicyKind p) {
  switch (p) {
    case PolicyKind::kPointsOrder:
      return "points_order";
    case PolicyKind::kOptimal:
      return "optimal";
    case PolicyKind::kStable:
      return "stable";
  }
  return "unknown";
}

std::optional<PolicyKind> parse_policy_kind(std::string_view name) {
  if (name == "points_order") return PolicyKind::kPointsOrder;
  if (name == "optimal") return PolicyKind::kOptimal;
  if (name == "stable") return PolicyKind::kStable;
  return std::nullopt;
}

std::string_view to_string(OptimalObjective o) {
  switch (o) {
    case OptimalObjective::kCoverageFirst:
      return "coverage_first";
    case OptimalObjective::kTotalScore:
      return "total_score";
  }
  return "unknown";
}

std::optional<OptimalObjective> parse_optimal_objective(std::string_view name) {
  if (name == "coverage_first") return OptimalObjective::kCoverageFirst;
  if (name == "total_score") return OptimalObjective::kTotalScore;
  return std::nullopt;
}

std::string_view to_string(PostingRanking r) {
  switch (r) {
    case PostingRanking::kScore:
      return "score";
    case PostingRanking::kPoints:
      return "points";
  }
  return "unknown";
}

std::optional<PostingRanking> parse_posting_ranking(std::string_view name) {
  if (name == "score") return PostingRanking::kScore;
  if (name == "points") return PostingRanking::kPoints;
  return std::nullopt;
}

std::string_view to_string(CouplesRule c) {
  switch (c) {
    case CouplesRule::kIndependent:
      return "independent";
    case CouplesRule::kTogether:
      return "together";
  }
  return "unknown";
}

std::optional<CouplesRule> parse_couples_rule(std::string_view name) {
  if (name == "independent") return CouplesRule::kIndependent;
  if (name == "together") return CouplesRule::kTogether;
  return std::nullopt;
}

}  // namespace vetmatch
