// Entry point for both-way shortlists: for each veteran the top-k eligible
// postings, for each posting the top-k eligible veterans.
//
// Contract: the result equals scoring every pair with scorer.h, keeping the
// eligible ones (eligibility.h) and sorting (score desc, id asc): exact,
// not approximate. The N x M score matrix never exists: veterans are taken
// in fixed blocks (tbb::parallel_for), each block is multiplied against
// each posting block in float (Eigen), and a pair reaches the exact
// double-precision scorer only when its float estimate plus a proven error
// bound could still enter a list (see pair_eval.h). Same input, same
// output, whatever the thread count. Memory: the inputs, the outputs, and
// per thread one score block plus one top-k per posting.
#pragma once

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/util/progress.h"

namespace vetmatch {

/// Lists are returned in Round index space (see Shortlists).
Shortlists build_shortlists(const IndexedRound& ir, int veteran_k,
                            int posting_k, const ProgressFn& progress = {});

}  // namespace vetmatch
