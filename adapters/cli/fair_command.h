// `vetmatch fair ...`: the recruitment-fair subcommands (validate, invite,
// plan, generate, record), registered on the CLI11 app by FairCli.
//
// Contract: as every vetmatch command (commands.h): results only to the -o
// file, written atomically; bad input lists every problem on stderr (exit
// 3); unreadable or unwritable files exit 4; a missing invite budget is a
// usage error (exit 2); stage times on stderr when it is a terminal and -q
// is not given. Output does not depend on --threads. `fair plan` also
// writes the printable report (--report, adapters/report/fair_report_html.h)
// and the CSV lists (--csv-dir, adapters/report/fair_csv.h; the folder is
// made when missing) from the same plan, each file atomically.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace vetmatch {

struct FairOptions {
  std::string fair_path;
  std::string output_path;
  std::optional<std::string> round_path;   ///< --round
  std::optional<std::int32_t> budget;      ///< invite: --budget
  std::optional<std::string> objective;    ///< invite: --objective
  std::optional<std::string> report_path;  ///< plan: --report (HTML)
  std::optional<std::string> csv_dir;      ///< plan: --csv-dir
  int threads = 0;
  bool quiet = false;
  bool no_timings = false;
};

struct FairGenerateOptions {
  std::string round_path;
  std::string output_path;
  std::optional<std::string> round_ref;  ///< the "round" written
  std::uint64_t seed = 1;
  std::int32_t booths = 100;
  std::int32_t pool = 0;
  std::optional<std::int64_t> veterans;
  std::int32_t max_booths = 3;
  double min_fit = 0.6;
  int threads = 0;
  bool quiet = false;
};

struct FairRecordOptions {
  std::string fair_path;
  std::string intents_path;
  std::string output_path;
  std::optional<std::string> round_path;  ///< --round
  std::string intent = "taken";           ///< --intent taken|open
  bool quiet = false;
};

int run_fair_validate(const FairOptions& options);
int run_fair_invite(const FairOptions& options);
int run_fair_plan(const FairOptions& options);
int run_fair_generate(const FairGenerateOptions& options);
/// `fair record`: the round the fair was drawn from, with the outcomes
/// recorded at the fair appended to its taken / declined
/// (engine/fair/record.h), written as a round file for the next matching
/// round. Every problem of every file on stderr (exit 3) before anything
/// is written; a fair that names no round file and no --round is a usage
/// error (exit 2).
int run_fair_record(const FairRecordOptions& options);

/// Registers `fair` and its subcommands on `app`; after parsing, chosen()
/// says whether one of them was given and run() runs it.
class FairCli {
 public:
  explicit FairCli(CLI::App& app);
  bool chosen() const;
  int run();

 private:
  CLI::App* fair_ = nullptr;
  CLI::App* validate_ = nullptr;
  CLI::App* invite_ = nullptr;
  CLI::App* plan_ = nullptr;
  CLI::App* generate_ = nullptr;
  CLI::App* record_ = nullptr;
  FairOptions validate_options_, invite_options_, plan_options_;
  FairGenerateOptions generate_options_;
  FairRecordOptions record_options_;
};

}  // namespace vetmatch
