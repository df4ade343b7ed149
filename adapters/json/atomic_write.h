// Whole-file writes that never leave a half-written file behind.
//
// Contract: write_file_atomically writes `contents` to a temporary file in
// the target's directory, flushes it, and renames it over `path`. On any
// failure it removes the temporary file, leaves an existing `path`
// untouched and throws IoError naming `path`.
#pragma once

#include <string>
#include <string_view>

namespace vetmatch {

void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace vetmatch
