#include "engine/policies/optimal_couples.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "engine/policies/optimal_costs.h"
#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

struct Option {
  std::int32_t posting;
  std::int64_t weight;
  PairScore score;
};

// The postings known eligible for veteran slot v, by posting slot: its arcs
// in the graph and its own shortlist.
std::vector<Option> options_of(
    const IndexedRound& ir, const CandidateGraph& graph,
    const Shortlists& lists,
    const std::vector<std::vector<std::int64_t>>& arcs_of_veteran,
    std::int32_t v, std::int64_t bonus) {
  std::map<std::int32_t, Option> by_posting;
  const BMatchingGraph& g = graph.graph;
  for (std::int64_t a : arcs_of_veteran[v]) {
    std::int32_t p = -1;
    if (graph.postings_left()) {
      p = std::int32_t(
          std::upper_bound(g.arc_begin.begin(), g.arc_begin.end(), a) -
          g.arc_begin.begin() - 1);
    } else {
      p = g.arc_right[a];
    }
    by_posting.emplace(p, Option{p, g.arc_weight[a], graph.score(a)});
  }
  for (const ShortlistEntry& e : lists.of_veteran(ir.veteran_of[v])) {
    const std::int32_t p = ir.posting_slot[e.index];
    by_posting.emplace(p,
                       Option{p, bonus + score_units(e.score.score), e.score});
  }
  std::vector<Option> out;
  for (const auto& [p, option] : by_posting) out.push_back(option);
  return out;
}

}  // namespace

std::vector<Couple> couples_in_round(const IndexedRound& ir) {
  const Round& round = *ir.round;
  std::unordered_map<std::string_view, std::int32_t> index;
  for (std::size_t i = 0; i < round.veterans.size(); ++i) {
    index.emplace(round.veterans[i].id, std::int32_t(i));
  }
  std::vector<std::int32_t> partner(ir.n_veterans, -1);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const Veteran& veteran = round.veterans[ir.veteran_of[v]];
    if (veteran.partner.empty()) continue;
    const auto it = index.find(veteran.partner);
    if (it == index.end()) continue;
    const std::int32_t w = ir.veteran_slot[it->second];
    if (w < 0 || w == v) continue;  // taken before: on their own
    partner[v] = w;
    partner[w] = v;
  }
  std::vector<Couple> out;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (partner[v] > v) out.push_back({v, partner[v]});
  }
  return out;
}

double posting_distance_km(const IndexedRound& ir, std::int32_t p,
                           std::int32_t q) {
  const Round& round = *ir.round;
  return great_circle_km(round.postings[ir.posting_of[p]].location,
                         round.postings[ir.posting_of[q]].location);
}

bool keeps_couples(const IndexedRound& ir, std::span<const Couple> couples,
                   std::span<const std::int32_t> posting_of_veteran,
                   double couple_max_km) {
  for (const Couple& c : couples) {
    const std::int32_t p = posting_of_veteran[c.first];
    const std::int32_t q = posting_of_veteran[c.second];
    if ((p < 0) != (q < 0)) return false;
    if (p >= 0 && posting_distance_km(ir, p, q) > couple_max_km) return false;
  }
  return true;
}

std::vector<FixedPair> place_couples(
    const IndexedRound& ir, const RoundConfig& config,
    const CandidateGraph& graph, const Shortlists& lists,
    std::span<const Couple> couples, std::span<const std::int64_t> price,
    std::int64_t bonus, std::vector<Openings>& openings_left) {
  // Each couple partner's arcs in the graph.
  std::vector<std::vector<std::int64_t>> arcs_of_veteran(ir.n_veterans);
  {
    std::vector<std::uint8_t> member(ir.n_veterans, 0);
    for (const Couple& c : couples) member[c.first] = member[c.second] = 1;
    const BMatchingGraph& g = graph.graph;
    for (std::int32_t l = 0; l < g.left_count; ++l) {
      for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
        const std::int32_t v = graph.postings_left() ? g.arc_right[a] : l;
        if (member[v]) arcs_of_veteran[v].push_back(a);
      }
    }
  }
  std::vector<FixedPair> out;
  for (const Couple& c : couples) {
    const std::vector<Option> first =
        options_of(ir, graph, lists, arcs_of_veteran, c.first, bonus);
    const std::vector<Option> second =
        options_of(ir, graph, lists, arcs_of_veteran, c.second, bonus);
    std::int64_t best = 0;  // placing must gain something at these prices
    const Option* best_first = nullptr;
    const Option* best_second = nullptr;
    for (const Option& x : first) {
      if (openings_left[x.posting] < 1) continue;
      const std::int64_t gain_x = x.weight - price[x.posting];
      for (const Option& y : second) {
        const Openings need = x.posting == y.posting ? 2 : 1;
        if (openings_left[y.posting] < need) continue;
        const std::int64_t gain = gain_x + y.weight - price[y.posting];
        if (gain <= best) continue;  // ties keep the earlier (p, q)
        if (posting_distance_km(ir, x.posting, y.posting) >
            config.couple_max_km) {
          continue;
        }
        best = gain;
        best_first = &x;
        best_second = &y;
      }
    }
    if (best_first == nullptr) continue;
    --openings_left[best_first->posting];
    --openings_left[best_second->posting];
    out.push_back({c.first, best_first->posting, best_first->score});
    out.push_back({c.second, best_second->posting, best_second->score});
  }
  return out;
}

}  // namespace vetmatch
