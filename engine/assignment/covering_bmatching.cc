#include "engine/assignment/covering_bmatching.h"

#include <stdexcept>

#include "engine/assignment/bmatching_check.h"

namespace vetmatch {
namespace {

constexpr std::int64_t kMaxWeight = std::int64_t{1} << 60;

}  // namespace

BMatchingGraph covering_gadget(const BMatchingGraph& graph, std::int64_t bonus,
                               CoverSide side) {
  if (bonus < 0) throw std::invalid_argument("covering: bonus < 0");
  if (graph.left_count < 0 || graph.right_count < 0 ||
      graph.arc_begin.size() != std::size_t(graph.left_count) + 1 ||
      graph.arc_right.size() != std::size_t(graph.arc_count()) ||
      graph.arc_weight.size() != std::size_t(graph.arc_count()) ||
      graph.left_capacity.size() != std::size_t(graph.left_count) ||
      graph.right_capacity.size() != std::size_t(graph.right_count)) {
    throw std::invalid_argument("covering: malformed graph");
  }
  for (std::int64_t w : graph.arc_weight) {
    if (w > kMaxWeight - bonus || w < -(kMaxWeight - bonus)) {
      throw std::invalid_argument("covering: weight + bonus beyond 2^60");
    }
  }
  for (std::int32_t r : graph.arc_right) {
    if (r < 0 || r >= graph.right_count) {
      throw std::invalid_argument("covering: right node out of range");
    }
  }
  BMatchingGraph g;
  g.left_capacity = graph.left_capacity;
  g.right_capacity = graph.right_capacity;
  g.arc_begin.assign(1, 0);
  g.arc_right.reserve(graph.arc_right.size() + graph.left_count);
  g.arc_weight.reserve(graph.arc_weight.size() + graph.left_count);
  for (std::int32_t l = 0; l < graph.left_count; ++l) {
    const std::int64_t begin = graph.arc_begin[l], end = graph.arc_begin[l + 1];
    for (std::int64_t a = begin; a < end; ++a) {
      g.arc_right.push_back(graph.arc_right[a]);
      g.arc_weight.push_back(graph.arc_weight[a] + bonus);
    }
    if (side == CoverSide::kLeft && bonus > 0 && end > begin &&
        graph.left_capacity[l] >= 2) {
      // cap(l) - 1 parallel arcs: each arc carries one unit.
      const std::int32_t d = static_cast<std::int32_t>(g.right_capacity.size());
      g.right_capacity.push_back(graph.left_capacity[l] - 1);
      for (std::int32_t k = 1; k < graph.left_capacity[l]; ++k) {
        g.arc_right.push_back(d);
        g.arc_weight.push_back(bonus);
      }
    }
    g.arc_begin.push_back(static_cast<std::int64_t>(g.arc_right.size()));
  }
  if (side == CoverSide::kRight && bonus > 0) {
    std::vector<std::uint8_t> reached(graph.right_count, 0);
    for (std::int32_t r : graph.arc_right) reached[r] = 1;
    for (std::int32_t r = 0; r < graph.right_count; ++r) {
      if (!reached[r] || graph.right_capacity[r] < 2) continue;
      g.left_capacity.push_back(graph.right_capacity[r] - 1);
      for (std::int32_t k = 1; k < graph.right_capacity[r]; ++k) {
        g.arc_right.push_back(r);
        g.arc_weight.push_back(bonus);
      }
      g.arc_begin.push_back(static_cast<std::int64_t>(g.arc_right.size()));
    }
  }
  g.left_count = static_cast<std::int32_t>(g.left_capacity.size());
  g.right_count = static_cast<std::int32_t>(g.right_capacity.size());
  return g;
}

CoveringSolution solve_covering_bmatching(const BMatchingGraph& graph,
                                          std::int64_t bonus, CoverSide side) {
  const BMatchingGraph gadget = covering_gadget(graph, bonus, side);
  const BMatchingSolution solution = solve_bmatching(gadget);
  CoveringSolution out;
  out.proven = check_bmatching(gadget, solution).ok;
  out.work = solution.work;
  out.arc_used.assign(std::size_t(graph.arc_count()), 0);
  std::vector<std::uint8_t> covered(
      side == CoverSide::kLeft ? graph.left_count : graph.right_count, 0);
  for (std::int32_t l = 0; l < graph.left_count; ++l) {
    const std::int64_t begin = graph.arc_begin[l], end = graph.arc_begin[l + 1];
    const std::int64_t shift = gadget.arc_begin[l] - begin;
    for (std::int64_t a = begin; a < end; ++a) {
      if (!solution.arc_used[a + shift]) continue;
      out.arc_used[a] = 1;
      ++out.used_arcs;
      out.weight += graph.arc_weight[a];
      covered[side == CoverSide::kLeft ? l : graph.arc_right[a]] = 1;
    }
  }
  for (std::uint8_t c : covered) out.covered += c;
  out.left_dual.assign(solution.left_dual.begin(),
                       solution.left_dual.begin() + graph.left_count);
  out.right_dual.assign(solution.right_dual.begin(),
                        solution.right_dual.begin() + graph.right_count);
  return out;
}

}  // namespace vetmatch
