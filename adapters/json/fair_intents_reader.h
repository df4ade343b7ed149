// Fair outcomes file -> FairIntent list (engine/fair/record.h): what came
// of the interviews at a fair, in JSON ("vetmatch": "fair_intents/1",
// schema/fair_intents.schema.json) or CSV.
//
// JSON: {"vetmatch": "fair_intents/1",
//        "intents": [{"veteran": id, "posting": id,
//                     "outcome": "hired" | "intent" | "declined" |
//                                "no_show"}, ...]}
// with unknown keys errors.
// CSV (a file whose name ends in ".csv", any case; adapters/json/
// csv_table.h: RFC 4180, an optional UTF-8 byte order mark): a header row
// with columns named veteran, posting and outcome, in any order, among any
// others, so the booth_invites.csv that `fair plan --csv-dir` writes can
// be filled in and read back as it is. A row with an empty outcome is
// skipped (nothing recorded yet). Fields are trimmed of spaces. Besides the
// English names, an outcome may be written 录用 (hired), 意向 (intent),
// 拒绝 (declined) or 未到 (no_show).
//
// Contract: read_fair_intents_* never throws for bad content: it returns
// what it could read and one InputError per problem, with the JSON path
// (JSON) or the line and column (CSV, InputError::where). `places[i]` says
// where intents[i] sits, so that record_fair_outcomes()'s issues can be
// reported there (intent_error). read_fair_intents_file throws IoError
// when the file cannot be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/fair/record.h"

namespace vetmatch {

struct IntentPlace {
  std::string json_path;  ///< JSON: the entry ("/intents/3").
  int line = 0;           ///< CSV: the 1-based line of the row.
};

struct ReadIntentsResult {
  std::vector<FairIntent> intents;
  std::vector<IntentPlace> places;
  std::vector<InputError> errors;
  std::int64_t skipped = 0;  ///< CSV rows with no outcome yet
};

ReadIntentsResult read_fair_intents_file(const std::string& path);
/// `file` is the name used in messages; CSV when `csv`, else JSON.
ReadIntentsResult read_fair_intents_string(std::string_view text,
                                           const std::string& file, bool csv);

/// Where an intent is, for a person: "line 12" or "/intents/3".
std::string intent_place_text(const IntentPlace& place);

/// The InputError for a problem with the intent at `place`; `field` is
/// "veteran", "posting" or "outcome".
InputError intent_error(const std::string& file, const IntentPlace& place,
                        std::string_view field, std::string expected,
                        std::string found, bool warning = false);

}  // namespace vetmatch
