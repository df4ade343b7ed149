// Round -> round file (JSON, "vetmatch": "round/1"), used by `generate`.
//
// Contract: the output reads back (read_round_string) to an equal Round;
// keys are written in a fixed order and numbers in a fixed format, so the
// same Round always gives the same bytes. A veteran or posting with a region
// code is written with "region", otherwise with "location".
#pragma once

#include <string>

#include "engine/model/round.h"

namespace vetmatch {

std::string round_to_json(const Round& round);

}  // namespace vetmatch
