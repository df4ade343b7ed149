// FairPlan -> plan file (JSON, "vetmatch": "fair_plan/1"): what the report
// and the staff's spreadsheets are made from.
//
// Contract: keys in a fixed order, one booth and one veteran route per
// line; ids, names and titles from the Fair; every planned pair with its
// score and why as in result files (6 decimals); the same plan gives the
// same bytes. With include_timings false, stats.seconds is left out, so two
// runs compare byte for byte. Schema: adapters/json/schema/
// fair_plan.schema.json.
#pragma once

#include <string>

#include "engine/fair/fair.h"
#include "engine/fair/plan.h"

namespace vetmatch {

struct PlanSeconds {
  double read = 0.0;
  double fits = 0.0;
  double plan = 0.0;
};

struct PlanWriteOptions {
  bool include_timings = true;
  PlanSeconds seconds;
};

std::string plan_to_json(const Fair& fair, const FairPlan& plan,
                         const PlanWriteOptions& options = {});

}  // namespace vetmatch
