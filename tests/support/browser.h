// What the browser end-to-end tests need besides the vetmatch binary:
// whether headless Chromium and poppler-utils are installed, and reading
// the grey images pdftoppm writes.
//
// Contract: missing_browser_tools() names the programs of `chromium`,
// `pdfinfo`, `pdftotext`, `pdftoppm` not found on PATH ("" when all are).
// browser_tests_may_skip() is true only when the environment variable
// VETMATCH_SKIP_BROWSER_TESTS is "1": otherwise a missing tool is a test
// failure (CI installs them with `make setup`). read_pgm() reads a binary
// 8-bit PGM (P5, maxval 255) and throws std::runtime_error for anything
// else.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vetmatch::test_support {

std::string missing_browser_tools();
bool browser_tests_may_skip();

struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  ///< row-major, 0 = black

  bool operator==(const GreyImage&) const = default;
  /// Pixels darker than mid-grey: is anything drawn at all?
  std::int64_t ink() const;
};

GreyImage read_pgm(const std::filesystem::path& path);

}  // namespace vetmatch::test_support
