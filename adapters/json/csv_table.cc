#include "adapters/json/csv_table.h"

#include "adapters/json/value_text.h"

namespace vetmatch {
namespace {

std::string_view trim(std::string_view s) {
  const std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  const std::size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

bool blank(const std::vector<std::string>& fields) {
  return fields.size() == 1 && trim(fields[0]).empty();
}

}  // namespace

CsvTable read_csv_table(std::string_view text) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t i = 0;
  int line = 1;
  const std::size_t n = text.size();
  // A syntax problem, reported at the line its record starts on.
  auto fail = [&](int at, std::string expected, std::string_view found) {
    table.problems.push_back({at, std::move(expected), quote_text(found)});
  };
  while (i < n) {
    CsvRecordAt record;
    record.line = line;
    std::string field;
    bool ended = false;  // the record's line break was read
    while (!ended) {
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            closed = true;
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (!closed) {
          fail(record.line, "a closing '\"' for the field opened here", field);
          return table;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' &&
            !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
          fail(record.line, "',' or the end of the line after a closing '\"'",
               text.substr(i, text.find('\n', i) - i));
          return table;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' &&
               !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
          if (text[i] == '"') {
            fail(record.line,
                 "no '\"' inside a field that does not start with one "
                 "(quote the whole field, with \"\" for a quote)",
                 text.substr(i, text.find('\n', i) - i));
            return table;
          }
          field += text[i++];
        }
      }
      record.fields.push_back(std::move(field));
      field.clear();
      if (i >= n) {
        ended = true;
      } else if (text[i] == ',') {
        ++i;
        if (i == n) {  // "a," at the very end: an empty last field
          record.fields.emplace_back();
          ended = true;
        }
      } else {
        i += text[i] == '\r' ? 2 : 1;
        ++line;
        ended = true;
      }
    }
    if (blank(record.fields)) continue;
    bool utf8 = true;
    for (const std::string& f : record.fields) {
      utf8 &= utf8_prefix(f, false) == f.size();
    }
    if (!utf8) {
      table.problems.push_back(
          {record.line, "UTF-8 text", "bytes that are not UTF-8"});
      if (!table.has_header) return table;  // without a header, stop
      continue;
    }
    if (!table.has_header) {
      table.has_header = true;
      table.header = std::move(record);
    } else {
      table.rows.push_back(std::move(record));
    }
  }
  return table;
}

int csv_column(const CsvTable& table, std::string_view name) {
  for (std::size_t c = 0; c < table.header.fields.size(); ++c) {
    if (trim(table.header.fields[c]) == name) return int(c);
  }
  return -1;
}

}  // namespace vetmatch
