// Cutting built shortlists back to shorter lengths, exactly.
//
// Contract: truncate_shortlists(lists, veteran_k, posting_k) keeps the
// first veteran_k entries of every veteran's list and the first posting_k
// of every posting's, and sets the recorded depths to those k (lists that
// were shorter stay whole and remain complete). Lists are top-k under a
// strict total order (score desc, id asc), so the result equals building
// with the smaller k. Used by run_round when a policy asked for deeper
// lists than the config's (policy.h, policy_shortlist_options).
#pragma once

#include "engine/round/round_result.h"

namespace vetmatch {

void truncate_shortlists(Shortlists& lists, int veteran_k, int posting_k);

}  // namespace vetmatch
