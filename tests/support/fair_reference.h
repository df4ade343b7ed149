// Slow, obviously right references for the fair: the fit table from the
// brute-force scorer (tests/reference/brute_force.h), invite values, the
// plain (non-lazy) greedy and the exhaustive best invite choice.
//
// Contract: written from the text of engine/fair/fair_fits.h and
// engine/fair/invite.h only (no engine/fair function is called). Values
// count veterans and score units (engine/policies/optimal_costs.h's
// score_units, the documented unit).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/fair/fair.h"
#include "engine/round/round_result.h"

namespace vetmatch::test {

struct RefFit {
  std::int32_t unit = -1;
  PostingIndex posting = kNoPosting;
  PairScore score;
};

/// By VeteranIndex; each veteran's fits by unit ascending: the best
/// eligible posting of each booth (unit b) and pool entry (unit booths + e)
/// with score >= min_fit, equal scores to the lower posting id.
std::vector<std::vector<RefFit>> reference_fits(const Fair& fair);

/// Coverage and total fit (units) with the booths and the pool entries in
/// `chosen`.
struct InviteValue {
  std::int64_t covered = 0;
  std::int64_t fit_units = 0;
};
InviteValue invite_value(const Fair& fair,
                         const std::vector<std::vector<RefFit>>& fits,
                         const std::vector<std::int32_t>& chosen);

/// The primary objective of `objective` (coverage or fit units).
std::int64_t primary(const InviteValue& v, InviteObjective objective);

/// Plain greedy: each turn every entry's gain computed afresh from
/// invite_value, the best by (primary gain, secondary gain, lower employer
/// id); stops at `budget` or when the best gain is zero.
std::vector<std::int32_t> plain_greedy_invites(
    const Fair& fair, const std::vector<std::vector<RefFit>>& fits,
    std::int32_t budget, InviteObjective objective);

/// The largest primary value over every set of at most `budget` entries
/// (exhaustive: the pool must be small).
std::int64_t best_invite_value(const Fair& fair,
                               const std::vector<std::vector<RefFit>>& fits,
                               std::int32_t budget, InviteObjective objective);

}  // namespace vetmatch::test
