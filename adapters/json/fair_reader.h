// Fair file (JSON, "vetmatch": "fair/1") -> Fair (engine/fair/fair.h), with
// every problem found.
//
// Contract: read_fair_* never throws for bad content: it returns the Fair
// it could read and one InputError per problem, each naming its file and
// JSON path and saying what was expected (as the round reader does; inline
// veterans, postings and employers are read by the round reader's own code,
// round_records.h). Records named by id come from the round file the fair
// names ("round", a path relative to the fair file's folder, or
// options.round_path): that file is read whole first, and its problems are
// reported against it. Problems of the records a fair uses are reported
// where the record was written (an inline record at its fair path, a round
// record in the round file), except a repeated id, which is reported at the
// fair's reference. The Fair is usable only when errors is empty; then it
// passes check_fair(). read_fair_file throws IoError when the fair file or
// its round file cannot be read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/fair/fair.h"

namespace vetmatch {

struct ReadFairResult {
  Fair fair;
  std::vector<InputError> errors;
  std::vector<InputError> warnings;
  /// The round file read, as opened (empty when the fair names none).
  std::string round_path;
};

struct FairReadOptions {
  /// Replaces the fair's "round" (a path as given on the command line).
  std::optional<std::string> round_path;
};

ReadFairResult read_fair_file(const std::string& path,
                              const FairReadOptions& options = {});
/// `file` is the name used in messages; a relative "round" is taken from
/// `base_dir` (empty: the working directory).
ReadFairResult read_fair_string(std::string_view json, const std::string& file,
                                const std::string& base_dir,
                                const FairReadOptions& options = {});

}  // namespace vetmatch
