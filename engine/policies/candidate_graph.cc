#include "engine/policies/candidate_graph.h"

#include <tbb/parallel_for.h>

#include "engine/policies/optimal_costs.h"

namespace vetmatch {
namespace {

// Units of a list's last score when the list may have been cut, else -1.
std::int64_t cut_of(std::span<const ShortlistEntry> list, std::int32_t depth) {
  if (depth < 0 || std::int64_t(list.size()) < depth) return -1;
  return list.empty() ? kScoreScale : score_units(list.back().score.score);
}

}  // namespace

CandidateGraph build_candidate_graph(const IndexedRound& ir,
                                     const Shortlists& lists,
                                     CandidateSide side,
                                     std::int64_t placement_bonus,
                                     std::span<const ScoredPair> extra) {
  const std::int32_t P = ir.n_postings;
  const std::int32_t V = ir.n_veterans;
  CandidateGraph out;
  BMatchingGraph& g = out.graph;
  g.left_count = P;
  g.right_count = V;
  g.left_capacity.assign(ir.posting_open.begin(), ir.posting_open.end());
  g.right_capacity.assign(V, 1);

  // Arcs per posting: its list pairs, then its extra pairs.
  std::vector<std::int64_t> count(P, 0);
  if (side == CandidateSide::kPostings) {
    for (std::int32_t p = 0; p < P; ++p) {
      count[p] = std::int64_t(lists.of_posting(ir.posting_of[p]).size());
    }
  } else {
    for (std::int32_t v = 0; v < V; ++v) {
      for (const ShortlistEntry& e : lists.of_veteran(ir.veteran_of[v])) {
        ++count[ir.posting_slot[e.index]];
      }
    }
  }
  std::vector<std::int64_t> extra_begin(std::size_t(P) + 1, 0);
  for (const ScoredPair& pair : extra) ++extra_begin[pair.posting + 1];
  for (std::int32_t p = 0; p < P; ++p) extra_begin[p + 1] += extra_begin[p];
  g.arc_begin.assign(std::size_t(P) + 1, 0);
  for (std::int32_t p = 0; p < P; ++p) {
    g.arc_begin[p + 1] =
        g.arc_begin[p] + count[p] + (extra_begin[p + 1] - extra_begin[p]);
  }
  const std::int64_t arcs = g.arc_begin.back();
  g.arc_right.resize(arcs);
  g.arc_weight.resize(arcs);
  out.arc_score.resize(arcs);
  auto put = [&](std::int64_t a, std::int32_t v, const PairScore& s) {
    g.arc_right[a] = v;
    g.arc_weight[a] = placement_bonus + score_units(s.score);
    out.arc_score[a] = s;
  };

  // next[p]: where posting p's next arc goes.
  std::vector<std::int64_t> next(g.arc_begin.begin(), g.arc_begin.end() - 1);
  if (side == CandidateSide::kPostings) {
    out.cut_units.resize(P);
    tbb::parallel_for(std::int32_t{0}, P, [&](std::int32_t p) {
      const PostingIndex round_p = ir.posting_of[p];
      const auto list = lists.of_posting(round_p);
      for (const ShortlistEntry& e : list) {
        put(next[p]++, ir.veteran_slot[e.index], e.score);
      }
      out.cut_units[p] = cut_of(list, lists.posting_depth[round_p]);
    });
  } else {
    out.cut_units.resize(V);
    for (std::int32_t v = 0; v < V; ++v) {
      const auto list = lists.of_veteran(ir.veteran_of[v]);
      for (const ShortlistEntry& e : list) {
        put(next[ir.posting_slot[e.index]]++, v, e.score);
      }
      out.cut_units[v] = cut_of(list, lists.veteran_depth);
    }
  }
  // Extra pairs, grouped by posting in their given order.
  std::vector<std::int64_t> at(extra_begin.begin(), extra_begin.end() - 1);
  std::vector<std::int32_t> order(extra.size());
  for (std::size_t i = 0; i < extra.size(); ++i) {
    order[at[extra[i].posting]++] = std::int32_t(i);
  }
  for (std::int32_t i : order) {
    const ScoredPair& pair = extra[i];
    put(next[pair.posting]++, pair.veteran, pair.score);
  }
  return out;
}

}  // namespace vetmatch
