// vetmatch: the command-line tool. Subcommand dispatch, --help, --version,
// and the mapping of failures to the documented exit codes.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "adapters/cli/commands.h"
#include "adapters/cli/eval_command.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/cli/fair_command.h"
#include "adapters/cli/generate_command.h"
#include "adapters/cli/next_round_command.h"
#include "adapters/json/input_error.h"

namespace {

constexpr const char* kDescription =
    "vetmatch: match veterans and military spouses to job postings, "
    "incubation slots and training places.\n\n"
    "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad input "
    "(every problem is listed on stderr), 4 file cannot be read or written.";

void add_common(CLI::App* command, vetmatch::CommonOptions& common) {
  command
      ->add_option("--threads", common.threads,
                   "Worker threads (default: all cores); results do not "
                   "depend on it")
      ->check(CLI::Range(1, 1024));
  command->add_flag("-q,--quiet", common.quiet,
                    "No progress or stage times on stderr");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vetmatch;
  CLI::App app{kDescription, "vetmatch"};
  app.set_version_flag("--version",
                       std::string("vetmatch ") + VETMATCH_VERSION);
  app.require_subcommand(1);

  MatchOptions match;
  CLI::App* match_cmd = app.add_subcommand(
      "match",
      "Run a matching round: shortlists both ways and the policy's "
      "assignments, written to the result file");
  match_cmd->add_option("round", match.round_path, "Round file (JSON, round/1)")
      ->required();
  match_cmd
      ->add_option("-o,--output", match.output_path,
                   "Result file to write (JSON, result/1)")
      ->required();
  match_cmd
      ->add_option("--policy", match.policy,
                   "Assignment policy (overrides the round's config)")
      ->check(CLI::IsMember({"points_order", "optimal", "stable"}));
  match_cmd->add_flag(
      "--exact", match.exact,
      "optimal: prove optimality over all eligible pairs (scan them against "
      "the solver's duals, deepen the candidate graph until the proof holds)");
  bool no_timings = false;
  match_cmd->add_flag("--no-timings", no_timings,
                      "Leave stage seconds out of the result, so runs compare "
                      "byte for byte");
  add_common(match_cmd, match.common);

  MatchOptions shortlist;
  shortlist.shortlists_only = true;
  CLI::App* shortlist_cmd = app.add_subcommand(
      "shortlist", "Build shortlists both ways only (no assignment)");
  shortlist_cmd->add_option("round", shortlist.round_path, "Round file")
      ->required();
  shortlist_cmd
      ->add_option("-o,--output", shortlist.output_path, "Result file to write")
      ->required();
  bool shortlist_no_timings = false;
  shortlist_cmd->add_flag("--no-timings", shortlist_no_timings,
                          "Leave stage seconds out of the result");
  add_common(shortlist_cmd, shortlist.common);

  std::string validate_path;
  bool validate_quiet = false;
  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "Check a round file and list every problem found");
  validate_cmd->add_option("round", validate_path, "Round file")->required();
  validate_cmd->add_flag("-q,--quiet", validate_quiet,
                         "Print nothing when the file is sound");

  GenerateOptions generate;
  CLI::App* generate_cmd = app.add_subcommand(
      "generate", "Write a realistic generated round (same seed, same bytes)");
  generate_cmd
      ->add_option("--preset", generate.preset,
                   "district (1,000 x 500), city (Handan, 265,000 x 10,000), "
                   "province (Hebei, 3,000,000 x 100,000) or national "
                   "(57,000,000 x 1,000,000); streamed to disk")
      ->required()
      ->check(CLI::IsMember({"district", "city", "province", "national"}));
  generate_cmd->add_option("--seed", generate.seed, "Random seed")
      ->default_val(1);
  generate_cmd
      ->add_option("--veterans", generate.veterans,
                   "Number of veterans instead of the preset's (a sample of "
                   "the same places and mix)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10000000000}));
  generate_cmd
      ->add_option("--postings", generate.postings,
                   "Number of postings instead of the preset's (employers "
                   "scale with it unless --employers is given)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1000000000}));
  generate_cmd
      ->add_option("--employers", generate.employers,
                   "Number of employers instead of the preset's")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000000}));
  generate_cmd
      ->add_option("-o,--output", generate.output_path, "Round file to write")
      ->required();
  add_common(generate_cmd, generate.common);

  NextRoundOptions next;
  CLI::App* next_cmd = app.add_subcommand(
      "next-round",
      "Write the next round's file from this round's file, its result and "
      "the answers to its proposals (accepted -> taken, declined -> "
      "declined, plus veterans no longer looking and postings withdrawn)");
  next_cmd->add_option("round", next.round_path, "This round's file (round/1)")
      ->required();
  next_cmd
      ->add_option("--result", next.result_path,
                   "The result of `vetmatch match` on that round (result/1): "
                   "its assignments are the proposals")
      ->required();
  next_cmd
      ->add_option("--answers", next.answers_path,
                   "The answers: JSON (answers/1) or CSV (a .csv file with "
                   "the header veteran,posting,answer)")
      ->required();
  next_cmd
      ->add_option("-o,--output", next.output_path,
                   "The next round's file to write (round/1)")
      ->required();
  next_cmd
      ->add_option("--unanswered", next.unanswered,
                   "What a proposal with no answer becomes: open (the "
                   "default: neither taken nor declined, the veteran stays "
                   "and may be proposed it again) or declined")
      ->check(CLI::IsMember({"open", "declined"}));
  next_cmd->add_flag("-q,--quiet", next.quiet, "No summary line on stderr");

  EvalOptions eval;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval",
      "Run a round and report figures for tuning: crosswalk recall@k, O*NET "
      "related-occupation hits, coverage by group, mean distances");
  eval_cmd->add_option("round", eval.round_path, "Round file")->required();
  eval_cmd->add_option("-o,--output", eval.output_path,
                       "Also write the report as JSON (quality/1)");
  eval_cmd
      ->add_option("--weight-skill", eval.weight_skill,
                   "Override config.weights.skill")
      ->check(CLI::NonNegativeNumber);
  eval_cmd
      ->add_option("--weight-location", eval.weight_location,
                   "Override config.weights.location")
      ->check(CLI::NonNegativeNumber);
  eval_cmd
      ->add_option("--weight-preference", eval.weight_preference,
                   "Override config.weights.preference")
      ->check(CLI::NonNegativeNumber);
  eval_cmd
      ->add_option("--onet-share", eval.onet_share,
                   "Override config.onet_share")
      ->check(CLI::Range(0.0, 1.0));
  eval_cmd
      ->add_option("-k,--veteran-k", eval.veteran_shortlist_k,
                   "Override config.veteran_shortlist_k")
      ->check(CLI::Range(0, 1000));
  add_common(eval_cmd, eval.common);

  FairCli fair(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    if (fair.chosen()) return fair.run();
    if (*match_cmd) {
      match.common.timings = !no_timings;
      return run_match(match);
    }
    if (*shortlist_cmd) {
      shortlist.common.timings = !shortlist_no_timings;
      return run_match(shortlist);
    }
    if (*eval_cmd) return run_eval(eval);
    if (*validate_cmd) return run_validate(validate_path, validate_quiet);
    if (*generate_cmd) return run_generate(generate);
    if (*next_cmd) return run_next_round(next);
  } catch (const IoError& e) {
    std::fprintf(stderr, "vetmatch: %s\n", e.what());
    return kExitIoError;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "vetmatch: out of memory\n");
    return kExitInternalError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vetmatch: internal error: %s\n", e.what());
    return kExitInternalError;
  }
  return kExitUsage;
}
