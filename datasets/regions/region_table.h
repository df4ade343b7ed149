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

/// What a `region` text in a round file resolves to.
struct RegionLookup {
  enum class Outcome {
    kFound,      ///< `region` is the division named.
    kFallback,   ///< A county-level code missing from the table: `region`
                 ///< is its city (or province), with a warning.
    kAmbiguous,  ///< A name several divisions share: see `candidates`.
    kUnknown,
  };
  Outcome outcome = Outcome::kUnknown;
  const Region* region = nullptr;
  std::vector<const Region*> candidates;  ///< For kAmbiguous, in code order.
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

  /// The divisions an exact Chinese name denotes, in code order: a plain
  /// name ("邯山区"), or one qualified by its parents ("邯郸市邯山区",
  /// "河北省邯郸市邯山区", "北京市朝阳区"). Empty when none.
  std::vector<const Region*> find_by_name(std::string_view name) const;

  /// Resolves a round file's `region`: a 6-digit code (a county-level code
  /// missing from the 2023 table falls back to its city, else its province)
  /// or an exact name that only one division has.
  RegionLookup resolve(std::string_view text) const;

  /// "130402 邯山区 (河北省邯郸市)": a code with its name and parents.
  std::string describe(const Region& region) const;

 private:
  void index_names();

  std::vector<Region> regions_;  ///< Sorted by code.
  /// (name, index into regions_) sorted by name, then code.
  std::vector<std::pair<std::string, std::size_t>> names_;
};

}  // namespace vetmatch
