// Spatial ordering and bounding spheres for geo pruning.
//
// Points are the unit vectors (x, y, z per point) of IndexedRound's
// veteran_xyz / posting_xyz. hilbert_order() sorts them along a Hilbert
// curve over a 2^16 x 2^16 grid of (latitude, longitude) spanning their
// bounding box, ties by index, so consecutive points are near each other:
// a group of consecutive points has a small bounding sphere. The order only
// affects speed, never results.
//
// BoundingSphere's contract: every point of the group lies within chord
// distance `radius` of `centre` (centre need not be on the sphere), so for
// two groups every pair's chord is at least
// |centre_a - centre_b| - radius_a - radius_b, and its great-circle distance
// at least kEarthRadiusKm times that (arc >= chord on the unit sphere).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vetmatch {

/// Indices 0..n-1 of the n points in xyz (3 floats each) in Hilbert order.
std::vector<std::int32_t> hilbert_order(std::span<const float> xyz);

struct BoundingSphere {
  double x = 0.0, y = 0.0, z = 0.0;
  double radius = 0.0;  ///< chord units (the unit sphere's)
};

/// The sphere around the points order[begin .. end) of xyz. Empty range:
/// radius -1 (lower_bound_km() is then +infinity).
BoundingSphere bounding_sphere(std::span<const float> xyz,
                               std::span<const std::int32_t> order);

/// A lower bound on the great-circle distance (km) between any point of a
/// and any point of b, allowing for the float rounding of the unit vectors
/// (never above the exact distance geo.h computes).
double lower_bound_km(const BoundingSphere& a, const BoundingSphere& b);

}  // namespace vetmatch
