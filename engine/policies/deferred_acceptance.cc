#include "engine/policies/deferred_acceptance.h"

#include <algorithm>

namespace vetmatch {

DeferredAcceptanceOutcome deferred_acceptance(
    const CandidateGraph& graph, std::span<const Openings> capacity,
    PostingRanking ranking, std::span<const double> points,
    const PartnerAnchors* anchors) {
  const std::int32_t n = graph.veteran_count();
  const std::size_t m = capacity.size();

  // Each posting holds at most min(capacity, arcs into it) veterans: its
  // held set is a heap (worst first) in one flat array.
  std::vector<std::size_t> heap_offset(m + 1, 0);
  for (const CandidateArc& a : graph.arcs) ++heap_offset[a.posting + 1];
  for (std::size_t p = 0; p < m; ++p) {
    const std::size_t in = heap_offset[p + 1];
    heap_offset[p + 1] =
        heap_offset[p] +
        std::min<std::size_t>(
            in, static_cast<std::size_t>(std::max<Openings>(capacity[p], 0)));
  }
  std::vector<RankKey> held(heap_offset[m]);
  std::vector<std::size_t> held_count(m, 0);

  DeferredAcceptanceOutcome out;
  out.held_arc.assign(n, -1);
  std::vector<std::size_t> next(graph.offsets.begin(),
                                graph.offsets.end() - (n > 0 ? 1 : 0));
  std::vector<std::int32_t> free;
  free.reserve(n);
  for (std::int32_t v = n - 1; v >= 0; --v) free.push_back(v);

  while (!free.empty()) {
    const std::int32_t v = free.back();
    free.pop_back();
    const std::size_t end = graph.offsets[v + 1];
    while (next[v] < end) {
      const std::size_t a = next[v]++;
      const CandidateArc& arc = graph.arcs[a];
      const std::size_t p = static_cast<std::size_t>(arc.posting);
      if (anchors != nullptr && !anchors->allows(v, arc.posting)) continue;
      ++out.proposals;
      const std::size_t cap = heap_offset[p + 1] - heap_offset[p];
      if (cap == 0) continue;
      RankKey* heap = held.data() + heap_offset[p];
      const RankKey key = posting_rank_key(ranking, v, arc.score, points);
      if (held_count[p] < cap) {
        heap[held_count[p]++] = key;
        std::push_heap(heap, heap + held_count[p], rank_before);
      } else if (rank_before(key, heap[0])) {
        const std::int32_t displaced = heap[0].veteran;
        std::pop_heap(heap, heap + cap, rank_before);
        heap[cap - 1] = key;
        std::push_heap(heap, heap + cap, rank_before);
        out.held_arc[displaced] = -1;
        free.push_back(displaced);
      } else {
        continue;
      }
      out.held_arc[v] = static_cast<std::int64_t>(a);
      break;
    }
  }
  return out;
}

}  // namespace vetmatch
