// Generated postings: jobs from enterprises, incubation slots from
// incubation bases, training places from training bases.
//
// Contract: make_postings(ctx, employers) returns ctx.spec.postings
// postings, ids "P00001".. in order; every employer has at least one; every
// posting's kind matches its employer's kind, it has a location or a region
// (resolved to the region's centre), 1-20 openings, and never both
// veterans_only and spouses_welcome.
#pragma once

#include <vector>

#include "datasets/generator/context.h"
#include "datasets/generator/employers.h"

namespace vetmatch::gen {

std::vector<Posting> make_postings(const Context& ctx,
                                   const std::vector<EmployerPlan>& employers);

}  // namespace vetmatch::gen
