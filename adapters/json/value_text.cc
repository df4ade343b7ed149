#include "adapters/json/value_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace vetmatch {

std::string quote_text(std::string_view text) {
  bool cut = false;
  if (text.size() > kMaxQuotedBytes) {
    std::size_t end = kMaxQuotedBytes;
    // Back up to the start of a UTF-8 sequence (continuation bytes are
    // 10xxxxxx), so a multi-byte character is never split.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    text = text.substr(0, end);
    cut = true;
  }
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x",
                        static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  if (cut) out += "...";
  out += '"';
  return out;
}

std::size_t utf8_prefix(std::string_view s, bool printable) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    if (lead < 0x80) {
      if (printable && (lead < 0x20 || lead == 0x7F)) break;
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
    } else {
      break;
    }
    if (i + length > s.size()) break;
    bool whole = true;
    for (std::size_t k = 1; k < length; ++k) {
      whole &= (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (!whole) break;
    i += length;
  }
  return i;
}

std::string number_text(double x) {
  if (!std::isfinite(x)) return "a number too large for a double";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string describe_value(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
      return "false";
    case rapidjson::kTrueType:
      return "true";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return quote_text({value.GetString(), value.GetStringLength()});
    case rapidjson::kNumberType:
      if (value.IsInt64()) return std::to_string(value.GetInt64());
      if (value.IsUint64()) return std::to_string(value.GetUint64());
      return number_text(value.GetDouble());
  }
  return "a value";
}

}  // namespace vetmatch
