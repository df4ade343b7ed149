// `vetmatch next-round`: the next round's file from this round's file, its
// result and the answers that came back (engine/round/next_round.h).
//
// Contract: reads the round (codes and skills copied as written, not
// resolved), the result's assignments (adapters/json/result_reader.h) and
// the answers (JSON answers/1 or CSV, adapters/json/answers_reader.h);
// every problem of every file is listed on stderr with its file and JSON
// path (or CSV line) and the command exits 3 without writing; otherwise it
// writes the next round atomically (round_writer.h's layout) and, unless
// quiet, one summary line on stderr. Exit codes as every command
// (adapters/cli/exit_codes.h).
#pragma once

#include <string>

namespace vetmatch {

struct NextRoundOptions {
  std::string round_path;
  std::string result_path;
  std::string answers_path;
  std::string output_path;
  std::string unanswered = "open";  ///< "open" or "declined".
  bool quiet = false;
};

int run_next_round(const NextRoundOptions& options);

}  // namespace vetmatch
