// JSON Pointers (RFC 6901) built while walking a parsed document, without
// allocating until one is needed for a message.
//
// Contract: a JsonPath is a node that names one step (an object key or an
// array index) and points to its parent node, which must outlive it; create
// children as named locals (`JsonPath lat(location, "lat");`), never from
// temporaries you keep. str() renders the whole pointer, "~" and "/" in keys
// escaped as "~0" and "~1": the root renders as "", a child of the root as
// "/veterans", and so on ("/veterans/17/location/lat").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vetmatch {

class JsonPath {
 public:
  /// The document root ("").
  JsonPath() = default;
  /// The member `key` of the object at `parent`.
  JsonPath(const JsonPath& parent, std::string_view key)
      : parent_(&parent), key_(key), is_index_(false) {}
  /// The element `index` of the array at `parent`.
  JsonPath(const JsonPath& parent, std::size_t index)
      : parent_(&parent), index_(index), is_index_(true) {}

  JsonPath(const JsonPath&) = delete;
  JsonPath& operator=(const JsonPath&) = delete;

  bool is_root() const { return parent_ == nullptr; }
  std::string str() const;

 private:
  void append_to(std::string& out) const;

  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

/// True when `path` is `ancestor` or lies under it ("/a/b" is under "/a",
/// "/ab" is not). The root "" contains every path.
bool pointer_is_within(std::string_view path, std::string_view ancestor);

}  // namespace vetmatch
