// A plain RFC 4180 reader for tests: the reference the report's CSV writer
// (adapters/report/csv_text.h) is checked against.
//
// Contract: parse_csv(text) takes a whole file (without a byte order mark)
// and returns its records, each a list of field values: fields separated by
// ',', records by CRLF (a lone LF also ends a record outside quotes, a lone
// CR is data); a quoted field may hold ',', CR, LF and '""' for '"'. A final
// CRLF does not start an empty record. Throws std::runtime_error for text
// that is not RFC 4180 (a quote inside an unquoted field, text after a
// closing quote, an unterminated quote).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vetmatch::test {

using CsvRecord = std::vector<std::string>;

std::vector<CsvRecord> parse_csv(std::string_view text);

}  // namespace vetmatch::test
