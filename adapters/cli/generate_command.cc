#include "adapters/cli/generate_command.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "adapters/cli/command_support.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/cli/progress.h"
#include "adapters/json/round_writer.h"
#include "datasets/generator/generator.h"

namespace vetmatch {

int run_generate(const GenerateOptions& options) {
  const auto thread_limit = limit_threads(options.common.threads);
  StageReporter reporter(!options.common.quiet &&
                         StageReporter::stderr_is_terminal());
  const std::optional<Preset> preset = parse_preset(options.preset);
  if (!preset) {
    std::fprintf(stderr,
                 "vetmatch generate: unknown preset \"%s\" (district, city, "
                 "province, national)\n",
                 options.preset.c_str());
    return kExitUsage;
  }
  GeneratorOptions generator_options;
  generator_options.preset = *preset;
  generator_options.seed = options.seed;
  generator_options.veterans = options.veterans;
  generator_options.postings = options.postings;
  generator_options.employers = options.employers;

  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<RoundGenerator> generator;
  try {
    generator = std::make_unique<RoundGenerator>(generator_options);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "vetmatch generate: %s\n", e.what());
    return kExitUsage;
  }
  reporter.stage("employers", seconds_since(start));

  start = std::chrono::steady_clock::now();
  RoundSource source;
  source.config = generator->config();
  source.employers = generator->employers();
  const RoundGenerator& g = *generator;
  source.postings.count = g.posting_blocks();
  source.postings.fill = [&g](std::size_t b, std::vector<Posting>& out) {
    g.postings(b, out);
  };
  source.veterans.count = g.veteran_blocks();
  source.veterans.fill = [&g](std::size_t b, std::vector<Veteran>& out) {
    g.veterans(b, out);
  };
  write_round_file(options.output_path, source, reporter.progress_fn());
  reporter.stage("write round", seconds_since(start));
  if (reporter.enabled()) {
    std::fprintf(
        stderr, "wrote %s: %lld veterans, %lld postings, %zu employers\n",
        options.output_path.c_str(), static_cast<long long>(g.veteran_count()),
        static_cast<long long>(g.posting_count()), g.employers().size());
  }
  return kExitOk;
}

}  // namespace vetmatch
