// CSV for spreadsheets (RFC 4180): quoting, rows, and the UTF-8 byte order
// mark that makes Excel read the file as UTF-8.
//
// Contract: a field is quoted when it contains a comma, a double quote, CR
// or LF, or starts or ends with a space, and inner double quotes are
// doubled; other fields are written as they are. Rows end with CRLF.
// text_cell() is for free text (names, titles) that a spreadsheet must not
// take for a formula: a value starting with = + - @ (or a tab or CR) gets a
// leading apostrophe, as OWASP advises; ids and numbers are written with
// field() and never changed, so they read back exactly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vetmatch {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// One field, quoted when it must be.
std::string csv_field(std::string_view value);
/// Free text guarded against formula injection, then quoted.
std::string csv_text_cell(std::string_view value);

/// Builds a CSV file: the BOM, then rows of cells.
class CsvWriter {
 public:
  CsvWriter();
  /// Adds a cell to the current row (already made by csv_field or
  /// csv_text_cell).
  void cell(std::string cell_text);
  void field(std::string_view value) { cell(csv_field(value)); }
  void text(std::string_view value) { cell(csv_text_cell(value)); }
  void end_row();
  /// The whole file; the current row must be ended.
  const std::string& str() const { return out_; }

 private:
  std::string out_;
  bool row_started_ = false;
};

}  // namespace vetmatch
