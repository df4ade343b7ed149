#include "adapters/cli/command_support.h"

#include <cstdio>

namespace vetmatch {

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(
      tbb::global_control::max_allowed_parallelism,
      static_cast<std::size_t>(threads));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

void print_input_errors(const std::string& path,
                        const std::vector<InputError>& errors) {
  for (const InputError& e : errors) {
    std::fprintf(stderr, "%s\n", e.message().c_str());
  }
  std::fprintf(stderr, "vetmatch: %s: %zu problem%s found\n", path.c_str(),
               errors.size(), errors.size() == 1 ? "" : "s");
}

void print_warnings(const std::vector<InputError>& warnings) {
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < warnings.size() && i < kShown; ++i) {
    std::fprintf(stderr, "%s\n", warnings[i].message().c_str());
  }
  if (warnings.size() > kShown) {
    std::fprintf(stderr, "vetmatch: %zu more warnings not shown\n",
                 warnings.size() - kShown);
  }
}

}  // namespace vetmatch
