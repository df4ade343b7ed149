#include "adapters/cli/fair_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "adapters/cli/command_support.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/cli/progress.h"
#include "adapters/json/atomic_write.h"
#include "adapters/json/fair_intents_reader.h"
#include "adapters/json/fair_invite_writer.h"
#include "adapters/json/fair_plan_writer.h"
#include "adapters/json/fair_reader.h"
#include "adapters/json/fair_writer.h"
#include "adapters/json/input_error.h"
#include "adapters/json/round_reader.h"
#include "adapters/json/round_writer.h"
#include "adapters/report/fair_csv.h"
#include "adapters/report/fair_report_html.h"
#include "datasets/generator/fair_generator.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/invite.h"
#include "engine/fair/plan.h"
#include "engine/fair/record.h"

namespace vetmatch {
namespace {

using Clock = std::chrono::steady_clock;

// Reads the fair; prints its problems (exit 3) or warnings.
std::optional<ReadFairResult> read_fair(const FairOptions& options,
                                        StageReporter& reporter,
                                        double* seconds) {
  const auto start = Clock::now();
  FairReadOptions read_options;
  read_options.round_path = options.round_path;
  ReadFairResult read = read_fair_file(options.fair_path, read_options);
  if (!read.errors.empty()) {
    print_input_errors(options.fair_path, read.errors);
    return std::nullopt;
  }
  print_warnings(read.warnings);
  *seconds = seconds_since(start);
  reporter.stage("read fair", *seconds);
  return read;
}

StageReporter reporter_for(bool quiet) {
  return StageReporter(!quiet && StageReporter::stderr_is_terminal());
}

// The printable report and the CSV lists of `fair plan`, when asked for.
void write_plan_documents(const FairOptions& options, const Fair& fair,
                          const FairPlan& plan, StageReporter& reporter) {
  namespace fs = std::filesystem;
  const auto start = Clock::now();
  if (options.report_path) {
    write_file_atomically(*options.report_path, fair_report_html(fair, plan));
  }
  if (options.csv_dir) {
    const fs::path dir(*options.csv_dir);
    std::error_code error;
    fs::create_directories(dir, error);
    if (error || !fs::is_directory(dir)) {
      throw IoError(*options.csv_dir,
                    "cannot make the folder: " +
                        (error ? error.message() : "not a folder"));
    }
    write_file_atomically((dir / kBoothInvitesCsv).string(),
                          booth_invites_csv(fair, plan));
    write_file_atomically((dir / kVeteranRoutesCsv).string(),
                          veteran_routes_csv(fair, plan));
  }
  if (options.report_path || options.csv_dir) {
    reporter.stage("write report", seconds_since(start));
  }
}

}  // namespace

int run_fair_validate(const FairOptions& options) {
  StageReporter reporter = reporter_for(true);
  double seconds = 0;
  const std::optional<ReadFairResult> read =
      read_fair(options, reporter, &seconds);
  if (!read) return kExitBadInput;
  if (!options.quiet) {
    const Fair& fair = read->fair;
    std::int64_t capacity = 0;
    for (const Booth& b : fair.booths) capacity += b.capacity;
    std::printf(
        "%s: ok (%zu veterans, %zu booths with %lld interviews, %zu "
        "postings, %zu pool entries, %zu warning%s)\n",
        options.fair_path.c_str(), fair.round.veterans.size(),
        fair.booths.size(), static_cast<long long>(capacity),
        fair.round.postings.size(), fair.pool.size(), read->warnings.size(),
        read->warnings.size() == 1 ? "" : "s");
  }
  return kExitOk;
}

int run_fair_invite(const FairOptions& options) {
  const auto thread_limit = limit_threads(options.threads);
  StageReporter reporter = reporter_for(options.quiet);
  double read_seconds = 0;
  std::optional<ReadFairResult> read =
      read_fair(options, reporter, &read_seconds);
  if (!read) return kExitBadInput;
  const Fair& fair = read->fair;
  const std::optional<std::int32_t> budget =
      options.budget ? options.budget : fair.settings.invite_budget;
  if (!budget) {
    std::fprintf(stderr,
                 "vetmatch fair invite: no budget: give --budget N or "
                 "settings.invite_budget in %s\n",
                 options.fair_path.c_str());
    return kExitUsage;
  }
  InviteObjective objective = fair.settings.invite_objective;
  if (options.objective) {
    objective = *parse_invite_objective(*options.objective);
  }

  auto start = Clock::now();
  const FairFits fits = compute_fair_fits(fair);
  const double fits_seconds = seconds_since(start);
  reporter.stage("fits", fits_seconds);
  start = Clock::now();
  const InviteResult result = choose_invites(fair, fits, *budget, objective);
  const double invite_seconds = seconds_since(start);
  reporter.stage("invite", invite_seconds);

  start = Clock::now();
  InviteWriteOptions write;
  write.include_timings = !options.no_timings;
  write.read_seconds = read_seconds;
  write.fits_seconds = fits_seconds;
  write.invite_seconds = invite_seconds;
  write_file_atomically(options.output_path,
                        invite_to_json(fair, result, write));
  reporter.stage("write invites", seconds_since(start));
  if (reporter.enabled()) {
    std::fprintf(stderr,
                 "wrote %s: %zu of %zu enterprises invited; %lld of %lld "
                 "veterans with a good posting (%lld from the booths)\n",
                 options.output_path.c_str(), result.chosen.size(),
                 fair.pool.size(), static_cast<long long>(result.covered),
                 static_cast<long long>(result.veterans),
                 static_cast<long long>(result.covered_by_booths));
  }
  return kExitOk;
}

int run_fair_plan(const FairOptions& options) {
  const auto thread_limit = limit_threads(options.threads);
  StageReporter reporter = reporter_for(options.quiet);
  PlanWriteOptions write;
  write.include_timings = !options.no_timings;
  std::optional<ReadFairResult> read =
      read_fair(options, reporter, &write.seconds.read);
  if (!read) return kExitBadInput;
  const Fair& fair = read->fair;

  auto start = Clock::now();
  const FairFits fits = compute_fair_fits(fair);
  write.seconds.fits = seconds_since(start);
  reporter.stage("fits", write.seconds.fits);
  start = Clock::now();
  const FairPlan plan = plan_fair(fair, fits);
  write.seconds.plan = seconds_since(start);
  reporter.stage("plan", write.seconds.plan);

  start = Clock::now();
  write_file_atomically(options.output_path, plan_to_json(fair, plan, write));
  reporter.stage("write plan", seconds_since(start));
  write_plan_documents(options, fair, plan, reporter);
  if (reporter.enabled()) {
    std::fprintf(stderr,
                 "wrote %s: %lld interviews; %lld of %lld veterans with a "
                 "booth (%lld have one that fits)\n",
                 options.output_path.c_str(),
                 static_cast<long long>(plan.stats.interviews),
                 static_cast<long long>(plan.stats.all.planned),
                 static_cast<long long>(plan.stats.all.registered),
                 static_cast<long long>(plan.stats.all.with_eligible_booth));
  }
  return kExitOk;
}

int run_fair_generate(const FairGenerateOptions& options) {
  const auto thread_limit = limit_threads(options.threads);
  StageReporter reporter = reporter_for(options.quiet);
  auto start = Clock::now();
  const ReadRoundResult read = read_round_file(options.round_path);
  if (!read.errors.empty()) {
    print_input_errors(options.round_path, read.errors);
    return kExitBadInput;
  }
  reporter.stage("read round", seconds_since(start));

  FairGeneratorOptions generator;
  generator.seed = options.seed;
  generator.booths = options.booths;
  generator.pool = options.pool;
  generator.veterans = options.veterans;
  generator.settings.max_booths_per_veteran = options.max_booths;
  generator.settings.min_fit = options.min_fit;
  start = Clock::now();
  Fair fair;
  try {
    fair = generate_fair(read.round, generator);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "vetmatch fair generate: %s\n", e.what());
    return kExitUsage;
  }
  reporter.stage("generate", seconds_since(start));

  namespace fs = std::filesystem;
  std::string round_ref;
  if (options.round_ref) {
    round_ref = *options.round_ref;
  } else {
    const fs::path out_dir =
        fs::absolute(fs::path(options.output_path)).parent_path();
    round_ref = fs::proximate(fs::absolute(options.round_path), out_dir)
                    .generic_string();
  }
  write_file_atomically(options.output_path, fair_to_json(fair, round_ref));
  if (reporter.enabled()) {
    std::fprintf(stderr,
                 "wrote %s: %zu veterans, %zu booths, %zu pool entries\n",
                 options.output_path.c_str(), fair.round.veterans.size(),
                 fair.booths.size(), fair.pool.size());
  }
  return kExitOk;
}

int run_fair_record(const FairRecordOptions& options) {
  FairOptions fair_options;
  fair_options.fair_path = options.fair_path;
  fair_options.round_path = options.round_path;
  StageReporter reporter = reporter_for(true);
  double seconds = 0;
  const std::optional<ReadFairResult> read =
      read_fair(fair_options, reporter, &seconds);
  if (!read) return kExitBadInput;
  const std::string round_path =
      options.round_path ? *options.round_path : read->round_path;
  if (round_path.empty()) {
    std::fprintf(stderr,
                 "vetmatch fair record: %s names no round file: give --round "
                 "ROUND.json, the round to write the next one from\n",
                 options.fair_path.c_str());
    return kExitUsage;
  }
  // The round as written (codes and skills not resolved), to write it back.
  ReadOptions as_written;
  as_written.resolve_skills = false;
  const ReadRoundResult round = read_round_file(round_path, as_written);
  const ReadIntentsResult intents =
      read_fair_intents_file(options.intents_path);
  bool bad = false;
  if (!round.errors.empty()) {
    print_input_errors(round_path, round.errors);
    bad = true;
  }
  if (!intents.errors.empty()) {
    print_input_errors(options.intents_path, intents.errors);
    bad = true;
  }
  if (bad) return kExitBadInput;

  RecordOptions record;
  record.intent_takes_place = options.intent == "taken";
  const FairRecord next =
      record_fair_outcomes(round.round, read->fair, intents.intents, record);
  std::vector<InputError> errors, warnings;
  for (const RecordIssue& issue : next.issues) {
    std::string expected = issue.expected;
    if (issue.other >= 0) {
      expected +=
          " (see " +
          intent_place_text(intents.places.at(std::size_t(issue.other))) + ")";
    }
    (issue.warning ? warnings : errors)
        .push_back(intent_error(
            options.intents_path, intents.places.at(std::size_t(issue.index)),
            issue.field, std::move(expected), issue.found, issue.warning));
  }
  if (!errors.empty()) {
    print_input_errors(options.intents_path, errors);
    return kExitBadInput;
  }
  print_warnings(warnings);
  write_file_atomically(options.output_path, round_to_json(next.round));
  if (!options.quiet) {
    std::fprintf(stderr,
                 "wrote %s: %zu outcomes: %lld taken, %lld declined, %lld "
                 "left open (%lld declined before); %lld rows without an "
                 "outcome; %zu warning%s\n",
                 options.output_path.c_str(), intents.intents.size(),
                 static_cast<long long>(next.counts.taken),
                 static_cast<long long>(next.counts.declined),
                 static_cast<long long>(next.counts.open),
                 static_cast<long long>(next.counts.already),
                 static_cast<long long>(intents.skipped), warnings.size(),
                 warnings.size() == 1 ? "" : "s");
  }
  return kExitOk;
}

namespace {

void add_fair_options(CLI::App* command, FairOptions& o, bool output) {
  command->add_option("fair", o.fair_path, "Fair file (JSON, fair/1)")
      ->required();
  if (output) {
    command->add_option("-o,--output", o.output_path, "File to write (JSON)")
        ->required();
  }
  command->add_option("--round", o.round_path,
                      "Round file to take ids from (replaces the fair's "
                      "\"round\")");
  command->add_flag("-q,--quiet", o.quiet,
                    "No progress or stage times on stderr");
  if (!output) return;
  command->add_flag("--no-timings", o.no_timings,
                    "Leave stage seconds out of the output, so runs compare "
                    "byte for byte");
  command
      ->add_option("--threads", o.threads,
                   "Worker threads (default: all cores); results do not "
                   "depend on it")
      ->check(CLI::Range(1, 1024));
}

}  // namespace

FairCli::FairCli(CLI::App& app) {
  fair_ = app.add_subcommand(
      "fair",
      "Recruitment fairs: whom to invite, booth invite lists and veteran "
      "routes");
  fair_->require_subcommand(1);

  validate_ = fair_->add_subcommand(
      "validate",
      "Check a fair file (and its round file) and list every "
      "problem found");
  add_fair_options(validate_, validate_options_, false);

  invite_ = fair_->add_subcommand(
      "invite",
      "Choose at most B pool enterprises to invite so that as many veterans "
      "as possible have a good posting at the fair (greedy, at least 1 - 1/e "
      "of the best choice)");
  add_fair_options(invite_, invite_options_, true);
  invite_
      ->add_option("--budget", invite_options_.budget,
                   "Most enterprises to invite (replaces "
                   "settings.invite_budget)")
      ->check(CLI::Range(0, 100000));
  invite_
      ->add_option("--objective", invite_options_.objective,
                   "coverage (veterans with a good posting) or total_fit "
                   "(sum of best fits)")
      ->check(CLI::IsMember({"coverage", "total_fit"}));

  plan_ = fair_->add_subcommand(
      "plan",
      "Invite lists per booth and a route per veteran, within booth "
      "capacities and visit limits: first as many veterans as possible get "
      "a booth, then the total fit is the largest possible");
  add_fair_options(plan_, plan_options_, true);
  plan_->add_option("--report", plan_options_.report_path,
                    "Also write the printable report: one self-contained "
                    "HTML file (summary, a page per booth, a slip per "
                    "veteran; A4)");
  plan_->add_option("--csv-dir", plan_options_.csv_dir,
                    "Also write booth_invites.csv and veteran_routes.csv "
                    "(UTF-8 with BOM, for spreadsheets) to this folder, made "
                    "when missing");

  generate_ = fair_->add_subcommand(
      "generate",
      "Write a seeded fair drawn from a round file: booths, pool, "
      "capacities, registrations (same seed, same bytes)");
  FairGenerateOptions& g = generate_options_;
  generate_->add_option("round", g.round_path, "Round file to draw from")
      ->required();
  generate_->add_option("-o,--output", g.output_path, "Fair file to write")
      ->required();
  generate_->add_option("--booths", g.booths, "Employers with a booth")
      ->default_val(100)
      ->check(CLI::Range(0, 1000000));
  generate_->add_option("--pool", g.pool, "Employers in the invite pool")
      ->default_val(0)
      ->check(CLI::Range(0, 1000000));
  generate_->add_option("--seed", g.seed, "Random seed")->default_val(1);
  generate_
      ->add_option("--veterans", g.veterans,
                   "Register a sample of this many veterans (default: all "
                   "not taken)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{100000000}));
  generate_->add_option("--max-booths", g.max_booths, "Visit limit")
      ->default_val(3)
      ->check(CLI::Range(1, 100));
  generate_->add_option("--min-fit", g.min_fit, "settings.min_fit")
      ->default_val(0.6)
      ->check(CLI::Range(0.0, 1.0));
  generate_->add_option("--round-ref", g.round_ref,
                        "The \"round\" to write (default: the round file's "
                        "path relative to the output's folder)");
  generate_->add_flag("-q,--quiet", g.quiet,
                      "No progress or stage times on stderr");

  record_ = fair_->add_subcommand(
      "record",
      "After the fair: the round the fair was drawn from, with the outcomes "
      "recorded at the booths added to its taken / declined, as the next "
      "round's file");
  FairRecordOptions& r = record_options_;
  record_->add_option("fair", r.fair_path, "Fair file (JSON, fair/1)")
      ->required();
  record_
      ->add_option("intents", r.intents_path,
                   "Outcomes: CSV with columns veteran, posting, outcome "
                   "(hired, intent, declined, no_show; e.g. booth_invites.csv "
                   "filled in) or JSON fair_intents/1")
      ->required();
  record_->add_option("-o,--output", r.output_path, "Round file to write")
      ->required();
  record_->add_option("--round", r.round_path,
                      "Round file to start from (replaces the fair's "
                      "\"round\")");
  record_
      ->add_option("--intent", r.intent,
                   "What an intent does: taken (the place is held: default) "
                   "or open (the pair may be proposed again)")
      ->check(CLI::IsMember({"taken", "open"}));
  record_->add_flag("-q,--quiet", r.quiet, "No summary line on stderr");
}

bool FairCli::chosen() const { return fair_->parsed(); }

int FairCli::run() {
  if (*validate_) return run_fair_validate(validate_options_);
  if (*invite_) return run_fair_invite(invite_options_);
  if (*plan_) return run_fair_plan(plan_options_);
  if (*generate_) return run_fair_generate(generate_options_);
  if (*record_) return run_fair_record(record_options_);
  return kExitUsage;
}

}  // namespace vetmatch
