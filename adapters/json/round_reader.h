// Round file (JSON, "vetmatch": "round/1") -> Round, with every problem found.
//
// Contract: read_round_* never throws for bad content: it returns the Round
// it could read and one InputError per problem (wrong types, missing
// required fields, unknown fields, unknown enum names, unknown region codes,
// malformed JSON with line and column), and then the engine's semantic
// problems (validate()) turned into JSON paths, minus any at a path that
// already has a reading error. The Round is usable only when errors is
// empty. read_round_file throws IoError when the file cannot be read.
// Regions (codes, or exact names that only one division has) are resolved to
// coordinates through RegionTable::bundled(); a county-level code missing
// from that table falls back to its city, with a warning. Occupation and
// specialty codes are turned into skill vectors by resolve_skills() with
// bundled_skill_space(), so the Round comes back with skills resolved;
// codes that resolve but bring no skills are warnings. Warnings never make
// the Round unusable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/model/round.h"

namespace vetmatch {

struct ReadRoundResult {
  Round round;
  std::vector<InputError> errors;
  std::vector<InputError> warnings;
};

struct ReadOptions {
  /// Config values that replace the file's before validation and skill
  /// resolution (for tuning runs such as `vetmatch eval --onet-share`).
  std::optional<ScoreWeights> weights;
  std::optional<double> onet_share;
  std::optional<int> veteran_shortlist_k;
  /// false: leave codes unresolved and skills maps as written (their order
  /// kept), e.g. to write the round back out; codes are then not checked.
  bool resolve_skills = true;
};

ReadRoundResult read_round_file(const std::string& path,
                                const ReadOptions& options = {});
/// `file` is the name used in messages.
ReadRoundResult read_round_string(std::string_view json,
                                  const std::string& file,
                                  const ReadOptions& options = {});

}  // namespace vetmatch
