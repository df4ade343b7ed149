// The generator's presets: sizes and the places they cover, after the
// scales in DOMAIN.md ("Scale to plan for"), and the places' draw weights
// (division types; census populations for the province and national
// presets, datasets/tables/populations.tsv).
//
// Contract: preset_spec(p) is a constant; preset_places(spec) lists the
// county-level divisions of the preset from RegionTable::bundled(), in code
// order, each with its draw weight and its centre in integer micro-degrees;
// it throws std::runtime_error if the region or population table lacks
// something the preset needs.
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

enum class Scope {
  kCity,      ///< The county-level divisions of one prefecture-level city.
  kProvince,  ///< Of one province, weighted by its cities' populations.
  kNation,    ///< Of all provinces, weighted by their populations.
};

struct PresetSpec {
  Preset preset;
  std::string_view name;
  std::int64_t veterans = 0;
  std::int64_t postings = 0;
  std::int64_t employers = 0;
  Scope scope = Scope::kCity;
  /// The city (kCity) or province (kProvince) the round covers; empty for
  /// the nation.
  std::string_view scope_code;
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

/// The draw weight of a county-level division by its type (GB/T 2260 code
/// ranges of the last two digits): urban districts (01-20) 6, county-level
/// cities (81-99) 5, counties (21-70) 4, development zones (71-80) 2. A
/// prefecture-level city without county-level divisions (东莞, 中山, 儋州)
/// stands for itself with weight 6.
int division_type_weight(const Region& r);

struct Place {
  const Region* region = nullptr;
  MicroPoint centre;
  /// Draw weight: the division type's weight (city presets), or the census
  /// population of the place's city (province preset) or province (national
  /// preset) shared among its county-level divisions in proportion to their
  /// type weights (rounded to a whole number of people).
  std::int64_t weight = 1;
  /// Metres per degree of longitude at the centre's latitude.
  std::int64_t metres_per_lon_degree = 1;
  /// Index of the place's prefecture-level city among the preset's cities
  /// (branches of an employer stay in its city).
  int area = 0;
  /// The short name of the place's city ("邯郸"; the province's for a
  /// municipality's districts or a province-administered county), for
  /// organisation names.
  std::string city_short;
};

std::vector<Place> preset_places(const PresetSpec& spec);

/// Census populations (datasets/tables/populations.tsv): scope
/// "province" or "city", 6-digit code -> people; throws if absent.
std::int64_t census_population(std::string_view scope, std::string_view code);

/// A point uniformly within `radius_m` metres of the place's centre
/// (rejection sampling on an integer square grid of metres).
MicroPoint jitter(const Place& place, int radius_m, Rng& rng);

}  // namespace vetmatch::gen
