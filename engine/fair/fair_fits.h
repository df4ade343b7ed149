// The fit of every veteran with every booth and pool entry of a fair: the
// table `fair invite` and `fair plan` both work from.
//
// A "unit" is a booth (unit b, in the fair's booth order) or a pool entry
// (unit booths + e). fit(v, unit) is the best score, over the unit's
// postings, of an eligible pair (the hard rules of eligibility.h) whose
// score (scorer.h, exact double precision) is at least settings.min_fit;
// that posting is the fit's "why". Equal scores go to the posting with
// the lower id. A unit with no such posting is not in the veteran's list.
//
// Contract: entries of veteran v (VeteranIndex) are by unit ascending;
// every veteran has a (possibly empty) list. Built with one
// pairs_at_or_above() scan (engine/shortlist/pair_scan.h) over the fair's
// round, so the cost is a shortlist pass over veterans x postings plus the
// exact scoring of the pairs found. Same fair, same table, whatever the
// thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/fair/fair.h"
#include "engine/round/round_result.h"

namespace vetmatch {

struct UnitFit {
  std::int32_t unit = -1;
  PostingIndex posting = kNoPosting;
  PairScore score;
};

struct FairFits {
  std::int32_t booth_count = 0;
  std::int32_t unit_count = 0;       ///< booths + pool entries
  std::vector<std::size_t> offsets;  ///< by VeteranIndex, size veterans + 1
  std::vector<UnitFit> entries;

  std::int32_t veteran_count() const {
    return offsets.empty() ? 0 : std::int32_t(offsets.size() - 1);
  }
  std::span<const UnitFit> of(VeteranIndex v) const {
    return {entries.data() + offsets[v], offsets[v + 1] - offsets[v]};
  }
  bool is_booth(std::int32_t unit) const { return unit < booth_count; }
};

/// Preconditions: check_fair(fair) passes (it is called).
FairFits compute_fair_fits(const Fair& fair);

}  // namespace vetmatch
