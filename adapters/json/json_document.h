// Text -> RapidJSON document, with a malformed document reported as an
// InputError that has a 1-based line and column.
//
// Contract: parse_json_document() parses with full-precision numbers, UTF-8
// validation and the iterative (non-recursive) parser, so no input can
// overflow the stack. A leading UTF-8 byte-order mark is skipped. On success
// it returns true and errors is untouched; otherwise it appends exactly one
// error: an empty (or blank) file has neither path nor line, any other
// syntax error has the line and column (counted in characters, tabs as one)
// of the place RapidJSON stopped at. parse_json_events() does the same for
// a SAX handler (rapidjson::Reader), for files read without a DOM; a
// handler that returns false stops the parse with no further error.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"

namespace vetmatch {

inline constexpr unsigned kJsonParseFlags =
    rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag |
    rapidjson::kParseIterativeFlag;

bool parse_json_document(std::string_view text, const std::string& file,
                         rapidjson::Document& document,
                         std::vector<InputError>& errors);

namespace detail {
/// `text` after a byte-order mark; *ok false (and the error appended) when
/// it is empty or blank.
std::string_view json_body(std::string_view text, const std::string& file,
                           std::vector<InputError>& errors, bool* ok);
/// Appends the error for a parse failure at `offset` of `body`.
void add_parse_error(std::string_view body, const std::string& file,
                     rapidjson::ParseErrorCode code, std::size_t offset,
                     std::vector<InputError>& errors);
}  // namespace detail

/// Streams `text` to `handler`; false when it is not well-formed JSON (one
/// error appended, as parse_json_document) or the handler stopped it.
template <typename Handler>
bool parse_json_events(std::string_view text, const std::string& file,
                       Handler& handler, std::vector<InputError>& errors) {
  bool ok = false;
  const std::string_view body = detail::json_body(text, file, errors, &ok);
  if (!ok) return false;
  rapidjson::MemoryStream bytes(body.data(), body.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream>
      stream(bytes);
  rapidjson::Reader reader;
  const rapidjson::ParseResult result =
      reader.Parse<kJsonParseFlags>(stream, handler);
  if (!result.IsError()) return true;
  if (result.Code() != rapidjson::kParseErrorTermination) {
    detail::add_parse_error(body, file, result.Code(), result.Offset(), errors);
  }
  return false;
}

/// The 1-based line and column of byte `offset` in `text` (columns count
/// UTF-8 characters). Exposed for tests.
void line_and_column(std::string_view text, std::size_t offset, int* line,
                     int* column);

}  // namespace vetmatch
