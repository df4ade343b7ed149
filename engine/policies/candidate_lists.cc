#include "engine/policies/candidate_lists.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <limits>

namespace vetmatch {

CandidateLists::CandidateLists(const IndexedRound& ir,
                               const Shortlists& shortlists,
                               const ShortlistDepth& depth)
    : n_veterans_(ir.n_veterans),
      veteran_depth_(depth.veteran_k),
      deeper_index_(ir.n_veterans, -1),
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
  // A deeper list starts with the old one (both exact prefixes).
  const std::size_t old_size = postings_[p].size();
  postings_[p].clear();
  for (const Rescored& r : list) {
    postings_[p].push_back({r.slot, r.score.score});
  }
  for (std::size_t i = old_size; i < postings_[p].size(); ++i) {
    added_.push_back({p, postings_[p][i]});
  }
}

void CandidateLists::set_own_list(std::int32_t v, int depth,
                                  const std::vector<Rescored>& list) {
  if (deeper_index_[v] < 0) {
    deeper_index_[v] = static_cast<std::int32_t>(deeper_own_.size());
    deeper_own_.emplace_back();
    deeper_depth_.push_back(0);
  }
  std::vector<CandidateArc>& arcs = deeper_own_[deeper_index_[v]];
  arcs.clear();
  for (const Rescored& r : list) arcs.push_back({r.slot, r.score.score});
  deeper_depth_[deeper_index_[v]] = depth;
  changed_own_.push_back(v);
}

bool CandidateLists::on_own_list(std::int32_t v, std::int32_t p,
                                 double score) const {
  if (veteran_complete(v)) return true;
  const std::span<const CandidateArc> mine = own(v);
  if (mine.empty()) return false;
  const CandidateArc& last = mine.back();
  return score > last.score || (score == last.score && p <= last.posting);
}

CandidateGraph CandidateLists::graph() {
  const std::int32_t m = static_cast<std::int32_t>(postings_.size());
  // Each veteran's own list's end (what on_own_list() compares with), in
  // one compact array: the passes below look it up once per posting arc.
  struct OwnEnd {
    double score;
    std::int32_t posting;  ///< -1: nothing is on the list; m: everything
  };
  std::vector<OwnEnd> end(n_veterans_);
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    const std::span<const CandidateArc> mine = own(v);
    if (veteran_complete(v)) {
      end[v] = {-std::numeric_limits<double>::infinity(), m};
    } else if (mine.empty()) {
      end[v] = {std::numeric_limits<double>::infinity(), -1};
    } else {
      end[v] = {mine.back().score, mine.back().posting};
    }
  });
  auto extra_arc = [&](const PostingArc& a, std::int32_t p) {
    const OwnEnd& e = end[a.veteran];
    return !(a.score > e.score || (a.score == e.score && p <= e.posting));
  };

  std::vector<std::uint32_t> extra(n_veterans_, 0);
  tbb::parallel_for(std::int32_t{0}, m, [&](std::int32_t p) {
    for (const PostingArc& a : postings_[p]) {
      if (extra_arc(a, p)) {
        std::atomic_ref<std::uint32_t>(extra[a.veteran])
            .fetch_add(1, std::memory_order_relaxed);
      }
    }
  });
  CandidateGraph g;
  g.offsets.assign(n_veterans_ + 1, 0);
  for (std::int32_t v = 0; v < n_veterans_; ++v) {
    g.offsets[v + 1] = g.offsets[v] + own_size(v) + extra[v];
  }
  g.arcs.resize(g.offsets.back());
  // Own lists first; each veteran's extras after them, in any order, then
  // sorted (a strict order: no posting twice), so the thread count never
  // shows.
  std::vector<std::size_t> cursor(n_veterans_);
  g.own_count.resize(n_veterans_);
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    const std::span<const CandidateArc> mine = own(v);
    std::copy(mine.begin(), mine.end(), g.arcs.begin() + g.offsets[v]);
    cursor[v] = g.offsets[v] + mine.size();
    g.own_count[v] = static_cast<std::uint32_t>(mine.size());
  });
  tbb::parallel_for(std::int32_t{0}, m, [&](std::int32_t p) {
    for (const PostingArc& a : postings_[p]) {
      if (extra_arc(a, p)) {
        const std::size_t at = std::atomic_ref<std::size_t>(cursor[a.veteran])
                                   .fetch_add(1, std::memory_order_relaxed);
        g.arcs[at] = {p, a.score};
      }
    }
  });
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    if (extra[v] < 2) return;
    std::sort(g.arcs.begin() + g.offsets[v + 1] - extra[v],
              g.arcs.begin() + g.offsets[v + 1],
              [](const CandidateArc& a, const CandidateArc& b) {
                return a.score > b.score ||
                       (a.score == b.score && a.posting < b.posting);
              });
  });
  changed_own_.clear();
  added_.clear();
  return g;
}

void CandidateLists::update(CandidateGraph& graph) {
  // Touched veterans: their own list changed or a deeper posting list
  // added arcs for them.
  std::vector<std::int32_t> touched = changed_own_;
  for (const auto& [p, arc] : added_) touched.push_back(arc.veteran);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::sort(added_.begin(), added_.end(), [](const auto& a, const auto& b) {
    return a.second.veteran < b.second.veteran;
  });
  // A touched veteran's extras: the old ones not now on their own list,
  // and the added ones not on it, in preference order.
  std::vector<std::vector<CandidateArc>> extras(touched.size());
  tbb::parallel_for(std::size_t{0}, touched.size(), [&](std::size_t i) {
    const std::int32_t v = touched[i];
    std::vector<CandidateArc>& mine = extras[i];
    for (std::size_t a = graph.offsets[v] + graph.own_count[v];
         a < graph.offsets[v + 1]; ++a) {
      const CandidateArc& arc = graph.arcs[a];
      if (!on_own_list(v, arc.posting, arc.score)) mine.push_back(arc);
    }
    auto it = std::lower_bound(
        added_.begin(), added_.end(), v,
        [](const auto& e, std::int32_t x) { return e.second.veteran < x; });
    for (; it != added_.end() && it->second.veteran == v; ++it) {
      if (!on_own_list(v, it->first, it->second.score)) {
        mine.push_back({it->first, it->second.score});
      }
    }
    std::sort(mine.begin(), mine.end(),
              [](const CandidateArc& a, const CandidateArc& b) {
                return a.score > b.score ||
                       (a.score == b.score && a.posting < b.posting);
              });
  });

  CandidateGraph& g = spare_;
  g.offsets.resize(n_veterans_ + 1);
  g.own_count.resize(n_veterans_);
  g.offsets[0] = 0;
  std::vector<std::int32_t> touched_index(n_veterans_, -1);
  for (std::size_t i = 0; i < touched.size(); ++i) {
    touched_index[touched[i]] = static_cast<std::int32_t>(i);
  }
  for (std::int32_t v = 0; v < n_veterans_; ++v) {
    const std::int32_t i = touched_index[v];
    if (i >= 0) {
      g.own_count[v] = static_cast<std::uint32_t>(own_size(v));
      g.offsets[v + 1] = g.offsets[v] + own_size(v) + extras[i].size();
    } else {
      g.own_count[v] = graph.own_count[v];
      g.offsets[v + 1] =
          g.offsets[v] + (graph.offsets[v + 1] - graph.offsets[v]);
    }
  }
  g.arcs.resize(g.offsets.back());
  tbb::parallel_for(std::int32_t{0}, n_veterans_, [&](std::int32_t v) {
    const std::int32_t i = touched_index[v];
    if (i >= 0) {
      const std::span<const CandidateArc> mine = own(v);
      const auto out =
          std::copy(mine.begin(), mine.end(), g.arcs.begin() + g.offsets[v]);
      std::copy(extras[i].begin(), extras[i].end(), out);
    } else {
      std::copy(graph.arcs.begin() + graph.offsets[v],
                graph.arcs.begin() + graph.offsets[v + 1],
                g.arcs.begin() + g.offsets[v]);
    }
  });
  std::swap(graph, g);
  changed_own_.clear();
  added_.clear();
}

}  // namespace vetmatch
