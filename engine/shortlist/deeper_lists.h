// Exact lists for a few chosen postings (their veterans) or chosen
// veterans (their postings), each to a depth of its own: how `stable`
// deepens the lists whose certificate failed without running the whole
// shortlist pass again.
//
// Contract: for each request (owner slot, depth k) the result holds the
// owner's k best eligible partners (eligibility.h) by the exact score of
// pair_eval.h (bit for bit), score desc, partner slot asc, with their
// exact components; fewer when fewer are eligible. So a posting's list
// equals the first k entries of build_shortlists()'s list at
// posting_k >= k, and likewise for a veteran's.
// Method: the other side is cut into blocks of consecutive slots, each
// with its bounding sphere (spatial_order.h). For each block the requests
// whose best possible score there (skill 1, preference 1, the location
// term at the block's nearest point) can still enter their list are
// multiplied with the block's float skill rows (Eigen, straight from the
// index's dense matrix when it has one); a pair whose float skill is too
// low for the list's threshold is skipped, the others' float estimates
// (pair_eval.h, with their proven error bound) are offered to the owner's
// candidate list (candidate_list.h); the candidates are rescored exactly
// (rescore.h). Work: 2 d floating-point operations per pair of a request
// and a partner (d skill columns), less where blocks lie too far to
// matter (slots in id order: only when ids follow places), in parallel
// over blocks.
// Same input, same output, whatever the thread count.
#pragma once

#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <span>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/rescore.h"
#include "engine/shortlist/spatial_order.h"

namespace vetmatch {

struct DepthRequest {
  std::int32_t owner = -1;  ///< posting slot or veteran slot
  int depth = 0;
};

class ListDeepener {
 public:
  /// Keeps a reference to `ir`; the spatial blocks of each side are made
  /// on first use.
  explicit ListDeepener(const IndexedRound& ir);

  /// For posting slots: their best veterans (Rescored::slot a veteran
  /// slot). One list per request, in the requests' order.
  std::vector<std::vector<Rescored>> posting_lists(
      std::span<const DepthRequest> requests);
  /// For veteran slots: their best postings (Rescored::slot a posting slot).
  std::vector<std::vector<Rescored>> veteran_lists(
      std::span<const DepthRequest> requests);

  /// One side cut into blocks of consecutive slots.
  struct Blocks {
    bool built = false;
    std::vector<BoundingSphere> sphere;
  };

 private:
  std::vector<std::vector<Rescored>> lists(
      bool owners_are_postings, std::span<const DepthRequest> requests);

  const IndexedRound& ir_;
  tbb::enumerable_thread_specific<Rescorer> rescorers_;
  Blocks veteran_blocks_;
  Blocks posting_blocks_;
};

}  // namespace vetmatch
