// QualityReport -> JSON ("vetmatch": "quality/1"), written by `vetmatch eval`.
//
// Contract: fixed key order and number format (6 decimals, like results),
// so the same report always gives the same bytes.
#pragma once

#include <string>

#include "engine/quality/quality_report.h"

namespace vetmatch {

std::string quality_to_json(const QualityReport& report);

}  // namespace vetmatch
