#include "engine/skills/skill_space.h"

namespace vetmatch {

bool SkillSpace::is_dimension_id(std::string_view id) {
  return id.starts_with("skill.") || id.starts_with("knowledge.");
}

}  // namespace vetmatch
