// `vetmatch generate`: writes a generated round (datasets/generator) to a
// round file, streamed block by block for every preset, so the province
// and national presets never hold their veterans in memory.
//
// Contract: same preset, seed and sizes give the same bytes, whatever
// --threads says; the file is written through a temporary renamed at the
// end (adapters/json/round_writer.h), so a failure leaves no half-written
// file. Unknown preset or bad sizes: exit 2; unwritable file: IoError
// (exit 4, from main).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "adapters/cli/commands.h"

namespace vetmatch {

struct GenerateOptions {
  std::string preset;
  std::uint64_t seed = 1;
  std::string output_path;
  /// Overrides of the preset's sizes (see GeneratorOptions).
  std::optional<std::int64_t> veterans;
  std::optional<std::int64_t> postings;
  std::optional<std::int64_t> employers;
  CommonOptions common;
};

int run_generate(const GenerateOptions& options);

}  // namespace vetmatch
