#include "adapters/cli/commands.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "adapters/cli/command_support.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/cli/progress.h"
#include "adapters/json/atomic_write.h"
#include "adapters/json/result_writer.h"
#include "adapters/json/round_reader.h"
#include "engine/round/run_round.h"

namespace vetmatch {

int run_match(const MatchOptions& options) {
  const auto thread_limit = limit_threads(options.common.threads);
  StageReporter reporter(!options.common.quiet &&
                         StageReporter::stderr_is_terminal());

  auto start = std::chrono::steady_clock::now();
  ReadRoundResult read = read_round_file(options.round_path);
  if (!read.errors.empty()) {
    print_input_errors(options.round_path, read.errors);
    return kExitBadInput;
  }
  print_warnings(read.warnings);
  const double read_seconds = seconds_since(start);
  reporter.stage("read round", read_seconds);

  if (options.exact) read.round.config.exact = true;
  RunOptions run;
  run.run_policy = !options.shortlists_only;
  if (options.policy) run.policy = parse_policy_kind(*options.policy);
  run.progress = reporter.progress_fn();
  const RoundResult result = run_round(read.round, run);
  reporter.stage("prepare", result.seconds.prepare);
  reporter.stage("shortlists", result.seconds.shortlists);
  if (run.run_policy) reporter.stage("policy", result.seconds.policy);
  reporter.stage("stats", result.seconds.stats);

  start = std::chrono::steady_clock::now();
  ResultWriteOptions write;
  write.include_timings = options.common.timings;
  write.read_seconds = read_seconds;
  write_file_atomically(options.output_path,
                        result_to_json(read.round, result, write));
  reporter.stage("write result", seconds_since(start));
  if (reporter.enabled()) {
    std::fprintf(stderr, "wrote %s: %lld of %lld veterans assigned\n",
                 options.output_path.c_str(),
                 static_cast<long long>(result.stats.assigned),
                 static_cast<long long>(result.stats.veterans));
  }
  return kExitOk;
}

int run_validate(const std::string& round_path, bool quiet) {
  const ReadRoundResult read = read_round_file(round_path);
  if (!read.errors.empty()) {
    print_input_errors(round_path, read.errors);
    return kExitBadInput;
  }
  print_warnings(read.warnings);
  if (!quiet) {
    std::printf(
        "%s: ok (%zu veterans, %zu postings, %zu employers, %zu "
        "warning%s)\n",
        round_path.c_str(), read.round.veterans.size(),
        read.round.postings.size(), read.round.employers.size(),
        read.warnings.size(), read.warnings.size() == 1 ? "" : "s");
  }
  return kExitOk;
}

}  // namespace vetmatch
