// The textbook veteran-proposing deferred acceptance that `stable` must
// equal, and the brute-force count of blocking pairs.
//
// Contract: written from the problem statement in engine/policies/stable.h
// and the config's PostingRanking only, on brute_force.h's eligibility and
// scores; every pair is looked at. Veterans rank their eligible postings by
// score desc, posting id asc (byte-wise); a posting ranks veterans by the
// pair's score (kScore) or placement points (kPoints), desc, then veteran
// id asc. Pairs the couples rule across rounds leaves out
// (reference_anchors.h) are not eligible here. Free veterans propose in id
// order to their next posting; a
// posting holds its best proposers up to its openings left. Quadratic
// time and more: for tests only.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch::test {

/// Per Round veteran index: the posting they are placed at, or -1
/// (unplaced, or taken in an earlier round).
using Placement = std::vector<PostingIndex>;

Placement reference_deferred_acceptance(const Round& round,
                                        PostingRanking ranking);

/// Eligible pairs (v, p), v not taken, where v prefers p to their posting
/// (or has none) and p has an opening left or prefers v to its worst
/// assignee. Veterans flagged in `skip` (by Round index; may be empty)
/// are left out as the pair's veteran (they still count as assignees).
std::int64_t reference_blocking_pairs(const Round& round,
                                      const Placement& placement,
                                      PostingRanking ranking,
                                      const std::vector<bool>& skip = {});

/// The same, per veteran (Round index): how many blocking pairs each is in.
std::vector<std::int64_t> reference_blocking_pairs_by_veteran(
    const Round& round, const Placement& placement, PostingRanking ranking,
    const std::vector<bool>& skip = {});

/// Couples of the round: two veterans, neither taken, naming each other;
/// the lower id first; in order of that id.
std::vector<std::pair<VeteranIndex, VeteranIndex>> reference_couples(
    const Round& round);

/// The couples (as reference_couples gives them) that block `placement`:
/// some pair of postings (p1 for the first partner, p2 for the second),
/// each eligible for its partner, at most max_km apart (great-circle,
/// brute_force.h), p1 != p2 or p1 with two openings left, that the couple
/// ranks above its own pair (sum of the two scores desc, then p1's id,
/// then p2's; any pair when unplaced), and where, with the couple out of
/// its postings, p1 would take the first partner and p2 the second (both,
/// when p1 == p2).
std::vector<std::pair<VeteranIndex, VeteranIndex>> reference_blocking_couples(
    const Round& round, const Placement& placement, PostingRanking ranking,
    double max_km);

/// True when posting p prefers veteran a to veteran b.
bool reference_posting_prefers(const Round& round, PostingRanking ranking,
                               PostingIndex p, VeteranIndex a, VeteranIndex b);

}  // namespace vetmatch::test
