// The bad-input corpus table, tests/bad_input/expected.tsv: one row per
// expected problem (file, command, exit code, JSON path or "-", message
// fragment). Shared by the reader's unit test and the CLI's end-to-end test.
#pragma once

#include <string>
#include <vector>

namespace vetmatch::test_support {

struct CorpusRow {
  std::string file;
  std::string command;
  int exit_code = 0;
  std::string path;
  std::string fragment;
};

/// The corpus folder, ending in '/'.
std::string corpus_dir();

/// Every row of expected.tsv; a malformed row is a test failure.
std::vector<CorpusRow> corpus_rows();

}  // namespace vetmatch::test_support
