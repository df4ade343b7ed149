// The textbook serial dictatorship that points_order must equal.
//
// Contract: veterans not taken before take turns in descending points, equal
// points by ascending id (byte-wise). At their turn a veteran takes the best
// (score desc, posting id asc) eligible posting (brute_force.h) that still
// has an opening. Each pick records its turn (1-based), its rank (1 + the
// number of postings eligible for the veteran at the start of the round that
// order strictly before it) and open_postings (those eligible postings that
// still had an opening at the turn, the pick included). A veteran who gets
// nothing is unassigned: no_eligible_posting when nothing was eligible at
// the start, else eligible_postings_full. Assignments come in turn order,
// unassigned veterans in id order. Quadratic time: for tests only.
#pragma once

#include <vector>

#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch::test {

struct ReferenceOutcome {
  std::vector<Assignment> assignments;
  std::vector<Unassigned> unassigned;
};

ReferenceOutcome reference_points_order(const Round& round);

}  // namespace vetmatch::test
