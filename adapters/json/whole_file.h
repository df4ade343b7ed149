// Reading a whole file into memory, with failures as IoError.
//
// Contract: read_whole_file returns the file's bytes exactly (no newline or
// encoding conversion). It throws IoError(path, "cannot read: <reason>") when
// the file is missing, unreadable, or a directory; it never returns a partial
// file.
#pragma once

#include <string>

namespace vetmatch {

std::string read_whole_file(const std::string& path);

}  // namespace vetmatch
