// Great-circle distance between two WGS-84 points.
//
// Definition (the one every part of vetmatch uses, on a sphere of radius
// kEarthRadiusKm):
//   h = sin^2((lat2-lat1)/2) + cos(lat1) cos(lat2) sin^2((lon2-lon1)/2)
//   d = 2 R asin(min(1, sqrt(h)))          (angles in radians)
#pragma once

#include "engine/model/round.h"

namespace vetmatch {

/// IUGG mean Earth radius.
inline constexpr double kEarthRadiusKm = 6371.0088;
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDegToRad = kPi / 180.0;

double great_circle_km(const GeoPoint& a, const GeoPoint& b);

}  // namespace vetmatch
