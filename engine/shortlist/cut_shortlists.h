// Shortlists cut to a shallower depth.
//
// Contract: every list of the result is the first veteran_k (postings'
// side: posting_k) entries of the same list in `lists`. Lists are exact
// prefixes of the eligible pairs in the shortlists' order, so this equals
// building the lists at the shallower depth.
#pragma once

#include "engine/round/round_result.h"

namespace vetmatch {

Shortlists cut_shortlists(const Shortlists& lists, int veteran_k,
                          int posting_k);

}  // namespace vetmatch
