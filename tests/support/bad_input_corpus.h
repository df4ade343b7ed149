// The bad-input corpus table, tests/bad_input/expected.tsv: one row per
// expected problem (file, command, exit code, JSON path or "-", message
// fragment). Shared by the reader's unit test and the CLI's end-to-end test;
// next_round/ holds the corpus of `vetmatch next-round` in the same form.
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
/// The same for the expected.tsv of another corpus folder (ending in '/'),
/// such as corpus_dir() + "next_round/".
std::vector<CorpusRow> corpus_rows(const std::string& dir);

}  // namespace vetmatch::test_support
