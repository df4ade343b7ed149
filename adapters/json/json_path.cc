#include "adapters/json/json_path.h"

#include "engine/model/validate.h"

namespace vetmatch {

std::string JsonPath::str() const {
  std::string out;
  append_to(out);
  return out;
}

void JsonPath::append_to(std::string& out) const {
  if (parent_ == nullptr) return;
  parent_->append_to(out);
  out += '/';
  if (is_index_) {
    out += std::to_string(index_);
  } else {
    out += escape_pointer_token(key_);
  }
}

bool pointer_is_within(std::string_view path, std::string_view ancestor) {
  if (path.size() < ancestor.size()) return false;
  if (path.substr(0, ancestor.size()) != ancestor) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

}  // namespace vetmatch
