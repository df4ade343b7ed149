// The generator's vocabularies, parsed from the tables
// datasets/tables/{skills,specialties,industries,certificates,csco_onet,
// csco_titles}.tsv that datasets/CMakeLists.txt compiles into the binary
// (formats: /work/notes/issue3.md and datasets/README.md).
//
// Contract: Catalog::bundled() parses the embedded tables once (thread-safe)
// and throws std::runtime_error naming the table and line if one is empty
// (header only), malformed, or names an unknown skill, certificate,
// industry or CSCO code. Weights are kept as integer hundredths, exactly as
// written in the table.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vetmatch::gen {

struct SkillInfo {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string category;
};

struct ProfileEntry {
  int skill = 0;       ///< Index into Catalog::skills.
  int hundredths = 0;  ///< Weight in (0, 100].
};

/// An occupation code with a weight in integer hundredths (1..100).
struct WeightedCode {
  std::string code;
  int hundredths = 0;
};

/// Index into SpecialtyInfo::group_weight: soldier, nco, officer, spouse
/// (the order of vetmatch::Group).
inline constexpr int kGroupCount = 4;

struct SpecialtyInfo {
  std::string id;
  bool military = true;  ///< false: a civilian profile.
  std::string name_zh;
  std::string name_en;
  std::array<int, kGroupCount> group_weight{};
  std::vector<ProfileEntry> profile;  ///< The `skills` column: free tags.
  std::vector<int> certificates;      ///< Indices into Catalog::certificates.
  int required_certificate = -1;      ///< Or -1.
  std::vector<int> industries;        ///< Indices into Catalog::industries.
  std::vector<std::string> titles;
  /// The `csco` column: (index into Catalog::csco, hundredths), table order.
  std::vector<std::pair<int, int>> csco;
  /// The `onet` column: O*NET-SOC codes with weights.
  std::vector<WeightedCode> onet;
  /// The `us_analogues` column: "army:88M", ...
  std::vector<std::string> us_analogues;
};

/// A row of csco_onet.tsv (with its titles from csco_titles.tsv).
struct CscoInfo {
  std::string code;  ///< "4-02-01-01".
  std::string name_zh;
  std::vector<WeightedCode> onet;  ///< Best match first.
  std::vector<int> industries;     ///< Indices into Catalog::industries.
  std::string family;
  /// Real job titles for the code (csco_titles.tsv); may be empty.
  std::vector<std::string> titles;
};

struct IndustryInfo {
  std::string id;
  std::string name_zh;
  std::string name_en;
  int employer_weight = 1;
};

struct CertificateInfo {
  std::string id;
  std::string name_zh;
  std::string name_en;
};

/// The tables' text, for Catalog::parse.
struct CatalogTables {
  std::string_view skills;
  std::string_view specialties;
  std::string_view industries;
  std::string_view certificates;
  std::string_view csco_onet;
  std::string_view csco_titles;

  /// The tables compiled into the binary.
  static CatalogTables bundled();
};

struct Catalog {
  std::vector<SkillInfo> skills;
  std::vector<SpecialtyInfo> specialties;
  std::vector<IndustryInfo> industries;
  std::vector<CertificateInfo> certificates;
  std::vector<CscoInfo> csco;

  static const Catalog& bundled();
  /// Parses the tables' text (tests may pass their own).
  static Catalog parse(const CatalogTables& tables);

  int skill_index(std::string_view id) const;        ///< -1 if unknown.
  int industry_index(std::string_view id) const;     ///< -1 if unknown.
  int certificate_index(std::string_view id) const;  ///< -1 if unknown.
  int specialty_index(std::string_view id) const;    ///< -1 if unknown.
  int csco_index(std::string_view code) const;       ///< -1 if unknown.

 private:
  std::unordered_map<std::string, int> csco_by_code_;
};

/// "4-02-01-01": a detailed (level-4) CSCO 2022 code's shape.
bool is_csco_code(std::string_view s);
/// "53-3032.00": an O*NET-SOC code's shape.
bool is_onet_code(std::string_view s);

}  // namespace vetmatch::gen
