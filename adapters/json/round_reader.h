// Round file (JSON, "vetmatch": "round/1") -> Round, with every problem found.
//
// Contract: read_round_* never throws for bad content: it returns the Round
// it could read and one InputError per problem (wrong types, missing
// required fields, unknown fields, unknown enum names, unknown region codes,
// malformed JSON with line and column), and then the engine's semantic
// problems (validate()) turned into JSON paths, minus any at a path that
// already has a reading error. The Round is usable only when errors is
// empty. read_round_file throws IoError when the file cannot be read.
// Regions are resolved to coordinates through RegionTable::bundled().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/model/round.h"

namespace vetmatch {

struct ReadRoundResult {
  Round round;
  std::vector<InputError> errors;
};

ReadRoundResult read_round_file(const std::string& path);
/// `file` is the name used in messages.
ReadRoundResult read_round_string(std::string_view json,
                                  const std::string& file);

}  // namespace vetmatch
