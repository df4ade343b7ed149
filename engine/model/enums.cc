#include "engine/model/enums.h"

#include <array>

namespace vetmatch {
namespace {

constexpr std::array<std::string_view, 4> kGroupNames = {"soldier", "nco",
                                                         "officer", "spouse"};
constexpr std::array<std::string_view, 3> kPostingKindNames = {
    "job", "incubation", "training"};
constexpr std::array<std::string_view, 3> kEmployerKindNames = {
    "enterprise", "incubation_base", "training_base"};
constexpr std::array<std::string_view, 9> kEducationNames = {
    "none",       "primary",   "junior_secondary", "senior_secondary",
    "vocational", "associate", "bachelor",         "master",
    "doctorate"};
constexpr std::array<std::string_view, 4> kPriorityFlagNames = {
    "disabled", "martyr_family", "merit", "hardship"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names,
                               std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Group g) {
  return kGroupNames[static_cast<std::size_t>(g)];
}
std::string_view to_string(PostingKind k) {
  return kPostingKindNames[static_cast<std::size_t>(k)];
}
std::string_view to_string(EmployerKind k) {
  return kEmployerKindNames[static_cast<std::size_t>(k)];
}
std::string_view to_string(Education e) {
  return kEducationNames[static_cast<std::size_t>(e)];
}
std::string_view to_string(PriorityFlag f) {
  return kPriorityFlagNames[static_cast<std::size_t>(f)];
}

std::optional<Group> parse_group(std::string_view name) {
  return parse_name<Group>(kGroupNames, name);
}
std::optional<PostingKind> parse_posting_kind(std::string_view name) {
  return parse_name<PostingKind>(kPostingKindNames, name);
}
std::optional<EmployerKind> parse_employer_kind(std::string_view name) {
  return parse_name<EmployerKind>(kEmployerKindNames, name);
}
std::optional<Education> parse_education(std::string_view name) {
  return parse_name<Education>(kEducationNames, name);
}
std::optional<PriorityFlag> parse_priority_flag(std::string_view name) {
  return parse_name<PriorityFlag>(kPriorityFlagNames, name);
}

std::span<const std::string_view> group_names() { return kGroupNames; }
std::span<const std::string_view> posting_kind_names() {
  return kPostingKindNames;
}
std::span<const std::string_view> employer_kind_names() {
  return kEmployerKindNames;
}
std::span<const std::string_view> education_names() { return kEducationNames; }
std::span<const std::string_view> priority_flag_names() {
  return kPriorityFlagNames;
}

}  // namespace vetmatch
