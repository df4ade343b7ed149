#include "engine/scoring/geo.h"

#include <algorithm>
#include <cmath>

namespace vetmatch {

double great_circle_km(const GeoPoint& a, const GeoPoint& b) {
  const double lat1 = a.lat * kDegToRad;
  const double lat2 = b.lat * kDegToRad;
  const double half_dlat = (lat2 - lat1) * 0.5;
  const double half_dlon = (b.lon - a.lon) * kDegToRad * 0.5;
  const double s_lat = std::sin(half_dlat);
  const double s_lon = std::sin(half_dlon);
  const double h =
      s_lat * s_lat + std::cos(lat1) * std::cos(lat2) * s_lon * s_lon;
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace vetmatch
