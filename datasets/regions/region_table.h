// China's administrative divisions (provinces, prefecture-level cities and
// county-level divisions, GB/T 2260 codes of 2023) with WGS-84 coordinates,
// compiled into the binary from datasets/tables/regions.tsv.
//
// Contract: codes are 6-digit strings ("130402"); provinces and cities are
// stored with their 6-digit form ("130000", "130400"). find() returns
// nullptr for an unknown code. Coordinates were converted from Baidu BD-09
// to WGS-84 by datasets/tools/derive_tables.py (see datasets/README.md).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vetmatch {

enum class RegionLevel { kProvince = 1, kCity = 2, kCounty = 3 };

struct Region {
  std::string code;    ///< 6 digits.
  std::string name;    ///< Chinese, UTF-8.
  std::string pinyin;  ///< May be empty where the source has none.
  RegionLevel level = RegionLevel::kCounty;
  std::string parent;  ///< Code of the parent division; empty for provinces.
  double lat = 0.0;    ///< WGS-84 degrees.
  double lon = 0.0;
};

class RegionTable {
 public:
  /// The table bundled with vetmatch; parsed once, on first use.
  static const RegionTable& bundled();

  /// Parses the regions.tsv format (header line, then one region a line).
  /// Throws std::runtime_error on a malformed table.
  static RegionTable parse(std::string_view tsv);

  const Region* find(std::string_view code) const;
  std::span<const Region> all() const { return regions_; }
  /// The divisions whose parent is `code`, in code order.
  std::vector<const Region*> children(std::string_view code) const;

 private:
  std::vector<Region> regions_;  ///< Sorted by code.
};

}  // namespace vetmatch
