#include "adapters/json/json_checker.h"

#include <cmath>
#include <limits>
#include <unordered_set>

#include "adapters/json/value_text.h"

namespace vetmatch {
namespace {

// Objects with more members than this are checked for repeated names with a
// hash set instead of pairwise comparison.
constexpr rapidjson::SizeType kLinearDuplicateScan = 16;

std::string_view name_of(const rapidjson::Value& v) {
  return {v.GetString(), v.GetStringLength()};
}

}  // namespace

std::string one_of(std::span<const std::string_view> names) {
  std::string out = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out.append(names[i]);
  }
  return out;
}

std::string JsonChecker::describe(const Value& v) { return describe_value(v); }

void JsonChecker::error(const JsonPath& at, std::string expected,
                        std::string found) {
  InputError e;
  e.file = file_;
  e.json_path = at.str();
  e.expected = std::move(expected);
  e.found = std::move(found);
  errors_->push_back(std::move(e));
}

void JsonChecker::missing(const JsonPath& at, std::string_view expected) {
  error(at, std::string(expected), "nothing");
}

bool JsonChecker::get_string(const Value& v, const JsonPath& at,
                             std::string_view expected, std::string* out) {
  if (!v.IsString()) {
    error(at, std::string(expected), describe(v));
    return false;
  }
  out->assign(v.GetString(), v.GetStringLength());
  return true;
}

bool JsonChecker::get_number(const Value& v, const JsonPath& at,
                             std::string_view expected, double* out) {
  if (!v.IsNumber()) {
    error(at, std::string(expected), describe(v));
    return false;
  }
  const double x = v.GetDouble();
  if (!std::isfinite(x)) {  // RapidJSON reads some huge numbers as inf/NaN
    error(at, std::string(expected), describe(v));
    return false;
  }
  *out = x;
  return true;
}

bool JsonChecker::get_int(const Value& v, const JsonPath& at,
                          std::string_view expected, int* out) {
  if (v.IsInt()) {
    *out = v.GetInt();
    return true;
  }
  if (v.IsDouble()) {
    const double x = v.GetDouble();
    if (std::isfinite(x) && x == std::trunc(x) &&
        x >= std::numeric_limits<int>::min() &&
        x <= std::numeric_limits<int>::max()) {
      *out = static_cast<int>(x);
      return true;
    }
  }
  error(at, std::string(expected), describe(v));
  return false;
}

bool JsonChecker::get_bool(const Value& v, const JsonPath& at,
                           std::string_view expected, bool* out) {
  if (!v.IsBool()) {
    error(at, std::string(expected), describe(v));
    return false;
  }
  *out = v.GetBool();
  return true;
}

bool JsonChecker::get_string_list(const Value& v, const JsonPath& at,
                                  std::string_view expected,
                                  std::vector<std::string>* out) {
  std::vector<std::string> list;
  bool ok = true;
  const bool is_array = walk_array(
      v, at, expected, [&](std::size_t, const Value& e, const JsonPath& path) {
        std::string s;
        if (get_string(e, path, "a string", &s)) {
          list.push_back(std::move(s));
        } else {
          ok = false;
        }
      });
  if (!is_array || !ok) return false;
  *out = std::move(list);
  return true;
}

std::size_t JsonChecker::find_key(std::span<const KeySpec> keys,
                                  std::string_view name) {
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (keys[k].name == name) return k;
  }
  return keys.size();
}

void JsonChecker::unknown_key(const JsonPath& at,
                              std::span<const KeySpec> keys) {
  std::string expected = "one of the keys ";
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k > 0) expected += ", ";
    expected.append(keys[k].name);
  }
  error(at, std::move(expected), "an unknown key");
}

void JsonChecker::repeated_key(const JsonPath& at) {
  error(at, "each key at most once in an object", "a repeated key");
}

bool JsonChecker::repeats_earlier_name(const Value& object,
                                       Value::ConstMemberIterator m) {
  const auto begin = object.MemberBegin();
  if (object.MemberCount() <= kLinearDuplicateScan) {
    for (auto other = begin; other != m; ++other) {
      if (name_of(other->name) == name_of(m->name)) return true;
    }
    return false;
  }
  if (hashed_object_ != &object) {
    hashed_object_ = &object;
    hashed_repeats_.assign(object.MemberCount(), false);
    std::unordered_set<std::string_view> seen;
    seen.reserve(object.MemberCount());
    std::size_t i = 0;
    for (auto it = begin; it != object.MemberEnd(); ++it, ++i) {
      hashed_repeats_[i] = !seen.insert(name_of(it->name)).second;
    }
  }
  return hashed_repeats_[static_cast<std::size_t>(m - begin)];
}

}  // namespace vetmatch
