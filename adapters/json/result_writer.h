// RoundResult -> result file (JSON, "vetmatch": "result/1").
//
// Contract: keys in a fixed order, scores and components with 6 decimals,
// ids from the Round; the same result gives the same bytes. With
// include_timings false the "seconds" object is left out of "stats", so two
// runs can be compared byte for byte.
#pragma once

#include <string>

#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch {

struct ResultWriteOptions {
  bool include_timings = true;
  double read_seconds = 0.0;  ///< Reported in stats.seconds.read.
};

std::string result_to_json(const Round& round, const RoundResult& result,
                           const ResultWriteOptions& options = {});

}  // namespace vetmatch
