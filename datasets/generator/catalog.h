// The generator's vocabularies, parsed from the hand-written tables
// datasets/tables/{skills,specialties,industries,certificates}.tsv that
// datasets/CMakeLists.txt compiles into the binary.
//
// Contract: Catalog::bundled() parses the embedded tables once (thread-safe)
// and throws std::runtime_error naming the table and line if one is
// malformed or names an unknown skill, certificate or industry. Weights are
// kept as integer hundredths, exactly as written in the table.
#pragma once

#include <array>
#include <string>
#include <string_view>
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

/// Index into SpecialtyInfo::group_weight: soldier, nco, officer, spouse
/// (the order of vetmatch::Group).
inline constexpr int kGroupCount = 4;

struct SpecialtyInfo {
  std::string id;
  bool military = true;  ///< false: a civilian profile.
  std::string name_zh;
  std::string name_en;
  std::array<int, kGroupCount> group_weight{};
  std::vector<ProfileEntry> profile;
  std::vector<int> certificates;  ///< Indices into Catalog::certificates.
  int required_certificate = -1;  ///< Or -1.
  std::vector<int> industries;    ///< Indices into Catalog::industries.
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

struct Catalog {
  std::vector<SkillInfo> skills;
  std::vector<SpecialtyInfo> specialties;
  std::vector<IndustryInfo> industries;
  std::vector<CertificateInfo> certificates;

  static const Catalog& bundled();
  /// Parses the four tables' text (tests may pass their own).
  static Catalog parse(std::string_view skills_tsv,
                       std::string_view specialties_tsv,
                       std::string_view industries_tsv,
                       std::string_view certificates_tsv);

  int skill_index(std::string_view id) const;        ///< -1 if unknown.
  int industry_index(std::string_view id) const;     ///< -1 if unknown.
  int certificate_index(std::string_view id) const;  ///< -1 if unknown.
  int specialty_index(std::string_view id) const;    ///< -1 if unknown.
};

}  // namespace vetmatch::gen
