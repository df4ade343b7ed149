// Generated employers: enterprises, incubation bases and training bases in
// the proportions of Handan's promotion association (DOMAIN.md), each with
// an industry, a home county, a site and a size.
//
// Contract: make_employers(ctx) returns ctx.employer_count plans, ids
// "E0001".. in order; kind counts are exact: incubation bases
// round(n * 41 / 1118), training bases round(n * 255 / 1118), enterprises
// the rest.
#pragma once

#include <vector>

#include "datasets/generator/context.h"

namespace vetmatch::gen {

struct EmployerPlan {
  Employer employer;
  int industry = 0;  ///< Catalog industry index.
  int place = 0;     ///< Index into ctx.places.
  MicroPoint site;   ///< Where its postings usually are.
  int size = 1;      ///< Relative number of postings.
};

std::vector<EmployerPlan> make_employers(const Context& ctx);

}  // namespace vetmatch::gen
