// The textbook serial dictatorship that points_order must equal, couples
// included.
//
// Contract: veterans not taken before take turns in descending points, equal
// points by ascending id (byte-wise). At their turn a veteran takes the best
// (score desc, posting id asc) eligible posting (brute_force.h) that still
// has an opening. Each pick records its turn (1-based), its rank (1 + the
// number of postings eligible for the veteran at the start of the round that
// order strictly before it) and open_postings (those eligible postings that
// still had an opening at the start of the turn, the pick included). A
// veteran who gets nothing is unassigned: no_eligible_posting when nothing
// was eligible at the start, else eligible_postings_full. Assignments come
// in turn order, unassigned veterans in id order.
//
// Couples, when round.config.couples is together (two veterans naming each
// other as partner; a one-sided name is no couple):
//  * both in the round: at the turn of the one who comes first, every pair
//    (p, q) of postings with an opening, p eligible for the first and q for
//    the other, great-circle distance (brute_force.h) at most
//    couple_max_km, and two openings left when p == q, is looked at; the
//    largest score(first, p) + score(other, q) wins (that sum in double),
//    equal sums going to the smaller id of p, then of q. Both are assigned
//    at that turn (first, then other), each with their own rank and
//    open_postings; the other's own turn is skipped. No such pair: neither
//    is placed, each unassigned at that turn with no_eligible_posting or
//    eligible_postings_full when that is true of them, else
//    no_joint_placement.
//  * the partner taken in an earlier round (at posting P): at their own
//    turn the veteran takes the best eligible posting with an opening at
//    most couple_max_km from P; none such, but some open and eligible:
//    no_joint_placement.
// Quadratic time (and a product of two lists per couple): for tests only.
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
