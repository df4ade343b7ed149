// A minimal reader for the bundled TSV tables (datasets/tables/*.tsv): one
// header line, "\n" line endings, tab-separated fields, no quoting.
//
// Contract: TsvTable checks the header and the field count of every line and
// throws std::runtime_error naming the table and line otherwise; a table
// with a header but no rows is an error ("no rows"), so a table that is
// still being written is reported clearly. Fields are views into the text
// given, which must outlive the TsvTable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vetmatch {

std::vector<std::string_view> split(std::string_view s, char sep);

/// A list column: comma-separated, empty text meaning an empty list.
std::vector<std::string_view> split_list(std::string_view s);

class TsvTable {
 public:
  TsvTable(std::string name, std::string_view text,
           std::vector<std::string_view> header);

  [[noreturn]] void fail(std::size_t line, const std::string& what) const;
  /// Fails naming row i's line.
  [[noreturn]] void fail_row(std::size_t i, const std::string& what) const {
    fail(line(i), what);
  }

  std::size_t size() const { return rows_.size(); }
  const std::vector<std::string_view>& row(std::size_t i) const {
    return rows_[i];
  }
  /// The 1-based line number of row i.
  std::size_t line(std::size_t i) const { return i + 2; }
  const std::string& name() const { return name_; }
  /// A number in row i's field; fails naming the line unless the whole
  /// field is a finite decimal.
  double number(std::size_t i, std::string_view field) const;

 private:
  std::string name_;
  std::vector<std::vector<std::string_view>> rows_;
};

}  // namespace vetmatch
