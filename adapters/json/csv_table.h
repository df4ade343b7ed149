// CSV files as spreadsheets save them, read as a table of text fields with
// the line each record starts on (for messages).
//
// Contract: RFC 4180: fields separated by ',', records ended by CRLF or LF;
// a field in double quotes may hold ',', CR, LF and "" for a quote. A UTF-8
// byte order mark at the start is skipped; blank lines (nothing but spaces
// and tabs) are skipped. The first record is the header. A syntax problem
// (a quote inside an unquoted field, text after a closing quote, a quote
// never closed) stops the reading there: the records before it are kept;
// a record that is not UTF-8 is reported and left out. Problems name the
// line their record starts on. Never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vetmatch {

struct CsvRecordAt {
  int line = 0;  ///< 1-based line the record starts on
  std::vector<std::string> fields;
};

struct CsvProblem {
  int line = 0;
  std::string expected;
  std::string found;
};

struct CsvTable {
  bool has_header = false;
  CsvRecordAt header;
  std::vector<CsvRecordAt> rows;
  std::vector<CsvProblem> problems;
};

CsvTable read_csv_table(std::string_view text);

/// The index of `name` among the header's fields (compared after trimming
/// spaces), or -1.
int csv_column(const CsvTable& table, std::string_view name);

}  // namespace vetmatch
