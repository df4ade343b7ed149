// Structured errors for bad input files, and the one-line message each gives.
//
// Contract: an InputError names the file and either a JSON Pointer into the
// document (json_path, e.g. "/veterans/17/location/lat") or, for malformed
// JSON, a 1-based line and column; plus what was expected and what was found.
// message() renders it for a person on one line:
//   round.json: /veterans/17/location/lat: expected a number in [-90, 90],
//   found "north" round.json:12:5: malformed JSON: expected ',' or '}' after an
//   object member
// A warning renders the same way with "warning: " after the file name.
// An error in a file that is not JSON (a CSV answers file) names its place
// in `where` instead ("row 3, column answer"):
//   answers.csv: row 3, column answer: expected one of ..., found "maybe"
// IoError is a file that cannot be read or written (missing, unreadable,
// unwritable directory).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace vetmatch {

struct InputError {
  std::string file;
  std::string json_path;  ///< Empty for errors that have a line and column.
  int line = 0;           ///< 1-based; 0 when json_path is used.
  int column = 0;         ///< 1-based; 0 when json_path is used.
  std::string expected;
  std::string found;
  /// A warning rather than an error: the input is usable as read.
  bool warning = false;
  /// A place in a file that is not JSON ("line 3, column answer"), used
  /// when json_path is empty and line is 0.
  std::string where{};

  std::string message() const;
};

/// Thrown when a file cannot be opened, read, or written.
class IoError : public std::runtime_error {
 public:
  IoError(std::string file, const std::string& what)
      : std::runtime_error(file + ": " + what), file_(std::move(file)) {}
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace vetmatch
