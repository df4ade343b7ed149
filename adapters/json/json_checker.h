// Typed, checked access to a parsed JSON document that records every problem
// as an InputError and carries on, instead of stopping at the first.
//
// Contract: no getter calls a RapidJSON GetX() before the matching IsX(), so
// no input is undefined behaviour. A getter that finds a problem appends one
// error at the given path (expected: the text it was handed; found: a short
// rendering of the value, see value_text.h), leaves its output untouched and
// returns false. Numbers must be finite. walk_object() reports a value that
// is not an object, every unknown key (at the key's path, listing the known
// keys), every repeated key, and every missing required key (found
// "nothing"), and hands each known key's value to the visitor once.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "adapters/json/json_path.h"

namespace vetmatch {

/// One key an object may have.
struct KeySpec {
  std::string_view name;
  bool required = false;
  /// What its value must be, for messages ("a number in [-90, 90]").
  std::string_view expected;
};

/// "one of a, b, c".
std::string one_of(std::span<const std::string_view> names);

class JsonChecker {
 public:
  using Value = rapidjson::Value;

  JsonChecker(std::string file, std::vector<InputError>* errors)
      : file_(std::move(file)), errors_(errors) {}

  const std::string& file() const { return file_; }

  void error(const JsonPath& at, std::string expected, std::string found);
  /// A required value that is not there: found "nothing".
  void missing(const JsonPath& at, std::string_view expected);

  bool get_string(const Value& v, const JsonPath& at, std::string_view expected,
                  std::string* out);
  bool get_number(const Value& v, const JsonPath& at, std::string_view expected,
                  double* out);
  /// An integer in int's range: a JSON integer, or a number with no
  /// fractional part (2.0, 1e3).
  bool get_int(const Value& v, const JsonPath& at, std::string_view expected,
               int* out);
  bool get_bool(const Value& v, const JsonPath& at, std::string_view expected,
                bool* out);
  /// An array of strings; each bad element is reported at its index.
  bool get_string_list(const Value& v, const JsonPath& at,
                       std::string_view expected,
                       std::vector<std::string>* out);

  /// A string naming one member of a vocabulary (parse returns nullopt for
  /// unknown names; names lists them all for the message).
  template <typename Enum>
  bool get_name(const Value& v, const JsonPath& at,
                std::optional<Enum> (*parse)(std::string_view),
                std::span<const std::string_view> names, Enum* out) {
    if (v.IsString()) {
      if (std::optional<Enum> e =
              parse(std::string_view(v.GetString(), v.GetStringLength()))) {
        *out = *e;
        return true;
      }
    }
    error(at, one_of(names), describe(v));
    return false;
  }

  /// See the file comment. visit(key_index, value, path) is called for each
  /// known key present, in document order. Returns false (and visits
  /// nothing) when v is not an object.
  template <typename Visit>
  bool walk_object(const Value& v, const JsonPath& at,
                   std::string_view expected, std::span<const KeySpec> keys,
                   Visit&& visit) {
    if (!v.IsObject()) {
      error(at, std::string(expected), describe(v));
      return false;
    }
    std::uint64_t seen = 0;  // keys.size() <= 64
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      const std::string_view name(m->name.GetString(),
                                  m->name.GetStringLength());
      const JsonPath child(at, name);
      const std::size_t k = find_key(keys, name);
      if (k == keys.size()) {
        unknown_key(child, keys);
        continue;
      }
      const std::uint64_t bit = std::uint64_t{1} << k;
      if (seen & bit) {
        repeated_key(child);
        continue;
      }
      seen |= bit;
      visit(k, m->value, child);
    }
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (keys[k].required && !(seen & (std::uint64_t{1} << k))) {
        const JsonPath child(at, keys[k].name);
        missing(child, keys[k].expected);
      }
    }
    return true;
  }

  /// An object used as a map (skill id -> weight): visit(name, value, path)
  /// for each member, repeated names reported and skipped.
  template <typename Visit>
  bool walk_map(const Value& v, const JsonPath& at, std::string_view expected,
                Visit&& visit) {
    if (!v.IsObject()) {
      error(at, std::string(expected), describe(v));
      return false;
    }
    const auto begin = v.MemberBegin();
    for (auto m = begin; m != v.MemberEnd(); ++m) {
      const std::string_view name(m->name.GetString(),
                                  m->name.GetStringLength());
      const JsonPath child(at, name);
      if (repeats_earlier_name(v, m)) {
        repeated_key(child);
        continue;
      }
      visit(name, m->value, child);
    }
    return true;
  }

  /// visit(index, value, path) for each element. Returns false (and visits
  /// nothing) when v is not an array.
  template <typename Visit>
  bool walk_array(const Value& v, const JsonPath& at, std::string_view expected,
                  Visit&& visit) {
    if (!v.IsArray()) {
      error(at, std::string(expected), describe(v));
      return false;
    }
    std::size_t i = 0;
    for (auto e = v.Begin(); e != v.End(); ++e, ++i) {
      const JsonPath child(at, i);
      visit(i, *e, child);
    }
    return true;
  }

  static std::string describe(const Value& v);

 private:
  static std::size_t find_key(std::span<const KeySpec> keys,
                              std::string_view name);
  void unknown_key(const JsonPath& at, std::span<const KeySpec> keys);
  void repeated_key(const JsonPath& at);
  /// True when the member at `m` has the same name as an earlier member of
  /// `object`. Linear for small objects; hashed once for large ones.
  bool repeats_earlier_name(const Value& object, Value::ConstMemberIterator m);

  std::string file_;
  std::vector<InputError>* errors_;
  /// Large-object duplicate detection: the object the set below describes.
  const Value* hashed_object_ = nullptr;
  std::vector<bool> hashed_repeats_;
};

}  // namespace vetmatch
