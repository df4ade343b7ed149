#include "tests/support/bad_input_corpus.h"

#include <gtest/gtest.h>

#include <fstream>

namespace vetmatch::test_support {

std::string corpus_dir() {
  return std::string(VETMATCH_SOURCE_DIR) + "/tests/bad_input/";
}

std::vector<CorpusRow> corpus_rows() { return corpus_rows(corpus_dir()); }

std::vector<CorpusRow> corpus_rows(const std::string& dir) {
  std::ifstream in(dir + "expected.tsv");
  if (!in) ADD_FAILURE() << "cannot read " << dir << "expected.tsv";
  std::vector<CorpusRow> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos;
         start = tab + 1) {
      cells.push_back(line.substr(start, tab - start));
    }
    cells.push_back(line.substr(start));
    if (cells.size() != 5) {
      ADD_FAILURE() << "bad expected.tsv row: " << line;
      continue;
    }
    rows.push_back(
        {cells[0], cells[1], std::stoi(cells[2]), cells[3], cells[4]});
  }
  return rows;
}

}  // namespace vetmatch::test_support
