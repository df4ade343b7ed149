#include "datasets/common/tsv_table.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace vetmatch {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::vector<std::string_view> split_list(std::string_view s) {
  if (s.empty()) return {};
  return split(s, ',');
}

TsvTable::TsvTable(std::string name, std::string_view text,
                   std::vector<std::string_view> header)
    : name_(std::move(name)) {
  std::vector<std::string_view> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) fail(1, "empty table (not even a header line)");
  const std::vector<std::string_view> found = split(lines[0], '\t');
  if (found != header) {
    std::string expected, got;
    for (std::string_view h : header)
      expected += (expected.empty() ? "" : " ") + std::string(h);
    for (std::string_view h : found)
      got += (got.empty() ? "" : " ") + std::string(h);
    fail(1, "unexpected header: expected \"" + expected + "\", found \"" + got +
                "\"");
  }
  if (lines.size() == 1) {
    fail(1,
         "no rows: the table has only its header (is it still being "
         "written?)");
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string_view> fields = split(lines[i], '\t');
    if (fields.size() != header.size()) {
      fail(i + 1, "expected " + std::to_string(header.size()) +
                      " fields, found " + std::to_string(fields.size()));
    }
    rows_.push_back(std::move(fields));
  }
}

void TsvTable::fail(std::size_t line, const std::string& what) const {
  throw std::runtime_error(name_ + ", line " + std::to_string(line) + ": " +
                           what);
}

double TsvTable::number(std::size_t i, std::string_view field) const {
  double value = 0.0;
  const auto [end, ec] =
      std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || ec != std::errc() ||
      end != field.data() + field.size() || !std::isfinite(value)) {
    fail_row(i, "expected a number, found \"" + std::string(field) + "\"");
  }
  return value;
}

}  // namespace vetmatch
