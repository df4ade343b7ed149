#include "engine/assignment/bmatching_check.h"

#include <string>

namespace vetmatch {
namespace {

using Wide = __int128;

BMatchingCheck failure(std::string problem) {
  return {false, std::move(problem)};
}

}  // namespace

BMatchingCheck check_bmatching(const BMatchingGraph& g,
                               const BMatchingSolution& s) {
  const std::int64_t arcs = g.arc_count();
  if (s.arc_used.size() != std::size_t(arcs) ||
      s.left_dual.size() != std::size_t(g.left_count) ||
      s.right_dual.size() != std::size_t(g.right_count)) {
    return failure("solution sizes differ from the graph's");
  }
  std::vector<std::int64_t> left_load(g.left_count, 0);
  std::vector<std::int64_t> right_load(g.right_count, 0);
  Wide primal = 0;
  Wide dual = 0;
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    const std::int64_t y = s.left_dual[l];
    if (y < 0) return failure("left " + std::to_string(l) + ": y < 0");
    dual += Wide(y) * g.left_capacity[l];
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      const std::int32_t r = g.arc_right[a];
      const Wide sum = Wide(y) + s.right_dual[r];
      auto where = [a] { return "arc " + std::to_string(a); };
      if (s.arc_used[a] > 1) return failure(where() + ": used more than once");
      if (s.arc_used[a] == 1) {
        if (sum > g.arc_weight[a])
          return failure(where() + ": used, y + z > w");
        ++left_load[l];
        ++right_load[r];
        primal += g.arc_weight[a];
        dual += g.arc_weight[a] - sum;
      } else if (sum < g.arc_weight[a]) {
        return failure(where() + ": unused, y + z < w");
      }
    }
  }
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    if (left_load[l] > g.left_capacity[l]) {
      return failure("left " + std::to_string(l) + ": over capacity");
    }
    if (s.left_dual[l] > 0 && left_load[l] < g.left_capacity[l]) {
      return failure("left " + std::to_string(l) + ": y > 0 but not full");
    }
  }
  for (std::int32_t r = 0; r < g.right_count; ++r) {
    const std::int64_t z = s.right_dual[r];
    if (z < 0) return failure("right " + std::to_string(r) + ": z < 0");
    if (right_load[r] > g.right_capacity[r]) {
      return failure("right " + std::to_string(r) + ": over capacity");
    }
    if (z > 0 && right_load[r] < g.right_capacity[r]) {
      return failure("right " + std::to_string(r) + ": z > 0 but not full");
    }
    dual += Wide(z) * g.right_capacity[r];
  }
  if (primal != dual) return failure("primal weight differs from the dual");
  return {true, {}};
}

BMatchingDuals folded_duals(const BMatchingGraph& g, const BMatchingSolution& s,
                            bool fold_left) {
  BMatchingDuals d{s.left_dual, s.right_dual};
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      if (!s.arc_used[a]) continue;
      const std::int32_t r = g.arc_right[a];
      if (fold_left && g.left_capacity[l] == 1) {
        d.left[l] = g.arc_weight[a] - s.right_dual[r];
      } else if (!fold_left && g.right_capacity[r] == 1) {
        d.right[r] = g.arc_weight[a] - s.left_dual[l];
      }
    }
  }
  return d;
}

}  // namespace vetmatch
