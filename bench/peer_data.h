// The arrays the peers of bench/peer_comparison.cc read, cut out of an
// IndexedRound and kept in a flat binary file, so that every peer runs in a
// process of its own on exactly the engine's data without generating the
// round again.
//
// Contract: from_indexed_round() copies, slot for slot, the engine's float
// skill matrices (row-major, L2-normalised rows), the coordinates in both
// the exact and the float form, the commute limits and the attributes of
// the hard rules; save() and load() round-trip it byte for byte. load()
// with a slice keeps the first `slice` veteran slots only (the peers'
// "slice of the round" for extrapolating a round too big to run whole).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace vetmatch {

struct IndexedRound;

namespace peer {

struct PeerData {
  std::int64_t n = 0;  ///< Veteran slots.
  std::int64_t m = 0;  ///< Posting slots.
  std::int64_t d = 0;  ///< Skill columns (ir.veteran_matrix.cols()).

  std::vector<float> veteran_matrix;  ///< n x d, row-major
  std::vector<float> posting_matrix;  ///< m x d, row-major
  std::vector<float> veteran_xyz;     ///< 3 per slot, unit vectors
  std::vector<float> posting_xyz;
  std::vector<double> veteran_place;  ///< 3 per slot: lat_rad, cos_lat, lon_deg
  std::vector<double> posting_place;
  std::vector<double> veteran_commute_km;  ///< +infinity when no limit

  std::vector<std::uint8_t> veteran_wants;
  std::vector<std::uint8_t> veteran_is_spouse;
  std::vector<std::uint8_t> veteran_education;
  std::vector<std::uint64_t> veteran_cert_mask;
  std::vector<std::uint64_t> veteran_cert_offsets;  ///< n + 1
  std::vector<std::int32_t> veteran_certs;
  std::vector<std::uint64_t> veteran_industry_offsets;  ///< n + 1
  std::vector<std::int32_t> veteran_industries;

  std::vector<std::uint8_t> posting_kind_bit;
  std::vector<std::uint8_t> posting_admits_spouses;
  std::vector<std::uint8_t> posting_min_education;
  std::vector<std::uint64_t> posting_cert_mask;
  std::vector<std::uint64_t> posting_cert_offsets;  ///< m + 1
  std::vector<std::int32_t> posting_certs;
  std::vector<std::int32_t> posting_industry;  ///< -1 when none
  std::vector<std::int32_t> posting_open;

  std::vector<std::uint64_t> declined;  ///< (v << 32 | p), sorted

  double w_skill = 0.0, w_location = 0.0, w_preference = 0.0;
  double distance_scale_km = 1.0;

  /// True when some veteran has a finite commute limit.
  bool has_commute_limit() const;
};

PeerData from_indexed_round(const IndexedRound& ir);
/// Throws std::runtime_error on an I/O error.
void save(const PeerData& data, const std::string& path);
/// slice <= 0 or >= n: every veteran.
PeerData load(const std::string& path, std::int64_t slice = 0);

inline constexpr double kEarthRadiusKm = 6371.0088;  // as engine/scoring/geo.h

/// Haversine great-circle distance in double from the exact coordinates
/// (the formula of engine/scoring/geo.h).
inline double haversine_km(const PeerData& data, std::int64_t v,
                           std::int64_t p) {
  const double* a = &data.veteran_place[3 * v];
  const double* b = &data.posting_place[3 * p];
  const double half_dlat = (b[0] - a[0]) * 0.5;
  const double half_dlon =
      (b[2] - a[2]) * (3.14159265358979323846 / 180.0) * 0.5;
  const double s_lat = std::sin(half_dlat);
  const double s_lon = std::sin(half_dlon);
  const double h = s_lat * s_lat + a[1] * b[1] * s_lon * s_lon;
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

/// Peak resident set of this process so far (VmHWM), in KiB; 0 if unknown.
std::int64_t peak_rss_kib();

}  // namespace peer
}  // namespace vetmatch
