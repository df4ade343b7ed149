// Generated veterans and military spouses, as a veteran affairs office's
// ledger would list them (一人一台账): home county, specialty-based skills,
// certificates, education, wishes, placement points, priority flags and
// partners.
//
// Contract: make_veterans(ctx) returns ctx.spec.veterans veterans, ids
// "V000001".. in order; each has a region (then its location is the region's
// centre) or a precise location; partners are symmetric pairs of a
// veteran and a spouse who share a home.
#pragma once

#include <vector>

#include "datasets/generator/context.h"

namespace vetmatch::gen {

std::vector<Veteran> make_veterans(const Context& ctx);

}  // namespace vetmatch::gen
