#include "adapters/json/json_document.h"

#include <rapidjson/error/error.h>

#include <cstdio>

#include "adapters/json/value_text.h"

namespace vetmatch {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// What a sound document would have had at the error's place.
const char* expected_for(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      return "a JSON document";
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return "the end of the document after the top-level value";
    case rapidjson::kParseErrorValueInvalid:
      return "a JSON value (object, array, string, number, true, false or "
             "null)";
    case rapidjson::kParseErrorObjectMissName:
      return "a member name in double quotes";
    case rapidjson::kParseErrorObjectMissColon:
      return "':' after a member name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return "',' or '}' after an object member";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return "',' or ']' after an array element";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      return "four hex digits after \\u";
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return "a valid UTF-16 surrogate pair";
    case rapidjson::kParseErrorStringEscapeInvalid:
      return "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX); "
             "control characters in strings must be escaped";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "a closing '\"'";
    case rapidjson::kParseErrorStringInvalidEncoding:
      return "valid UTF-8 text";
    case rapidjson::kParseErrorNumberTooBig:
      return "a number that fits in a double (at most about 1.8e308)";
    case rapidjson::kParseErrorNumberMissFraction:
      return "digits after the decimal point";
    case rapidjson::kParseErrorNumberMissExponent:
      return "digits in the exponent";
    case rapidjson::kParseErrorNone:
    case rapidjson::kParseErrorTermination:
    case rapidjson::kParseErrorUnspecificSyntaxError:
      break;
  }
  return "valid JSON";
}

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
         c == 'e' || c == 'E';
}

// A short look at the text where parsing stopped, for "found ...".
std::string found_at(std::string_view text, std::size_t offset,
                     rapidjson::ParseErrorCode code) {
  if (offset >= text.size()) return "the end of the file";
  const std::string_view rest = text.substr(offset);
  if (code == rapidjson::kParseErrorNumberTooBig) {
    std::size_t n = 0;
    while (n < rest.size() && n < 32 && is_number_char(rest[n])) ++n;
    return std::string(rest.substr(0, n));
  }
  const std::size_t n = utf8_prefix(rest.substr(0, 16), true);
  if (n == 0) {
    const unsigned char byte = static_cast<unsigned char>(rest[0]);
    if (byte == '\n' || byte == '\r') return "the end of the line";
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "the byte 0x%02X", byte);
    return buffer;
  }
  std::string out = "'";
  out.append(rest.substr(0, n));
  if (n < rest.size() && rest[n] != '\n' && rest[n] != '\r') out += "...";
  out += "'";
  return out;
}

}  // namespace

void line_and_column(std::string_view text, std::size_t offset, int* line,
                     int* column) {
  if (offset > text.size()) offset = text.size();
  int l = 1;
  int c = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++l;
      c = 1;
    } else if ((byte & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++c;
    }
  }
  *line = l;
  *column = c;
}

namespace detail {

std::string_view json_body(std::string_view text, const std::string& file,
                           std::vector<InputError>& errors, bool* ok) {
  std::size_t skipped = 0;
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    skipped = kByteOrderMark.size();
  }
  const std::string_view body = text.substr(skipped);
  *ok = !is_blank(body);
  if (!*ok) {
    InputError e;
    e.file = file;
    e.expected = "a JSON document";
    e.found = text.empty() ? "an empty file" : "a file with only blanks";
    errors.push_back(std::move(e));
  }
  return body;
}

void add_parse_error(std::string_view body, const std::string& file,
                     rapidjson::ParseErrorCode code, std::size_t offset,
                     std::vector<InputError>& errors) {
  InputError e;
  e.file = file;
  // Columns as an editor shows them: the byte-order mark is not one.
  line_and_column(body, offset, &e.line, &e.column);
  e.expected = expected_for(code);
  e.found = found_at(body, offset, code);
  errors.push_back(std::move(e));
}

}  // namespace detail

bool parse_json_document(std::string_view text, const std::string& file,
                         rapidjson::Document& document,
                         std::vector<InputError>& errors) {
  bool ok = false;
  const std::string_view body = detail::json_body(text, file, errors, &ok);
  if (!ok) return false;
  document.Parse<kJsonParseFlags>(body.data(), body.size());
  if (!document.HasParseError()) return true;
  detail::add_parse_error(body, file, document.GetParseError(),
                          document.GetErrorOffset(), errors);
  return false;
}

}  // namespace vetmatch
