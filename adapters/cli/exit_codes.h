// The vetmatch CLI's exit codes, as documented in README.md ("Exit codes").
#pragma once

namespace vetmatch {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternalError = 1,  ///< A bug: please report it.
  kExitUsage = 2,          ///< Bad command line.
  kExitBadInput = 3,       ///< The input file has problems (all are listed).
  kExitIoError = 4,        ///< A file cannot be read or written.
};

}  // namespace vetmatch
