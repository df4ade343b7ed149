// Generated veterans and military spouses, as a veteran affairs office's
// ledger would list them (一人一台账): home county, military specialties,
// civilian occupations held, a few free skill tags, certificates,
// education, wishes, placement points, priority flags and partners.
//
// Contract: make_household(ctx, h) appends veterans number 2h and 2h + 1
// (0-based; only 2h when it is the last, ids "V000001".. by number + 1),
// drawn from household h's own Rng: a pure function of the context and h.
// A couple is a veteran and the spouse who followed them, on adjacent
// numbers, with symmetric partner ids and the same home. Each veteran has a
// region (then its location is the region's centre) or a precise location,
// and something to match on (a specialty, an occupation or a tag).
#pragma once

#include <cstdint>
#include <vector>

#include "datasets/generator/context.h"

namespace vetmatch::gen {

void make_household(const Context& ctx, std::int64_t household,
                    std::vector<Veteran>& out);

}  // namespace vetmatch::gen
