// The seeded round generator: realistic rounds at the users' scales.
//
// Contract: generate_round(options) is a pure function of the options: the
// same preset and seed give the same Round on every machine and build (the
// generator uses its own integer-based random draws, never the standard
// library's implementation-defined distributions). Every generated Round
// passes validate().
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/model/round.h"

namespace vetmatch {

enum class Preset {
  kDistrict,  ///< A recruitment fair: ~1,000 veterans x 500 postings.
  kCity,      ///< Handan: 265,000 veterans x 10,000 postings.
};

std::string_view to_string(Preset p);
std::optional<Preset> parse_preset(std::string_view name);

struct GeneratorOptions {
  Preset preset = Preset::kDistrict;
  std::uint64_t seed = 1;
};

Round generate_round(const GeneratorOptions& options);

}  // namespace vetmatch
