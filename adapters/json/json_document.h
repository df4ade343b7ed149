// Text -> RapidJSON document, with a malformed document reported as an
// InputError that has a 1-based line and column.
//
// Contract: parse_json_document() parses with full-precision numbers, UTF-8
// validation and the iterative (non-recursive) parser, so no input can
// overflow the stack. A leading UTF-8 byte-order mark is skipped. On success
// it returns true and errors is untouched; otherwise it appends exactly one
// error: an empty (or blank) file has neither path nor line, any other
// syntax error has the line and column (counted in characters, tabs as one)
// of the place RapidJSON stopped at.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"

namespace vetmatch {

bool parse_json_document(std::string_view text, const std::string& file,
                         rapidjson::Document& document,
                         std::vector<InputError>& errors);

/// The 1-based line and column of byte `offset` in `text` (columns count
/// UTF-8 characters). Exposed for tests.
void line_and_column(std::string_view text, std::size_t offset, int* line,
                     int* column);

}  // namespace vetmatch
