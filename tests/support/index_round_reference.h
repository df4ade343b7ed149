// index_round() as it was before IndexedRoundBuilder (commit f375caa), kept
// verbatim as the reference the builder is tested against.
//
// Contract: reference_index_round(round) is that implementation, unchanged:
// slots in ascending id order, vocabularies numbered in byte-wise order,
// every array built record by record. Tests only.
#pragma once

#include "engine/model/round.h"
#include "engine/scoring/indexed_round.h"

namespace vetmatch::test {

/// Precondition: validate(round) is empty.
IndexedRound reference_index_round(const Round& round);

}  // namespace vetmatch::test
