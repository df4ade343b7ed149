// A parsed TSV table of datasets/tables/: header line, then rows of
// tab-separated fields, "\n" line endings, no quoting.
//
// Contract: the constructor checks that the header starts with the expected
// columns (extra trailing columns are allowed only when `allow_extra`) and
// that every row has as many fields as the header; it throws
// std::runtime_error naming the table and the line otherwise. Fields are
// views into the text, which must outlive the table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vetmatch {

class TsvTable {
 public:
  TsvTable(std::string name, std::string_view text,
           const std::vector<std::string_view>& columns);

  std::size_t size() const { return rows_.size(); }
  const std::vector<std::string_view>& row(std::size_t i) const {
    return rows_[i];
  }
  /// The file line of row i (the header is line 1).
  std::size_t line(std::size_t i) const { return i + 2; }

  [[noreturn]] void fail(std::size_t row, const std::string& what) const;

  /// Splits on `sep`; empty text gives an empty list.
  static std::vector<std::string_view> split_list(std::string_view s,
                                                  char sep = ',');
  /// A number in a field; throws (naming the row) unless the whole field is
  /// a finite decimal.
  double number(std::size_t row, std::string_view field) const;

 private:
  std::string name_;
  std::vector<std::vector<std::string_view>> rows_;
};

}  // namespace vetmatch
