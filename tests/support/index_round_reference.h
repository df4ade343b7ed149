// index_round() as it was before IndexedRoundBuilder (commit f375caa), kept
// as the reference the builder is tested against.
//
// Contract: reference_index_round(round) is that implementation, unchanged:
// slots in ascending id order, vocabularies numbered in byte-wise order,
// every array built record by record; since issue 5 it also leaves out
// veterans no longer looking and gives withdrawn postings no opening. Tests
// only.
#pragma once

#include "engine/model/round.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch::test {

/// Precondition: validate(round) is empty.
IndexedRound reference_index_round(const Round& round);

}  // namespace vetmatch::test
