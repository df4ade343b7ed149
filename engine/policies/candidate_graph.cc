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
  const bool postings_left = side == CandidateSide::kPostings;
  const std::int32_t L = postings_left ? ir.n_postings : ir.n_veterans;
  const std::int32_t R = postings_left ? ir.n_veterans : ir.n_postings;
  const std::vector<Openings> unit(std::size_t(postings_left ? R : L), 1);
  const std::vector<Openings>& open = ir.posting_open;

  CandidateGraph out;
  out.side = side;
  BMatchingGraph& g = out.graph;
  g.left_count = L;
  g.right_count = R;
  g.left_capacity.assign((postings_left ? open : unit).begin(),
                         (postings_left ? open : unit).end());
  g.right_capacity.assign((postings_left ? unit : open).begin(),
                          (postings_left ? unit : open).end());

  // The list of left node l, and the other side's slot of an entry.
  auto list_of = [&](std::int32_t l) {
    return postings_left ? lists.of_posting(ir.posting_of[l])
                         : lists.of_veteran(ir.veteran_of[l]);
  };
  auto right_of = [&](const ShortlistEntry& e) {
    return postings_left ? ir.veteran_slot[e.index] : ir.posting_slot[e.index];
  };
  auto left_of = [&](const ScoredPair& pair) {
    return postings_left ? pair.posting : pair.veteran;
  };

  std::vector<std::int64_t> extra_begin(std::size_t(L) + 1, 0);
  for (const ScoredPair& pair : extra) ++extra_begin[left_of(pair) + 1];
  for (std::int32_t l = 0; l < L; ++l) extra_begin[l + 1] += extra_begin[l];
  std::vector<std::int32_t> extra_order(extra.size());
  {
    std::vector<std::int64_t> at(extra_begin.begin(), extra_begin.end() - 1);
    for (std::size_t i = 0; i < extra.size(); ++i) {
      extra_order[at[left_of(extra[i])]++] = std::int32_t(i);
    }
  }
  g.arc_begin.assign(std::size_t(L) + 1, 0);
  for (std::int32_t l = 0; l < L; ++l) {
    g.arc_begin[l + 1] = g.arc_begin[l] + std::int64_t(list_of(l).size()) +
                         (extra_begin[l + 1] - extra_begin[l]);
  }
  const std::int64_t arcs = g.arc_begin.back();
  g.arc_right.resize(arcs);
  g.arc_weight.resize(arcs);
  out.arc_source.resize(arcs);
  out.list_entries = postings_left ? lists.posting_entries.data()
                                   : lists.veteran_entries.data();
  out.extra.assign(extra.begin(), extra.end());
  out.cut_units.resize(L);
  const std::int32_t depth_of_veterans = lists.veteran_depth;
  tbb::parallel_for(std::int32_t{0}, L, [&](std::int32_t l) {
    std::int64_t a = g.arc_begin[l];
    auto put = [&](std::int32_t r, double score, std::int64_t source) {
      g.arc_right[a] = r;
      g.arc_weight[a] = placement_bonus + score_units(score);
      out.arc_source[a] = source;
      ++a;
    };
    const auto list = list_of(l);
    for (const ShortlistEntry& e : list) {
      put(right_of(e), e.score.score, &e - out.list_entries);
    }
    for (std::int64_t i = extra_begin[l]; i < extra_begin[l + 1]; ++i) {
      const ScoredPair& pair = extra[extra_order[i]];
      put(postings_left ? pair.veteran : pair.posting, pair.score.score,
          -1 - std::int64_t(extra_order[i]));
    }
    out.cut_units[l] =
        cut_of(list, postings_left ? lists.posting_depth[ir.posting_of[l]]
                                   : depth_of_veterans);
  });
  return out;
}

namespace {

// Keeps the arcs (veteran v, posting p) with keep(v, p), in their order.
template <class Keep>
void keep_arcs(CandidateGraph& graph, Keep keep) {
  BMatchingGraph& g = graph.graph;
  const bool postings_left = graph.postings_left();
  std::int64_t kept = 0;
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    const std::int64_t begin = g.arc_begin[l], end = g.arc_begin[l + 1];
    g.arc_begin[l] = kept;
    for (std::int64_t a = begin; a < end; ++a) {
      const std::int32_t v = postings_left ? g.arc_right[a] : l;
      const std::int32_t p = postings_left ? l : g.arc_right[a];
      if (!keep(v, p)) continue;
      g.arc_right[kept] = g.arc_right[a];
      g.arc_weight[kept] = g.arc_weight[a];
      graph.arc_source[kept] = graph.arc_source[a];
      ++kept;
    }
  }
  g.arc_begin[g.left_count] = kept;
  g.arc_right.resize(kept);
  g.arc_weight.resize(kept);
  graph.arc_source.resize(kept);
}

}  // namespace

void drop_disallowed_arcs(CandidateGraph& graph,
                          const PartnerAnchors& anchors) {
  if (!anchors.any()) return;
  keep_arcs(graph, [&](std::int32_t v, std::int32_t p) {
    return anchors.allows(v, p);
  });
}

void restrict_candidate_graph(CandidateGraph& graph,
                              const std::vector<std::uint8_t>& veteran_out,
                              const std::vector<Openings>& openings) {
  keep_arcs(graph,
            [&](std::int32_t v, std::int32_t) { return !veteran_out[v]; });
  BMatchingGraph& g = graph.graph;
  std::vector<std::int32_t>& capacity =
      graph.postings_left() ? g.left_capacity : g.right_capacity;
  capacity.assign(openings.begin(), openings.end());
}

}  // namespace vetmatch
