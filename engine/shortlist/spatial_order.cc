#include "engine/shortlist/spatial_order.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "engine/scoring/geo.h"

namespace vetmatch {
namespace {

// Position of (x, y) along the Hilbert curve filling a 2^16 x 2^16 grid.
std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y) {
  constexpr std::uint32_t kSide = 1u << 16;
  std::uint64_t d = 0;
  for (std::uint32_t s = kSide / 2; s > 0; s /= 2) {
    const std::uint32_t rx = (x & s) ? 1 : 0;
    const std::uint32_t ry = (y & s) ? 1 : 0;
    d += std::uint64_t{s} * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = kSide - 1 - x;
        y = kSide - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

}  // namespace

std::vector<std::int32_t> hilbert_order(std::span<const float> xyz) {
  const std::size_t n = xyz.size() / 3;
  std::vector<double> lat(n), lon(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
    lat[i] = std::atan2(z, std::hypot(x, y)) / kDegToRad;
    lon[i] = std::atan2(y, x) / kDegToRad;
  });
  double lat_lo = 90, lat_hi = -90, lon_lo = 180, lon_hi = -180;
  for (std::size_t i = 0; i < n; ++i) {
    lat_lo = std::min(lat_lo, lat[i]);
    lat_hi = std::max(lat_hi, lat[i]);
    lon_lo = std::min(lon_lo, lon[i]);
    lon_hi = std::max(lon_hi, lon[i]);
  }
  const double cells = 65535.0;
  const double lat_step = std::max(lat_hi - lat_lo, 1e-9) / cells;
  const double lon_step = std::max(lon_hi - lon_lo, 1e-9) / cells;
  // (Hilbert index, position) in one word: sorting the words sorts by
  // index, then position, a total order (the same result on any thread
  // count).
  std::vector<std::uint64_t> keyed(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const auto gx = static_cast<std::uint32_t>((lon[i] - lon_lo) / lon_step);
    const auto gy = static_cast<std::uint32_t>((lat[i] - lat_lo) / lat_step);
    keyed[i] = hilbert_index(std::min(gx, 65535u), std::min(gy, 65535u)) << 32 |
               static_cast<std::uint64_t>(i);
  });
  tbb::parallel_sort(keyed.begin(), keyed.end());
  std::vector<std::int32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    order[i] = static_cast<std::int32_t>(keyed[i] & 0xFFFFFFFFu);
  }
  return order;
}

BoundingSphere bounding_sphere(std::span<const float> xyz,
                               std::span<const std::int32_t> order) {
  BoundingSphere s;
  if (order.empty()) {
    s.radius = -1.0;
    return s;
  }
  for (std::int32_t i : order) {
    s.x += xyz[3 * i];
    s.y += xyz[3 * i + 1];
    s.z += xyz[3 * i + 2];
  }
  const double n = static_cast<double>(order.size());
  s.x /= n;
  s.y /= n;
  s.z /= n;
  double r2 = 0.0;
  for (std::int32_t i : order) {
    const double dx = xyz[3 * i] - s.x, dy = xyz[3 * i + 1] - s.y,
                 dz = xyz[3 * i + 2] - s.z;
    r2 = std::max(r2, dx * dx + dy * dy + dz * dz);
  }
  // Rounding of the sums above is far below 1e-12; pad by that.
  s.radius = std::sqrt(r2) + 1e-12;
  return s;
}

double lower_bound_km(const BoundingSphere& a, const BoundingSphere& b) {
  if (a.radius < 0 || b.radius < 0) {
    return std::numeric_limits<double>::infinity();
  }
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  const double gap =
      std::sqrt(dx * dx + dy * dy + dz * dz) - a.radius - b.radius;
  // Each float unit vector lies within 2e-7 of the exact point (3 roundings
  // of 2^-24 relative): the exact chord is at least gap - 4e-7.
  const double chord = gap - 4e-7;
  return chord <= 0.0 ? 0.0 : kEarthRadiusKm * chord;
}

}  // namespace vetmatch
