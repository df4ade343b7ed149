// The bad-input corpus tables, tests/bad_input/expected.tsv (round files)
// and tests/bad_input/fair/expected.tsv (fair files): one row per expected
// problem (file, command, exit code, JSON path or "-", message fragment).
// Shared by the readers' unit tests and the CLI's end-to-end tests.
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

/// The fair files' corpus, tests/bad_input/fair/ (ending in '/'), and its
/// expected.tsv (same columns; commands fair-validate, fair-plan).
std::string fair_corpus_dir();
std::vector<CorpusRow> fair_corpus_rows();

}  // namespace vetmatch::test_support
