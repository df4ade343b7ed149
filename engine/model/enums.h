// The closed vocabularies of the model (groups, posting kinds, employer kinds,
// education levels, priority flags) with their round-file names.
//
// Contract: to_string(x) returns the snake_case name used in round and result
// files; parse_*(name) returns std::nullopt for an unknown name. Education
// levels are ordered: a posting's minimum is met by any level >= it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace vetmatch {

enum class Group : std::uint8_t { kSoldier, kNco, kOfficer, kSpouse };

enum class PostingKind : std::uint8_t { kJob, kIncubation, kTraining };

enum class EmployerKind : std::uint8_t {
  kEnterprise,
  kIncubationBase,
  kTrainingBase
};

/// Ordered from lowest to highest.
enum class Education : std::uint8_t {
  kNone,
  kPrimary,
  kJuniorSecondary,
  kSeniorSecondary,
  kVocational,
  kAssociate,
  kBachelor,
  kMaster,
  kDoctorate
};

enum class PriorityFlag : std::uint8_t {
  kDisabled,
  kMartyrFamily,
  kMerit,
  kHardship
};

/// A set of posting kinds as a bit mask (bit i = PostingKind i).
using PostingKindSet = std::uint8_t;
inline constexpr PostingKindSet kAllPostingKinds = 0b111;
constexpr PostingKindSet kind_bit(PostingKind k) {
  return static_cast<PostingKindSet>(1u << static_cast<unsigned>(k));
}

/// A set of priority flags as a bit mask (bit i = PriorityFlag i).
using PrioritySet = std::uint8_t;
constexpr PrioritySet priority_bit(PriorityFlag f) {
  return static_cast<PrioritySet>(1u << static_cast<unsigned>(f));
}

std::string_view to_string(Group g);
std::string_view to_string(PostingKind k);
std::string_view to_string(EmployerKind k);
std::string_view to_string(Education e);
std::string_view to_string(PriorityFlag f);

std::optional<Group> parse_group(std::string_view name);
std::optional<PostingKind> parse_posting_kind(std::string_view name);
std::optional<EmployerKind> parse_employer_kind(std::string_view name);
std::optional<Education> parse_education(std::string_view name);
std::optional<PriorityFlag> parse_priority_flag(std::string_view name);

/// All names of each vocabulary, in enum order (for messages and docs).
std::span<const std::string_view> group_names();
std::span<const std::string_view> posting_kind_names();
std::span<const std::string_view> employer_kind_names();
std::span<const std::string_view> education_names();
std::span<const std::string_view> priority_flag_names();

}  // namespace vetmatch
