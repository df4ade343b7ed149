// The vetmatch subcommands, each a function from parsed options to an exit
// code (adapters/cli/exit_codes.h).
//
// Contract: a command writes its results only to the files it is given,
// each atomically (a failure never leaves a half-written or clobbered
// file); reports bad input as every problem's message on stderr (exit 3) and
// unreadable or unwritable files as one message naming the file (exit 4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vetmatch {

struct CommonOptions {
  int threads = 0;  ///< 0: all cores.
  bool quiet = false;
  bool timings = true;  ///< false: leave stats.seconds out of the result.
};

struct MatchOptions {
  std::string round_path;
  std::string output_path;
  std::optional<std::string> policy;
  bool exact = false;  ///< Sets config.exact (optimal).
  bool shortlists_only = false;
  CommonOptions common;
};

int run_match(const MatchOptions& options);
int run_validate(const std::string& round_path, bool quiet);

}  // namespace vetmatch
