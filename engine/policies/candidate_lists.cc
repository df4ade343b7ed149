#include "engine/policies/candidate_lists.h"

#include <tbb/parallel_for.h>

#include <algorithm>

namespace vetmatch {

CandidateLists::CandidateLists(const IndexedRound& ir,
                               const Shortlists& shortlists,
                               const ShortlistDepth& depth)
    : n_veterans_(ir.n_veterans),
      veteran_depth_(depth.veteran_k),
      postings_(ir.n_postings),
      posting_depth_(ir.n_postings, depth.posting_k) {
  own_offsets_.assign(n_veterans_ + 1, 0);
  for (std::int32_t v = 0; v < n_veterans_; ++v) {
    own_offsets_[v + 1] =
        own_offsets_[v] + shortlists.of_veteran(ir.veteran_of[v]).size();
  }
  own_arcs_.resize(own_offsets_.back());
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    std::size_t at = own_offsets_[v];
    for (const ShortlistEntry& e : shortlists.of_veteran(ir.veteran_of[v])) {
      own_arcs_[at++] = {ir.posting_slot[e.index], e.score.score};
    }
  });
  tbb::parallel_for(std::int32_t{0}, ir.n_postings, [&](std::int32_t p) {
    for (const ShortlistEntry& e : shortlists.of_posting(ir.posting_of[p])) {
      postings_[p].push_back({ir.veteran_slot[e.index], e.score.score});
    }
  });
}

void CandidateLists::set_posting_list(std::int32_t p, int depth,
                                      const std::vector<Rescored>& list) {
  posting_depth_[p] = depth;
  postings_[p].clear();
  for (const Rescored& r : list)
    postings_[p].push_back({r.slot, r.score.score});
}

bool CandidateLists::on_own_list(std::int32_t v, std::int32_t p,
                                 double score) const {
  if (veteran_complete(v)) return true;
  if (own_size(v) == 0) return false;
  const CandidateArc& last = own_arcs_[own_offsets_[v + 1] - 1];
  return score > last.score || (score == last.score && p <= last.posting);
}

CandidateGraph CandidateLists::graph() const {
  const std::int32_t m = static_cast<std::int32_t>(postings_.size());
  std::vector<std::uint32_t> extra(n_veterans_, 0);
  for (std::int32_t p = 0; p < m; ++p) {
    for (const PostingArc& a : postings_[p]) {
      if (!on_own_list(a.veteran, p, a.score)) ++extra[a.veteran];
    }
  }
  CandidateGraph g;
  g.offsets.assign(n_veterans_ + 1, 0);
  for (std::int32_t v = 0; v < n_veterans_; ++v) {
    g.offsets[v + 1] = g.offsets[v] + own_size(v) + extra[v];
  }
  g.arcs.resize(g.offsets.back());
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    const std::span<const CandidateArc> mine = own(v);
    std::copy(mine.begin(), mine.end(), g.arcs.begin() + g.offsets[v]);
  });
  // Extras after each own list, then each veteran's extras sorted.
  std::vector<std::size_t> cursor(n_veterans_);
  for (std::int32_t v = 0; v < n_veterans_; ++v) {
    cursor[v] = g.offsets[v] + own_size(v);
  }
  for (std::int32_t p = 0; p < m; ++p) {
    for (const PostingArc& a : postings_[p]) {
      if (!on_own_list(a.veteran, p, a.score)) {
        g.arcs[cursor[a.veteran]++] = {p, a.score};
      }
    }
  }
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    if (extra[v] < 2) return;
    std::sort(g.arcs.begin() + g.offsets[v] + own_size(v),
              g.arcs.begin() + g.offsets[v + 1],
              [](const CandidateArc& a, const CandidateArc& b) {
                return a.score > b.score ||
                       (a.score == b.score && a.posting < b.posting);
              });
  });
  return g;
}

}  // namespace vetmatch
