#include "datasets/generator/presets.h"

#include <stdexcept>

namespace vetmatch::gen {
namespace {

// Handan (邯郸市, 130400): DOMAIN.md's city round and district fair.
constexpr PresetSpec kDistrict{Preset::kDistrict, "district", 1000, 500, 100,
                               "130400",          true};
constexpr PresetSpec kCity{Preset::kCity, "city",   265000, 10000,
                           1200,          "130400", false};

/// Metres per degree of latitude on the sphere of engine/scoring/geo.h.
constexpr std::int64_t kMetresPerLatDegree = 111195;

/// cos(x) for |x| <= pi/2 by its Taylor series (+, * and / only, so the same
/// bits on every IEEE-754 machine; the build disables FMA contraction).
double taylor_cos(double x) {
  const double x2 = x * x;
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k <= 8; ++k) {
    term = -term * x2 / double((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

std::int64_t to_micro(double degrees) {
  // Table coordinates have at most 6 decimals; round half away from zero.
  const double scaled = degrees * 1e6;
  return static_cast<std::int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
}

/// a / b rounded to nearest (half away from zero), b > 0.
std::int64_t div_round(std::int64_t a, std::int64_t b) {
  return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

int place_weight(const Region& r) {
  const int tail = (r.code[4] - '0') * 10 + (r.code[5] - '0');
  if (tail >= 1 && tail <= 20) return 6;   // 市辖区: urban districts.
  if (tail >= 71 && tail <= 80) return 2;  // Development zones.
  if (tail >= 81) return 5;                // County-level cities.
  return 4;                                // Counties (县, 旗).
}

bool is_urban(const Region& r) {
  const int tail = (r.code[4] - '0') * 10 + (r.code[5] - '0');
  return (tail >= 1 && tail <= 20) || (tail >= 71 && tail <= 80);
}

}  // namespace

const PresetSpec& preset_spec(Preset p) {
  return p == Preset::kCity ? kCity : kDistrict;
}

GeoPoint to_geo(MicroPoint p) {
  // Division (not multiplication by 1e-6) gives the double nearest to the
  // decimal, so printing 6 decimals and reading back is exact.
  return {static_cast<double>(p.lat) / 1e6, static_cast<double>(p.lon) / 1e6};
}

std::vector<Place> preset_places(const PresetSpec& spec) {
  const RegionTable& table = RegionTable::bundled();
  std::vector<Place> places;
  for (const Region* r : table.children(spec.city_code)) {
    if (r->level != RegionLevel::kCounty) continue;
    if (spec.urban_only && !is_urban(*r)) continue;
    Place p;
    p.region = r;
    p.centre = {to_micro(r->lat), to_micro(r->lon)};
    p.weight = place_weight(*r);
    const double lat_rad =
        double(p.centre.lat) / 1e6 * (3.14159265358979323846 / 180.0);
    const double metres = double(kMetresPerLatDegree) * taylor_cos(lat_rad);
    p.metres_per_lon_degree = static_cast<std::int64_t>(metres + 0.5);
    if (p.metres_per_lon_degree < 1000) p.metres_per_lon_degree = 1000;
    places.push_back(p);
  }
  if (places.empty()) {
    throw std::runtime_error("generator: no county-level divisions under " +
                             std::string(spec.city_code));
  }
  return places;
}

MicroPoint jitter(const Place& place, int radius_m, Rng& rng) {
  const std::int64_t r = radius_m;
  std::int64_t dx = 0, dy = 0;
  do {
    dx = rng.range(-r, r);
    dy = rng.range(-r, r);
  } while (dx * dx + dy * dy > r * r);
  MicroPoint p = place.centre;
  p.lat += div_round(dy * 1000000, kMetresPerLatDegree);
  p.lon += div_round(dx * 1000000, place.metres_per_lon_degree);
  return p;
}

}  // namespace vetmatch::gen
