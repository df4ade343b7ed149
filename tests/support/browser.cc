#include "tests/support/browser.h"

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "tests/support/run_cli.h"

namespace vetmatch::test_support {

std::string missing_browser_tools() {
  std::string missing;
  for (const char* tool : {"chromium", "pdfinfo", "pdftotext", "pdftoppm"}) {
    const std::string probe =
        std::string("command -v ") + tool + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) != 0) {
      if (!missing.empty()) missing += ", ";
      missing += tool;
    }
  }
  return missing;
}

bool browser_tests_may_skip() {
  const char* value = std::getenv("VETMATCH_SKIP_BROWSER_TESTS");
  return value != nullptr && std::string(value) == "1";
}

std::int64_t GreyImage::ink() const {
  std::int64_t n = 0;
  for (std::uint8_t p : pixels) n += p < 128 ? 1 : 0;
  return n;
}

GreyImage read_pgm(const std::filesystem::path& path) {
  const std::string bytes = slurp(path);
  std::istringstream in(bytes);
  std::string magic;
  int maxval = 0;
  GreyImage image;
  in >> magic >> image.width >> image.height >> maxval;
  if (!in || magic != "P5" || maxval != 255 || image.width <= 0 ||
      image.height <= 0) {
    throw std::runtime_error(path.string() + ": not an 8-bit P5 PGM");
  }
  in.get();  // the one whitespace byte before the pixels
  const std::size_t size = std::size_t(image.width) * std::size_t(image.height);
  const std::size_t at = std::size_t(in.tellg());
  if (bytes.size() < at + size) {
    throw std::runtime_error(path.string() + ": truncated PGM");
  }
  image.pixels.assign(bytes.begin() + std::ptrdiff_t(at),
                      bytes.begin() + std::ptrdiff_t(at + size));
  return image;
}

}  // namespace vetmatch::test_support
