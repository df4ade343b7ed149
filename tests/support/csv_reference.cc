#include "tests/support/csv_reference.h"

#include <stdexcept>

namespace vetmatch::test {

std::vector<CsvRecord> parse_csv(std::string_view text) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    records.push_back(std::move(record));
    record.clear();
  };
  bool pending = false;  // a record has started and is not ended
  while (i < n) {
    pending = true;
    if (text[i] == '"') {  // a quoted field
      ++i;
      for (;;) {
        if (i >= n) throw std::runtime_error("unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      const bool crlf = i + 1 < n && text[i] == '\r' && text[i + 1] == '\n';
      if (i < n && text[i] != ',' && text[i] != '\n' && !crlf) {
        throw std::runtime_error("text after a closing quote");
      }
    } else {
      while (i < n && text[i] != ',' && text[i] != '\n' &&
             !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
        if (text[i] == '"') {
          throw std::runtime_error("quote inside an unquoted field");
        }
        field += text[i++];
      }
    }
    if (i >= n) break;
    if (text[i] == ',') {  // "a," at the end: an empty field follows
      record.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    // CRLF or LF
    i += text[i] == '\r' ? 2 : 1;
    end_record();
    pending = false;
  }
  if (pending) end_record();
  return records;
}

}  // namespace vetmatch::test
