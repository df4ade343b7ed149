// The candidate graph `stable` runs deferred acceptance on, kept as the
// two sides' lists it is made of.
//
// Contract: a veteran's own list is a prefix of their preference list
// (score desc, posting slot asc) of its depth, or all their eligible
// postings when shorter (complete); a posting's list is a prefix of its
// veterans by score (desc, veteran slot asc) of its own depth, or all its
// eligible veterans when shorter. The graph is every veteran's own list
// followed by the posting-list arcs not on it (own_count[v] tells where
// they start), each veteran's in preference order, no posting twice.
// Lists only ever get deeper; update() brings a graph up to date by
// redoing only the veterans a deepening touched. Everything is in slot
// space.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/policies/deferred_acceptance.h"
#include "engine/policies/policy.h"
#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/rescore.h"

namespace vetmatch {

/// One veteran on a posting's list.
struct PostingArc {
  std::int32_t veteran = -1;  ///< slot
  double score = 0.0;
};

class CandidateLists {
 public:
  /// From shortlists (Round index space) built at `depth`.
  CandidateLists(const IndexedRound& ir, const Shortlists& shortlists,
                 const ShortlistDepth& depth);

  std::span<const CandidateArc> own(std::int32_t v) const {
    if (deeper_index_[v] >= 0) return deeper_own_[deeper_index_[v]];
    return {own_arcs_.data() + own_offsets_[v],
            own_offsets_[v + 1] - own_offsets_[v]};
  }
  std::size_t own_size(std::int32_t v) const { return own(v).size(); }
  int veteran_depth(std::int32_t v) const {
    return deeper_index_[v] >= 0 ? deeper_depth_[deeper_index_[v]]
                                 : veteran_depth_;
  }
  /// The own list holds every eligible posting.
  bool veteran_complete(std::int32_t v) const {
    return own_size(v) < static_cast<std::size_t>(veteran_depth(v));
  }
  /// Replaces veteran v's own list by a deeper one (Rescored: posting
  /// slots).
  void set_own_list(std::int32_t v, int depth,
                    const std::vector<Rescored>& list);

  std::span<const PostingArc> of_posting(std::int32_t p) const {
    return postings_[p];
  }
  int posting_depth(std::int32_t p) const { return posting_depth_[p]; }
  bool posting_complete(std::int32_t p) const {
    return postings_[p].size() < static_cast<std::size_t>(posting_depth_[p]);
  }
  /// Replaces posting p's list by a deeper one (Rescored: veteran slots).
  void set_posting_list(std::int32_t p, int depth,
                        const std::vector<Rescored>& list);

  /// Whether (v, p) with this score is on v's own list.
  bool on_own_list(std::int32_t v, std::int32_t p, double score) const;

  /// The graph of the lists as they are; own_count is filled.
  CandidateGraph graph();
  /// `graph` (this object's graph before the set_*_list calls since) made
  /// the graph of the lists as they are now.
  void update(CandidateGraph& graph);

 private:
  std::int32_t n_veterans_ = 0;
  int veteran_depth_ = 0;
  std::vector<std::size_t> own_offsets_;
  std::vector<CandidateArc> own_arcs_;
  // Own lists deepened since: veteran -> index into these, or -1.
  std::vector<std::int32_t> deeper_index_;
  std::vector<std::vector<CandidateArc>> deeper_own_;
  std::vector<int> deeper_depth_;
  std::vector<std::vector<PostingArc>> postings_;
  std::vector<int> posting_depth_;
  // Since the last graph: veterans whose own list changed, and posting
  // arcs added by deeper posting lists (posting, arc).
  std::vector<std::int32_t> changed_own_;
  std::vector<std::pair<std::int32_t, PostingArc>> added_;
  CandidateGraph spare_;  ///< the buffers update() builds into
};

}  // namespace vetmatch
