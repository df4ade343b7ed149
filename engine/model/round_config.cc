#include "engine/model/round_config.h"

namespace vetmatch {

std::string_view to_string(PolicyKind p) {
  switch (p) {
    case PolicyKind::kPointsOrder:
      return "points_order";
  }
  return "unknown";
}

std::optional<PolicyKind> parse_policy_kind(std::string_view name) {
  if (name == "points_order") return PolicyKind::kPointsOrder;
  return std::nullopt;
}

}  // namespace vetmatch
