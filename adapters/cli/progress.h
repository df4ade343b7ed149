// Stage reporting on stderr for the CLI.
//
// Contract: when enabled (stderr is a terminal and not --quiet), stage()
// prints "<stage> ... <seconds> s" lines and progress() redraws one status
// line in place; when disabled, both print nothing. Results never go to
// stderr, only to files.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "engine/util/progress.h"

namespace vetmatch {

class StageReporter {
 public:
  explicit StageReporter(bool enabled);

  /// True when stderr is a terminal.
  static bool stderr_is_terminal();

  /// Reports a finished stage and how long it took.
  void stage(std::string_view name, double seconds);
  /// A ProgressFn for the engine that draws a percentage on one line.
  ProgressFn progress_fn();
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  std::string last_line_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace vetmatch
