// Generated postings: jobs from enterprises, incubation slots from
// incubation bases, training places from training bases, each in terms of
// an occupation (a CSCO 2022 code, sometimes the O*NET-SOC code it maps to)
// offered in the employer's industry.
//
// Contract: assign_owners(ctx, plans) says which employer offers each
// posting: every employer at least one (while postings last), the rest by
// size, shuffled; a pure function of the context. make_posting(ctx, plan,
// employer, number) is posting `number` (0-based, id "P00001".. by
// number + 1), drawn from its own Rng: its kind matches its employer's
// kind, it has a location or a region (resolved to the region's centre),
// 1-20 openings, and never both veterans_only and spouses_welcome.
#pragma once

#include <cstdint>
#include <vector>

#include "datasets/generator/context.h"
#include "datasets/generator/employers.h"

namespace vetmatch::gen {

std::vector<int> assign_owners(const Context& ctx,
                               const std::vector<EmployerPlan>& plans);

Posting make_posting(const Context& ctx, const EmployerPlan& plan,
                     const Employer& employer, std::int64_t number);

}  // namespace vetmatch::gen
