// GoogleTest checks on both-way shortlists, shared by the shortlist tests.
//
// Contract: each check reports through GoogleTest (ADD_FAILURE / EXPECT),
// naming the list's owner by id, the entry's position and the ids on both
// sides of the first difference in each list; after kReportedLists differing
// lists it only counts them. Callers add the instance's context (seed,
// family, threads, ...) with SCOPED_TRACE.
#pragma once

#include <string>

#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch::test {

/// Lists that differ past this many are counted, not described.
inline constexpr int kReportedLists = 8;

/// "score 0.5 (skill ..., location ..., preference ..., distance_km ...)",
/// at full precision.
std::string describe(const PairScore& s);

/// Every score field equal bit for bit (so 0.0 and -0.0 differ).
bool bitwise_equal(const PairScore& a, const PairScore& b);

/// `engine` equals `reference` (shortlists of `round`): same lists, same
/// entries in the same order, every score field within `tolerance`.
/// Returns the number of differing lists (0 when equal).
int expect_shortlists_match(const Round& round, const Shortlists& engine,
                            const Shortlists& reference, double tolerance);

/// `a` and `b` are byte-identical: same offsets, same indices, every score
/// field bitwise equal. Messages call them `a_name` and `b_name`. Returns
/// the number of differing lists.
int expect_shortlists_identical(const Round& round, const Shortlists& a,
                                const Shortlists& b,
                                const std::string& a_name = "first",
                                const std::string& b_name = "second");

}  // namespace vetmatch::test
