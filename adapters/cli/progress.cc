#include "adapters/cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace vetmatch {

StageReporter::StageReporter(bool enabled) : enabled_(enabled) {}

bool StageReporter::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void StageReporter::stage(std::string_view name, double seconds) {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K%-14.*s %8.3f s\n",
               static_cast<int>(name.size()), name.data(), seconds);
}

ProgressFn StageReporter::progress_fn() {
  if (!enabled_) return {};
  return [this](std::string_view stage, double fraction) {
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && now - last_draw_ < std::chrono::milliseconds(200)) {
      return;
    }
    last_draw_ = now;
    std::fprintf(stderr, "\r\033[K%-14.*s %5.1f%%",
                 static_cast<int>(stage.size()), stage.data(),
                 100.0 * fraction);
    std::fflush(stderr);
  };
}

}  // namespace vetmatch
