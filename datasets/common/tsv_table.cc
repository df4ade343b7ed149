#include "datasets/common/tsv_table.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace vetmatch {
namespace {

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

}  // namespace

TsvTable::TsvTable(std::string name, std::string_view text,
                   const std::vector<std::string_view>& columns)
    : name_(std::move(name)) {
  std::vector<std::string_view> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) {
    throw std::runtime_error(name_ + ", line 1: empty table");
  }
  if (split(lines[0], '\t') != columns) {
    std::string expected;
    for (std::string_view c : columns) {
      if (!expected.empty()) expected += ' ';
      expected.append(c);
    }
    throw std::runtime_error(name_ + ", line 1: expected the header " +
                             expected);
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string_view> fields = split(lines[i], '\t');
    if (fields.size() != columns.size()) {
      throw std::runtime_error(name_ + ", line " + std::to_string(i + 1) +
                               ": expected " + std::to_string(columns.size()) +
                               " fields, found " +
                               std::to_string(fields.size()));
    }
    rows_.push_back(std::move(fields));
  }
}

void TsvTable::fail(std::size_t row, const std::string& what) const {
  throw std::runtime_error(name_ + ", line " + std::to_string(line(row)) +
                           ": " + what);
}

std::vector<std::string_view> TsvTable::split_list(std::string_view s,
                                                   char sep) {
  if (s.empty()) return {};
  return split(s, sep);
}

double TsvTable::number(std::size_t row, std::string_view field) const {
  double value = 0.0;
  const auto [end, ec] =
      std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || ec != std::errc() ||
      end != field.data() + field.size() || !std::isfinite(value)) {
    fail(row, "expected a number, found \"" + std::string(field) + "\"");
  }
  return value;
}

}  // namespace vetmatch
