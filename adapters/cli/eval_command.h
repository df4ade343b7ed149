// `vetmatch eval`: runs a round as `match` does and reports the figures for
// tuning (engine/quality/quality_report.h): crosswalk recall@k, the O*NET
// related-occupation hit rate, coverage by group and priority flag, mean
// distances.
//
// Contract: prints a short table on stdout (unless -q) and, with -o, writes
// the report as JSON (quality/1) atomically. Overrides replace the round
// file's config before skills are resolved, so one file serves a sweep.
// Exit codes as every command (adapters/cli/exit_codes.h).
#pragma once

#include <optional>
#include <string>

#include "adapters/cli/commands.h"

namespace vetmatch {

struct EvalOptions {
  std::string round_path;
  std::string output_path;  ///< Empty: no JSON report.
  std::optional<double> weight_skill;
  std::optional<double> weight_location;
  std::optional<double> weight_preference;
  std::optional<double> onet_share;
  std::optional<int> veteran_shortlist_k;
  CommonOptions common;
};

int run_eval(const EvalOptions& options);

}  // namespace vetmatch
