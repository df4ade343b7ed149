#include "tests/support/optimal_oracle.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "tests/reference/brute_force.h"
#include "tests/reference/reference_anchors.h"

namespace vetmatch::test {

std::int64_t oracle_units(double score) {
  return std::llround(score * 1048576.0);
}

std::int64_t oracle_bonus(const Round& round, OptimalObjective objective) {
  if (objective == OptimalObjective::kTotalScore) return 0;
  const ReferenceRound ref(round);
  std::int64_t veterans = 0, openings = 0;
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    veterans += !ref.is_out(VeteranIndex(v));
  }
  for (std::size_t p = 0; p < round.postings.size(); ++p) {
    openings += std::max(0, ref.openings_left(PostingIndex(p)));
  }
  return std::min(veterans, openings) * 1048576 + 1;
}

BMatchingGraph full_eligible_graph(const Round& round,
                                   OptimalObjective objective) {
  const ReferenceRound ref(round);
  const ReferenceAnchors anchors(round);
  const std::int64_t bonus = oracle_bonus(round, objective);
  BMatchingGraph g;
  g.left_count = std::int32_t(round.postings.size());
  g.right_count = std::int32_t(round.veterans.size());
  g.arc_begin.push_back(0);
  for (std::int32_t p = 0; p < g.left_count; ++p) {
    g.left_capacity.push_back(std::max(0, ref.openings_left(p)));
    for (const ScoredPair& e : ref.eligible_veterans(p)) {
      if (!anchors.allowed(e.index, p)) continue;
      g.arc_right.push_back(e.index);
      g.arc_weight.push_back(bonus + oracle_units(e.score.score));
    }
    g.arc_begin.push_back(std::int64_t(g.arc_right.size()));
  }
  for (std::int32_t v = 0; v < g.right_count; ++v) {
    g.right_capacity.push_back(ref.is_out(v) ? 0 : 1);
  }
  return g;
}

__int128 assignment_weight(const Round& round, OptimalObjective objective,
                           const std::vector<Assignment>& assignments) {
  const std::int64_t bonus = oracle_bonus(round, objective);
  __int128 total = 0;
  for (const Assignment& a : assignments) {
    total += bonus + oracle_units(a.score.score);
  }
  return total;
}

__int128 exhaustive_best_weight(const BMatchingGraph& g) {
  std::vector<std::vector<std::int64_t>> arcs_of_right(g.right_count);
  std::vector<std::int32_t> left_of(g.arc_count());
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      arcs_of_right[g.arc_right[a]].push_back(a);
      left_of[a] = l;
    }
  }
  std::vector<std::int32_t> load(g.left_count, 0);
  __int128 best = 0;
  std::function<void(std::int32_t, __int128)> visit = [&](std::int32_t r,
                                                          __int128 total) {
    if (r == g.right_count) {
      best = std::max(best, total);
      return;
    }
    visit(r + 1, total);  // r unused
    if (g.right_capacity[r] == 0) return;
    for (std::int64_t a : arcs_of_right[r]) {
      const std::int32_t l = left_of[a];
      if (load[l] == g.left_capacity[l]) continue;
      ++load[l];
      visit(r + 1, total + g.arc_weight[a]);
      --load[l];
    }
  };
  visit(0, 0);
  return best;
}

std::vector<std::pair<VeteranIndex, VeteranIndex>> oracle_couples(
    const Round& round) {
  const ReferenceRound ref(round);
  std::vector<std::pair<VeteranIndex, VeteranIndex>> out;
  for (VeteranIndex a = 0; a < VeteranIndex(round.veterans.size()); ++a) {
    for (VeteranIndex b = a + 1; b < VeteranIndex(round.veterans.size()); ++b) {
      const bool named = round.veterans[a].partner == round.veterans[b].id ||
                         round.veterans[b].partner == round.veterans[a].id;
      if (named && !ref.is_out(a) && !ref.is_out(b)) out.push_back({a, b});
    }
  }
  return out;
}

__int128 exhaustive_best_weight_with_couples(const Round& round,
                                             const BMatchingGraph& g) {
  std::vector<std::int32_t> partner(g.right_count, -1);
  for (const auto& [a, b] : oracle_couples(round)) {
    partner[a] = b;
    partner[b] = a;
  }
  std::vector<std::vector<std::int64_t>> arcs_of_right(g.right_count);
  std::vector<std::int32_t> left_of(g.arc_count());
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      arcs_of_right[g.arc_right[a]].push_back(a);
      left_of[a] = l;
    }
  }
  std::vector<std::int32_t> load(g.left_count, 0);
  std::vector<std::int32_t> at(g.right_count, -1);  // left node, or -1
  __int128 best = 0;
  std::function<void(std::int32_t, __int128)> visit = [&](std::int32_t r,
                                                          __int128 total) {
    if (r == g.right_count) {
      for (std::int32_t v = 0; v < g.right_count; ++v) {
        const std::int32_t w = partner[v];
        if (w < 0) continue;
        if ((at[v] < 0) != (at[w] < 0)) return;
        if (at[v] >= 0 &&
            reference_distance_km(round.postings[at[v]].location,
                                  round.postings[at[w]].location) >
                round.config.couple_max_km) {
          return;
        }
      }
      best = std::max(best, total);
      return;
    }
    visit(r + 1, total);  // r unused
    if (g.right_capacity[r] == 0) return;
    for (std::int64_t a : arcs_of_right[r]) {
      const std::int32_t l = left_of[a];
      if (load[l] == g.left_capacity[l]) continue;
      ++load[l];
      at[r] = l;
      visit(r + 1, total + g.arc_weight[a]);
      at[r] = -1;
      --load[l];
    }
  };
  visit(0, 0);
  return best;
}

}  // namespace vetmatch::test
