// Exact lists of veterans for a few chosen postings, each to a depth of its
// own: how `stable` deepens the postings whose certificate failed without
// running the whole shortlist pass again.
//
// Contract: for each request (posting slot p, depth k) the result holds
// posting p's k best eligible veterans (eligibility.h) by the exact score
// of pair_eval.h (bit for bit), score desc, veteran slot asc, with their
// exact components; fewer when fewer are eligible. So it equals the first
// k entries of build_shortlists()'s list for p at posting_k >= k.
// Method: the chosen postings' float skill rows are multiplied with blocks
// of veterans (Eigen), each pair's float estimate (pair_eval.h, with its
// proven error bound) is offered to the posting's candidate list
// (candidate_list.h) unless a bound shows it cannot enter, and the
// candidates are rescored exactly (rescore.h). Work: about 2 d N
// floating-point operations per chosen posting (d skill columns,
// N veterans), in parallel over blocks of veterans. Same input, same
// output, whatever the thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/rescore.h"

namespace vetmatch {

struct DepthRequest {
  std::int32_t posting = -1;  ///< slot
  int depth = 0;
};

/// One list per request, in the requests' order; entries' `slot` is the
/// veteran slot.
std::vector<std::vector<Rescored>> deeper_posting_lists(
    const IndexedRound& ir, std::span<const DepthRequest> requests);

}  // namespace vetmatch
