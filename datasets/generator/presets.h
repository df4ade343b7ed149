// The generator's presets: sizes and the places they cover, after the
// scales in DOMAIN.md ("Scale to plan for").
//
// Contract: preset_spec(p) is a constant; preset_places(spec) lists the
// county-level divisions of the preset from RegionTable::bundled(), in code
// order, each with its draw weight and its centre in integer micro-degrees.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/generator/generator.h"
#include "datasets/generator/random.h"
#include "datasets/regions/region_table.h"
#include "engine/model/round.h"

namespace vetmatch::gen {

struct PresetSpec {
  Preset preset;
  std::string_view name;
  int veterans = 0;
  int postings = 0;
  int employers = 0;
  /// The prefecture-level city whose counties the round covers.
  std::string_view city_code;
  /// Only the city's urban districts and development zones (a district fair)
  /// rather than all its county-level divisions.
  bool urban_only = false;
};

const PresetSpec& preset_spec(Preset p);

/// A point in integer micro-degrees (WGS-84), so that every coordinate the
/// generator makes prints with 6 decimals and reads back exactly.
struct MicroPoint {
  std::int64_t lat = 0;
  std::int64_t lon = 0;
};

GeoPoint to_geo(MicroPoint p);

struct Place {
  const Region* region = nullptr;
  MicroPoint centre;
  /// Draw weight: urban districts 6, county-level cities 5, counties 4,
  /// development zones 2 (by the GB/T 2260 code ranges 01-20, 81-99, 21-70,
  /// 71-80 of the last two digits): population-weighted-ish.
  int weight = 1;
  /// Metres per degree of longitude at the centre's latitude.
  std::int64_t metres_per_lon_degree = 1;
};

std::vector<Place> preset_places(const PresetSpec& spec);

/// A point uniformly within `radius_m` metres of the place's centre
/// (rejection sampling on an integer square grid of metres).
MicroPoint jitter(const Place& place, int radius_m, Rng& rng);

}  // namespace vetmatch::gen
