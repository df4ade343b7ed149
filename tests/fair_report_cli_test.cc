// End-to-end: `vetmatch fair plan --report --csv-dir` on a fair drawn from
// the bundled district sample, the report printed to PDF by headless
// Chromium with no network (adapters/report/print_to_pdf.sh), and the PDF
// read back with poppler-utils: the summary page, every booth's page in
// order starting on a page of its own with its invitees, every veteran's
// slip after them with the route in order and not split over two pages,
// and Chinese names drawn as glyphs, not boxes: a strip of the names in the
// report's fonts must differ from a strip of as many code points no font
// has, and from the same characters in another order; with the Chinese
// fonts hidden from Chromium (a fontconfig with DejaVu only) the same check
// must see boxes, so it cannot pass by accident.
//
// Needs chromium, fonts-noto-cjk and poppler-utils (make setup installs
// them). Without them the tests fail, unless VETMATCH_SKIP_BROWSER_TESTS=1
// says to skip them (with a message). CTest labels: e2e, browser.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/report/csv_text.h"
#include "adapters/report/fair_report_html.h"
#include "tests/support/browser.h"
#include "tests/support/cli_fixture.h"
#include "tests/support/csv_reference.h"
#include "tests/support/run_cli.h"

namespace {

namespace fs = std::filesystem;
namespace ts = vetmatch::test_support;
using ts::shell_quote;
using ts::slurp;

struct PlannedBooth {
  std::string id;
  std::vector<std::string> veterans;  // invite order
  std::vector<std::string> names;
};

struct PlannedRoute {
  std::string veteran;
  std::string name;
  std::vector<std::string> booths;  // route order
};

struct PlanFile {
  std::string fair_name;
  std::vector<PlannedBooth> booths;
  std::vector<PlannedRoute> routes;
};

PlanFile read_plan(const fs::path& path) {
  rapidjson::Document d;
  const std::string text = slurp(path);
  d.Parse(text.data(), text.size());
  PlanFile plan;
  if (d.HasParseError() || !d.IsObject()) return plan;
  plan.fair_name = d["fair"]["name"].GetString();
  for (const auto& b : d["booths"].GetArray()) {
    PlannedBooth booth;
    booth.id = b["booth"].GetString();
    for (const auto& i : b["invites"].GetArray()) {
      booth.veterans.push_back(i["veteran"].GetString());
      booth.names.push_back(i["name"].GetString());
    }
    plan.booths.push_back(std::move(booth));
  }
  for (const auto& r : d["routes"].GetArray()) {
    PlannedRoute route;
    route.veteran = r["veteran"].GetString();
    route.name = r["name"].GetString();
    for (const auto& s : r["route"].GetArray()) {
      route.booths.push_back(s["booth"].GetString());
    }
    plan.routes.push_back(std::move(route));
  }
  return plan;
}

std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t ff = text.find('\f'); ff != std::string::npos;
       ff = text.find('\f', start)) {
    pages.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  if (start < text.size() &&
      text.find_first_not_of(" \n", start) != std::string::npos) {
    pages.push_back(text.substr(start));
  }
  return pages;
}

std::string trim_start(const std::string& s) {
  const std::size_t at = s.find_first_not_of(" \n\r\t");
  return at == std::string::npos ? "" : s.substr(at);
}

// UTF-8 <-> code points, for the strips.
std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out += cp;
    i += std::size_t(n);
  }
  return out;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

class FairReportCliTest : public ts::CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    const std::string missing = ts::missing_browser_tools();
    if (missing.empty()) return;
    if (ts::browser_tests_may_skip()) {
      GTEST_SKIP() << "skipped: " << missing
                   << " not installed and VETMATCH_SKIP_BROWSER_TESTS=1";
    }
    FAIL() << missing
           << " not installed: run `make setup` (Debian packages chromium, "
              "fonts-noto-cjk, poppler-utils), or set "
              "VETMATCH_SKIP_BROWSER_TESTS=1 to skip the browser tests";
  }

  // A fair from the bundled sample, planned with the report and the CSVs.
  void plan_sample_fair() {
    const std::string sample = std::string(VETMATCH_SOURCE_DIR) +
                               "/datasets/samples/district.round.json";
    const fs::path fair = dir_ / "fair.json";
    ts::CliOutcome o = run("fair generate " + shell_quote(sample) + " -o " +
                           shell_quote(fair.string()) +
                           " --booths 6 --veterans 50 --max-booths 2 --seed 4 "
                           "--min-fit 0.5 -q");
    ASSERT_EQ(o.exit_code, 0) << o.err;
    o = run("fair plan " + shell_quote(fair.string()) + " -o " +
            shell_quote((dir_ / "plan.json").string()) + " --report " +
            shell_quote((dir_ / "report.html").string()) + " --csv-dir " +
            shell_quote((dir_ / "csv").string()) + " -q --no-timings");
    ASSERT_EQ(o.exit_code, 0) << o.err;
    plan_ = read_plan(dir_ / "plan.json");
    ASSERT_FALSE(plan_.booths.empty());
    ASSERT_FALSE(plan_.routes.empty());
  }

  // Prints `html` to `pdf`; `env` goes before the command (e.g. a
  // FONTCONFIG_FILE).
  void print(const fs::path& html, const fs::path& pdf,
             const std::string& env = "") {
    const std::string script =
        std::string(VETMATCH_SOURCE_DIR) + "/adapters/report/print_to_pdf.sh";
    const ts::CliOutcome o = ts::run_shell(
        env + " PRINT_TIMEOUT=90 sh " + shell_quote(script) + " " +
            shell_quote(html.string()) + " " + shell_quote(pdf.string()),
        dir_);
    ASSERT_EQ(o.exit_code, 0) << o.err;
  }

  int page_count(const fs::path& pdf) {
    const ts::CliOutcome o =
        ts::run_shell("pdfinfo " + shell_quote(pdf.string()), dir_);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    const std::size_t at = o.out.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(o.out.substr(at + 6));
  }

  // One grey image per page at 50 dpi.
  std::vector<ts::GreyImage> rasterize(const fs::path& pdf,
                                       const std::string& stem) {
    const ts::CliOutcome o =
        ts::run_shell("pdftoppm -r 50 -gray " + shell_quote(pdf.string()) +
                          " " + shell_quote((dir_ / stem).string()),
                      dir_);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(stem + "-", 0) == 0 && entry.path().extension() == ".pgm")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<ts::GreyImage> images;
    for (const fs::path& f : files) images.push_back(ts::read_pgm(f));
    return images;
  }

  PlanFile plan_;
};

TEST_F(FairReportCliTest, PrintedReportHasEveryBoothPageAndSlip) {
  ASSERT_NO_FATAL_FAILURE(plan_sample_fair());
  const fs::path pdf = dir_ / "report.pdf";
  ASSERT_NO_FATAL_FAILURE(print(dir_ / "report.html", pdf));
  const int pages_in_pdf = page_count(pdf);
  const ts::CliOutcome text = ts::run_shell(
      "pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " -", dir_);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const std::vector<std::string> pages = split_pages(text.out);
  ASSERT_EQ(int(pages.size()), pages_in_pdf);

  // The summary first.
  EXPECT_NE(pages[0].find(plan_.fair_name), std::string::npos);
  EXPECT_NE(pages[0].find("Interview plan"), std::string::npos);
  EXPECT_NE(pages[0].find("Coverage"), std::string::npos);

  // Each booth starts a page of its own, in plan order; its invitees are
  // on its pages.
  std::vector<int> first_page;
  for (const PlannedBooth& booth : plan_.booths) {
    const std::string head = "展位 Booth " + booth.id;
    int found = -1, starts = 0;
    for (int p = 0; p < int(pages.size()); ++p) {
      if (trim_start(pages[std::size_t(p)]).rfind(head, 0) == 0) {
        found = p;
        ++starts;
      }
    }
    ASSERT_EQ(starts, 1) << head;
    if (!first_page.empty()) {
      EXPECT_GT(found, first_page.back()) << head;
    }
    first_page.push_back(found);
  }
  std::size_t slip_start = 0;
  for (std::size_t b = 0; b < plan_.booths.size(); ++b) {
    const std::size_t from = std::size_t(first_page[b]);
    std::size_t to = from + 1;
    while (to < pages.size() &&
           trim_start(pages[to]).rfind("展位 Booth ", 0) != 0 &&
           pages[to].find("Route slip") == std::string::npos) {
      ++to;
    }
    std::string booth_text;
    for (std::size_t p = from; p < to; ++p) booth_text += pages[p];
    for (std::size_t i = 0; i < plan_.booths[b].veterans.size(); ++i) {
      EXPECT_NE(booth_text.find(plan_.booths[b].veterans[i]), std::string::npos)
          << plan_.booths[b].id << " " << plan_.booths[b].veterans[i];
      EXPECT_NE(booth_text.find(plan_.booths[b].names[i]), std::string::npos)
          << plan_.booths[b].id << " " << plan_.booths[b].names[i];
    }
    slip_start = std::max(slip_start, to);
  }

  // One slip per veteran, after the booth pages, in route order, each
  // whole on one page with the name and the booths in order.
  std::size_t last_page = slip_start;
  for (const PlannedRoute& route : plan_.routes) {
    const std::string marker = "Route slip " + route.veteran;
    int found = -1, count = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
      for (std::size_t at = pages[p].find(marker); at != std::string::npos;
           at = pages[p].find(marker, at + 1)) {
        const char next = at + marker.size() < pages[p].size()
                              ? pages[p][at + marker.size()]
                              : '\n';
        if (next == '\n' || next == ' ') {
          found = int(p);
          ++count;
        }
      }
    }
    ASSERT_EQ(count, 1) << marker;
    ASSERT_GE(std::size_t(found), last_page) << marker;
    last_page = std::size_t(found);
    const std::string& page = pages[std::size_t(found)];
    const std::size_t at = page.find(marker);
    const std::size_t end = page.find("参会路线单", at + 1);
    const std::string slip = page.substr(
        at, end == std::string::npos ? std::string::npos : end - at);
    EXPECT_NE(slip.find(route.name), std::string::npos) << marker;
    std::size_t stop = 0;
    for (const std::string& booth : route.booths) {
      stop = slip.find(booth, stop);
      ASSERT_NE(stop, std::string::npos) << marker << " " << booth;
    }
  }
  EXPECT_EQ(last_page + 1, pages.size());

  // The CSV lists: BOM, RFC 4180, one row per invite / route stop.
  const std::string invites = slurp(dir_ / "csv" / "booth_invites.csv");
  const std::string routes = slurp(dir_ / "csv" / "veteran_routes.csv");
  ASSERT_EQ(invites.rfind(std::string(vetmatch::kUtf8Bom), 0), 0u);
  ASSERT_EQ(routes.rfind(std::string(vetmatch::kUtf8Bom), 0), 0u);
  std::size_t invited = 0, stops = 0;
  for (const PlannedBooth& b : plan_.booths) invited += b.veterans.size();
  for (const PlannedRoute& r : plan_.routes)
    stops += std::max<std::size_t>(1, r.booths.size());
  EXPECT_EQ(vetmatch::test::parse_csv(invites.substr(3)).size(), invited + 1);
  EXPECT_EQ(vetmatch::test::parse_csv(routes.substr(3)).size(), stops + 1);
}

TEST_F(FairReportCliTest, ChineseNamesRenderAsGlyphsNotBoxes) {
  ASSERT_NO_FATAL_FAILURE(plan_sample_fair());
  const std::string report = slurp(dir_ / "report.html");
  ASSERT_NE(
      report.find(std::string("font-family: ") + vetmatch::kReportFontStack),
      std::string::npos);

  // Three names from the plan, their characters rotated among the same
  // places, and as many code points no font has (U+2FE0..U+2FEF are
  // unassigned): under boxes all three look the same.
  std::u32string names;
  for (std::size_t i = 0; i < 3 && i < plan_.routes.size(); ++i) {
    if (!names.empty()) names += U' ';
    names += decode(plan_.routes[i].name);
  }
  std::vector<std::size_t> places;
  for (std::size_t i = 0; i < names.size(); ++i) {
    ASSERT_TRUE(names[i] == U' ' || names[i] >= 0x3400) << "not Chinese";
    if (names[i] != U' ') places.push_back(i);
  }
  std::u32string rotated = names, tofu = names;
  for (std::size_t k = 0; k < places.size(); ++k) {
    rotated[places[k]] = names[places[(k + 1) % places.size()]];
    tofu[places[k]] = char32_t(0x2FE0 + k % 16);
  }
  ASSERT_NE(rotated, names);

  const std::string strips =
      std::string(
          "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
          "@page { size: A4; margin: 10mm; } body { margin: 0; "
          "font-size: 28pt; font-family: ") +
      vetmatch::kReportFontStack +
      "; } div + div { break-before: page; }</style></head><body><div>" +
      encode(names) + "</div><div>" + encode(rotated) + "</div><div>" +
      encode(tofu) + "</div></body></html>";
  ts::spit(dir_ / "strips.html", strips);

  ASSERT_NO_FATAL_FAILURE(print(dir_ / "strips.html", dir_ / "strips.pdf"));
  const std::vector<ts::GreyImage> real =
      rasterize(dir_ / "strips.pdf", "real");
  ASSERT_EQ(real.size(), 3u);
  EXPECT_GT(real[0].ink(), 0);
  EXPECT_GT(real[2].ink(), 0);
  EXPECT_NE(real[0], real[2]) << "the names render as boxes (tofu): install "
                                 "fonts-noto-cjk";
  EXPECT_NE(real[0], real[1]) << "different Chinese text renders the same";

  // The control: with DejaVu only, the same check sees boxes.
  const fs::path conf = dir_ / "no-cjk.conf";
  ts::spit(conf,
           "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM "
           "\"fonts.dtd\"><fontconfig><dir>/usr/share/fonts/truetype/dejavu"
           "</dir><cachedir>" +
               (dir_ / "fc-cache").string() + "</cachedir></fontconfig>");
  ASSERT_NO_FATAL_FAILURE(
      print(dir_ / "strips.html", dir_ / "boxes.pdf",
            "FONTCONFIG_FILE=" + shell_quote(conf.string())));
  const std::vector<ts::GreyImage> boxes =
      rasterize(dir_ / "boxes.pdf", "boxes");
  ASSERT_EQ(boxes.size(), 3u);
  EXPECT_EQ(boxes[0], boxes[2]) << "the control should draw boxes";
  EXPECT_EQ(boxes[0], boxes[1]);
}

}  // namespace
