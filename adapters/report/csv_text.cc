#include "adapters/report/csv_text.h"

namespace vetmatch {

std::string csv_field(std::string_view value) {
  const bool quote =
      value.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_text_cell(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) !=
                            std::string_view::npos) {
    return csv_field("'" + std::string(value));
  }
  return csv_field(value);
}

CsvWriter::CsvWriter() : out_(kUtf8Bom) {}

void CsvWriter::cell(std::string cell_text) {
  if (row_started_) out_ += ',';
  out_ += cell_text;
  row_started_ = true;
}

void CsvWriter::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

}  // namespace vetmatch
