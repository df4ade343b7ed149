// Running the vetmatch binary from end-to-end tests, and small file helpers.
//
// Contract: run_vetmatch(args, scratch) runs `vetmatch ARGS` through /bin/sh
// (ARGS already quoted, see shell_quote) with no standard input, stdout and
// stderr captured through files in `scratch`, and returns the exit code
// (-1 when the process did not exit normally) with both outputs;
// run_shell(line, scratch) does the same for any command line.
#pragma once

#include <filesystem>
#include <string>

namespace vetmatch::test_support {

struct CliOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliOutcome run_vetmatch(const std::string& args,
                        const std::filesystem::path& scratch);

/// Runs a whole /bin/sh command line the same way (arguments quoted by the
/// caller).
CliOutcome run_shell(const std::string& command_line,
                     const std::filesystem::path& scratch);

/// Single-quotes an argument for /bin/sh.
std::string shell_quote(const std::string& s);

/// The whole file as bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);
/// Writes `contents` to `path`, replacing it.
void spit(const std::filesystem::path& path, const std::string& contents);

}  // namespace vetmatch::test_support
