// Answers file -> RoundAnswers (engine/round/next_round.h): what veterans
// and employers said to a round's proposals, in JSON ("vetmatch":
// "answers/1", schema/answers.schema.json) or CSV.
//
// JSON: {"vetmatch": "answers/1",
//        "answers": [{"veteran": id, "posting": id, "answer": "accepted" |
//                     "declined"}, ...],
//        "not_looking": [veteran ids], "withdrawn": [posting ids]}
// with every list optional (default empty) and unknown keys errors.
// CSV (UTF-8, a file whose name ends in ".csv", any case): the header line
// `veteran,posting,answer`, then one line per answer: `V1,P7,accepted`,
// `V2,P9,declined`, `V3,,not_looking` (posting empty), `,P4,withdrawn`
// (veteran empty). Fields may be in double quotes ("" for a quote inside);
// blank lines are skipped; a line break inside a field is an error.
//
// Contract: read_answers_* never throws for bad content: it returns what it
// could read and one InputError per problem, with the JSON path (JSON) or
// the line and column name (CSV, in InputError::where). `places` says where
// each entry of each list sits in the file, so that next_round()'s issues
// can be reported there (answer_error). read_answers_file throws IoError
// when the file cannot be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/round/next_round.h"

namespace vetmatch {

/// Where one entry of the answers sits in its file.
struct AnswerPlace {
  std::string json_path;  ///< JSON: the entry ("/answers/3").
  int line = 0;           ///< CSV: the 1-based line (header is line 1).
  /// CSV: the column holding the entry's id (not_looking: "veteran",
  /// withdrawn: "posting"), for issues about the id itself.
  std::string id_column;
};

struct AnswerPlaces {
  std::vector<AnswerPlace> answers;
  std::vector<AnswerPlace> not_looking;
  std::vector<AnswerPlace> withdrawn;
};

struct ReadAnswersResult {
  RoundAnswers answers;
  AnswerPlaces places;
  std::vector<InputError> errors;
};

ReadAnswersResult read_answers_file(const std::string& path);
/// `file` is the name used in messages; CSV when `csv`, else JSON.
ReadAnswersResult read_answers_string(std::string_view text,
                                      const std::string& file, bool csv);
/// True when `path` names a CSV file (ends in ".csv", any case).
bool is_csv_path(std::string_view path);

/// The InputError for a problem with the entry at `place`; `field` is
/// "veteran", "posting", "answer" or "" (the entry's id itself).
InputError answer_error(const std::string& file, const AnswerPlace& place,
                        std::string_view field, std::string expected,
                        std::string found);

}  // namespace vetmatch
