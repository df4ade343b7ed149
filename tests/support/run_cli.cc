#include "tests/support/run_cli.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vetmatch::test_support {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void spit(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

CliOutcome run_vetmatch(const std::string& args,
                        const std::filesystem::path& scratch) {
  return run_shell(shell_quote(VETMATCH_BINARY) + " " + args, scratch);
}

CliOutcome run_shell(const std::string& command_line,
                     const std::filesystem::path& scratch) {
  const std::filesystem::path out = scratch / "stdout.txt";
  const std::filesystem::path err = scratch / "stderr.txt";
  const std::string command = "( " + command_line + " ) >" +
                              shell_quote(out.string()) + " 2>" +
                              shell_quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  CliOutcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(out);
  o.err = slurp(err);
  return o;
}

}  // namespace vetmatch::test_support
