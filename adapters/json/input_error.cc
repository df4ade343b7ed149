#include "adapters/json/input_error.h"

namespace vetmatch {

// Three shapes, all on one line:
//   file:line:column: malformed JSON: expected E[, found F]   (line > 0)
//   file: /json/path: expected E, found F                     (a path)
//   file: row 3, column answer: expected E, found F           (a where)
//   file: expected E, found F                                 (the document)
std::string InputError::message() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
    out += ": malformed JSON: expected ";
  } else {
    out += ": ";
    if (warning) out += "warning: ";
    if (!json_path.empty()) {
      out += json_path;
      out += ": ";
    } else if (!where.empty()) {
      out += where;
      out += ": ";
    }
    out += "expected ";
  }
  out += expected;
  if (!found.empty()) {
    out += ", found ";
    out += found;
  }
  return out;
}

}  // namespace vetmatch
