// InviteResult -> invite file (JSON, "vetmatch": "fair_invite/1"): the
// enterprises `fair invite` chose, in turn order, with the veterans each
// serves.
//
// Contract: keys in a fixed order, one chosen enterprise per line; ids,
// names and titles from the Fair; scores and why as in result files (6
// decimals); fit sums as scores (units / 2^20). stats carries the greedy
// guarantee (1 - 1/e) and the instance's proven ratio gain / gain_bound.
// With include_timings false, stats.seconds is left out. Same result, same
// bytes. Schema: adapters/json/schema/fair_invite.schema.json.
#pragma once

#include <string>

#include "engine/fair/fair.h"
#include "engine/fair/invite.h"

namespace vetmatch {

struct InviteWriteOptions {
  bool include_timings = true;
  double read_seconds = 0.0;
  double fits_seconds = 0.0;
  double invite_seconds = 0.0;
};

std::string invite_to_json(const Fair& fair, const InviteResult& result,
                           const InviteWriteOptions& options = {});

}  // namespace vetmatch
