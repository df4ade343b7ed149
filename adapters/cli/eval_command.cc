#include "adapters/cli/eval_command.h"

#include <cstdio>
#include <memory>

#include "adapters/cli/command_support.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/cli/progress.h"
#include "adapters/json/atomic_write.h"
#include "adapters/json/quality_writer.h"
#include "adapters/json/round_reader.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/quality/quality_report.h"
#include "engine/round/run_round.h"

namespace vetmatch {
namespace {

void print_coverage(const char* label, const Coverage& c) {
  std::printf("  %-24s %9lld of %9lld  %6.1f%%\n", label,
              static_cast<long long>(c.assigned),
              static_cast<long long>(c.veterans), 100.0 * c.coverage);
}

void print_report(const QualityReport& q) {
  std::printf(
      "veterans %lld; with crosswalk targets %lld; with a target "
      "posting in the round %lld\n",
      static_cast<long long>(q.veterans),
      static_cast<long long>(q.veterans_with_targets),
      static_cast<long long>(q.veterans_with_hits));
  std::printf("crosswalk recall@k (random list of k postings):\n");
  for (const RecallAt& r : q.recall) {
    std::printf("  @%-3d %6.1f%%  (%5.1f%%)\n", r.k, 100.0 * r.recall,
                100.0 * r.random_recall);
  }
  std::printf(
      "shortlist entries: %.1f%% crosswalk hits, %.1f%% hits or "
      "O*NET related occupations\n",
      100.0 * q.crosswalk_hit_rate, 100.0 * q.related_hit_rate);
  std::printf("coverage (assigned of veterans):\n");
  print_coverage("all", q.assigned.overall);
  const char* groups[] = {"soldier", "nco", "officer", "spouse"};
  for (std::size_t g = 0; g < 4; ++g)
    print_coverage(groups[g], q.assigned.by_group[g]);
  const char* flags[] = {"priority: disabled", "priority: martyr_family",
                         "priority: merit", "priority: hardship"};
  for (std::size_t f = 0; f < 4; ++f) {
    print_coverage(flags[f], q.assigned.by_priority[f]);
  }
  std::printf("assigned:    mean distance %.2f km, mean skill %.3f\n",
              q.assigned.mean_distance_km, q.assigned.mean_skill);
  std::printf("shortlisted: mean distance %.2f km, mean skill %.3f\n",
              q.mean_shortlist_km, q.mean_shortlist_skill);
}

}  // namespace

int run_eval(const EvalOptions& options) {
  const auto thread_limit = limit_threads(options.common.threads);
  StageReporter reporter(!options.common.quiet &&
                         StageReporter::stderr_is_terminal());
  ReadOptions overrides;
  overrides.onet_share = options.onet_share;
  overrides.veteran_shortlist_k = options.veteran_shortlist_k;
  if (options.weight_skill || options.weight_location ||
      options.weight_preference) {
    ScoreWeights w;
    w.skill = options.weight_skill.value_or(w.skill);
    w.location = options.weight_location.value_or(w.location);
    w.preference = options.weight_preference.value_or(w.preference);
    overrides.weights = w;
  }
  const ReadRoundResult read = read_round_file(options.round_path, overrides);
  if (!read.errors.empty()) {
    print_input_errors(options.round_path, read.errors);
    return kExitBadInput;
  }
  print_warnings(read.warnings);
  RunOptions run;
  run.progress = reporter.progress_fn();
  const RoundResult result = run_round(read.round, run);
  reporter.stage("shortlists", result.seconds.shortlists);
  reporter.stage("policy", result.seconds.policy);
  const QualityReport report =
      quality_report(read.round, result, bundled_skill_space());
  if (!options.output_path.empty()) {
    write_file_atomically(options.output_path, quality_to_json(report));
  }
  if (!options.common.quiet) print_report(report);
  return kExitOk;
}

}  // namespace vetmatch
