// Fair -> fair file (JSON, "vetmatch": "fair/1"), for `vetmatch fair
// generate`; and the fair's description object that the plan and invite
// files repeat.
//
// Contract: fair_to_json() names every veteran and posting by id, so the
// fair's records must all come from the round file `round_ref` names (the
// generator's case). It writes no "config" (the round file's applies) and
// the settings in full. Booths give interviewers, hours and
// interviews_per_hour when they have them, else capacity; visit_limits
// only for veterans whose limit differs from the default. Reading the text
// back with the same round file gives the same Fair. Same fair, same bytes.
#pragma once

#include <string>

#include "adapters/json/json_line_writer.h"
#include "engine/fair/fair.h"

namespace vetmatch {

std::string fair_to_json(const Fair& fair, const std::string& round_ref);

/// {"id", "name", "venue", "region", "location", "date", "hours"}: keys the
/// fair gives, in that order ("location" whenever a place is known).
void write_fair_event(JsonLineWriter& w, const FairEvent& event);

}  // namespace vetmatch
