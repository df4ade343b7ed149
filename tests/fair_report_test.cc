// The printed fair report and its CSV lists (adapters/report): escaping and
// CSV quoting checked against a plain RFC 4180 reader on random text; the
// histogram's bins against an exact integer recount; on seeded random fairs
// and the edge-case fairs, the HTML has the summary, one page per booth
// with its invites in plan order, one slip per veteran with their route in
// order, loads nothing and escapes every string; the CSV lists hold the
// plan's rows in order; same bytes with 1 and 2 threads.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "adapters/report/csv_text.h"
#include "adapters/report/fair_csv.h"
#include "adapters/report/fair_report_html.h"
#include "adapters/report/report_text.h"
#include "adapters/report/svg_histogram.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/plan.h"
#include "tests/support/csv_reference.h"
#include "tests/support/random_fair.h"

namespace vetmatch {
namespace {

using test::CsvRecord;
using test::parse_csv;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

test::RandomFairOptions options_for(std::uint64_t seed) {
  test::RandomFairOptions o;
  o.veterans = int(seed % 30);
  o.booths = 1 + int(seed % 7);
  o.extra_postings = int(seed % 9);
  o.max_capacity = 1 + int(seed % 6);
  o.max_visits = 1 + int(seed % 3);
  return o;
}

struct Planned {
  Fair fair;
  FairPlan plan;
};

std::vector<Planned> fairs_to_check() {
  std::vector<Planned> out;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Fair fair = test::random_fair(options_for(seed), seed);
    FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
    out.push_back({std::move(fair), std::move(plan)});
  }
  for (test::NamedFair& named : test::edge_case_fairs(5)) {
    FairPlan plan = plan_fair(named.fair, compute_fair_fits(named.fair));
    out.push_back({std::move(named.fair), std::move(plan)});
  }
  return out;
}

// The text a random test string is drawn from: every byte CSV and HTML
// treat specially, spaces, a formula start and two Chinese characters.
std::string random_text(std::mt19937_64& rng) {
  static const std::vector<std::string> kParts = {
      "a", "Z", "7",  ",", "\"", "\r", "\n", " ",  "=",  "-",
      "+", "@", "\t", "<", ">",  "&",  "'",  "中", "军", ";"};
  std::uniform_int_distribution<int> length(0, 8);
  std::uniform_int_distribution<std::size_t> part(0, kParts.size() - 1);
  std::string s;
  for (int n = length(rng); n > 0; --n) s += kParts[part(rng)];
  return s;
}

TEST(ReportTextTest, HtmlEscapeReplacesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("丁浩永"), "丁浩永");
  EXPECT_EQ(html_escape(""), "");
  std::mt19937_64 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const std::string s = random_text(rng);
    const std::string e = html_escape(s);
    EXPECT_EQ(e.find_first_of("<>\"'"), std::string::npos) << e;
    // Unescaping gives the text back.
    std::string back = e;
    for (const auto& [entity, ch] :
         std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"},
                                                          {"&gt;", ">"},
                                                          {"&quot;", "\""},
                                                          {"&#39;", "'"},
                                                          {"&amp;", "&"}}) {
      for (std::size_t at = back.find(entity); at != std::string::npos;
           at = back.find(entity, at + ch.size())) {
        back.replace(at, entity.size(), ch);
      }
    }
    EXPECT_EQ(back, s);
  }
}

TEST(ReportTextTest, FixedNeverPrintsNegativeZero) {
  EXPECT_EQ(fixed(-0.0001, 2), "0.00");
  EXPECT_EQ(fixed(-0.5, 0), "0");  // rounds half to even: -0
  EXPECT_EQ(fixed(-1.25, 1), "-1.2");
  EXPECT_EQ(fixed(3.14159, 3), "3.142");
  EXPECT_EQ(percent(1, 3), "33.3%");
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(265000), "265,000");
  EXPECT_EQ(grouped(-57000000), "-57,000,000");
  EXPECT_EQ(grouped(INT64_MIN), "-9,223,372,036,854,775,808");
  EXPECT_EQ(percent(0, 0), "–");
}

TEST(CsvTextTest, FieldsReadBackThroughAPlainRfc4180Reader) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::vector<std::string>> rows(1 + trial % 5);
    CsvWriter csv;
    for (auto& row : rows) {
      const int cells = 1 + int(rng() % 6);
      for (int c = 0; c < cells; ++c) {
        row.push_back(random_text(rng));
        csv.field(row.back());
      }
      csv.end_row();
    }
    const std::string& text = csv.str();
    ASSERT_EQ(text.rfind(std::string(kUtf8Bom), 0), 0u);
    std::vector<CsvRecord> read;
    ASSERT_NO_THROW(read = parse_csv(text.substr(kUtf8Bom.size())))
        << "trial " << trial;
    // A row of one empty field is an empty line, which reads as [""].
    ASSERT_EQ(read.size(), rows.size()) << "trial " << trial;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      EXPECT_EQ(read[r], rows[r]) << "trial " << trial << " row " << r;
    }
  }
}

TEST(CsvTextTest, TextCellsCannotStartAFormula) {
  std::mt19937_64 rng(8);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::string s = random_text(rng);
    const std::vector<CsvRecord> read = parse_csv(csv_text_cell(s) + "\r\n");
    ASSERT_EQ(read.size(), 1u);
    const std::string& got = read[0][0];
    const bool risky =
        !s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos;
    EXPECT_EQ(got, risky ? "'" + s : s);
  }
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("丁浩永"), "丁浩永");
  EXPECT_EQ(csv_field(" x"), "\" x\"");
}

TEST(SvgHistogramTest, BinsEqualAnExactRecount) {
  // Scores on a 1/1000 grid: bin i of fit_bins holds [lo + i/20, ...), so
  // with integers k (score = k / 1000) the bin is (k - lo_k) / 50.
  std::mt19937_64 rng(3);
  for (int min_k : {0, 50, 300, 500, 600, 650, 999, 1000}) {
    const Bins bins = fit_bins(min_k / 1000.0);
    const int lo_k = std::min(min_k / 50 * 50, 950);
    ASSERT_NEAR(bins.lo, lo_k / 1000.0, 1e-12);
    ASSERT_EQ(bins.count, (1000 - lo_k) / 50);
    std::vector<double> values;
    std::vector<std::int64_t> expected(std::size_t(bins.count), 0);
    for (int i = 0; i < 500; ++i) {
      const int k = lo_k + int(rng() % std::uint64_t(1001 - lo_k));
      values.push_back(k / 1000.0);
      ++expected[std::size_t(std::min((k - lo_k) / 50, bins.count - 1))];
    }
    for (int k = lo_k; k <= 1000; k += 50) {  // every edge exactly
      values.push_back(k / 1000.0);
      ++expected[std::size_t(std::min((k - lo_k) / 50, bins.count - 1))];
    }
    EXPECT_EQ(bin_counts(values, bins), expected) << "min " << min_k;
  }
}

TEST(SvgHistogramTest, DistanceBinsAreOneTwoFiveAndCoverTheRange) {
  for (double top : {0.0, 0.3, 1.0, 7.0, 12.0, 12.5, 13.0, 24.0, 25.0, 59.9,
                     60.0, 61.0, 240.0, 999.0, 12345.0}) {
    const Bins b = distance_bins(top);
    EXPECT_EQ(b.lo, 0.0);
    EXPECT_LE(b.count, 12) << top;
    EXPECT_GE(b.width * b.count, std::max(top, 1.0) - 1e-9) << top;
    const double mantissa =
        b.width / std::pow(10.0, std::floor(std::log10(b.width)));
    EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-9 ||
                std::fabs(mantissa - 2) < 1e-9 ||
                std::fabs(mantissa - 5) < 1e-9)
        << b.width;
    EXPECT_GE(b.width, 1.0);
  }
  EXPECT_EQ(distance_bins(24.0).width, 2.0);
  EXPECT_EQ(distance_bins(24.0).count, 12);
  EXPECT_EQ(distance_bins(25.0).width, 5.0);
}

TEST(SvgHistogramTest, ChartHasEveryCountAndNoExternalReference) {
  const Bins bins{0.5, 0.05, 10};
  const std::vector<std::int64_t> counts = {0, 3, 17, 0, 5, 1, 0, 0, 2, 9};
  const std::string svg =
      svg_histogram(counts, bins, {"Fit <of> & \"plan\"", "km", 2});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(count_of(svg, "<rect class=\"bar\""), 6u);  // non-zero bins
  for (const char* label : {">17<", ">3<", ">9<", ">0.50<", ">1.00<"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_NE(svg.find("Fit &lt;of&gt; &amp; &quot;plan&quot;"),
            std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  EXPECT_EQ(svg, svg_histogram(counts, bins, {"Fit <of> & \"plan\"", "km", 2}));
  // No interviews: an empty chart, no bar.
  const std::string empty = svg_histogram({0, 0}, {0, 1, 2}, {"t", "", 0});
  EXPECT_EQ(count_of(empty, "<rect"), 0u);
}

TEST(FairReportTest, EveryBoothPageAndSlipInPlanOrder) {
  int checked = 0;
  for (const Planned& p : fairs_to_check()) {
    const std::string html = fair_report_html(p.fair, p.plan);
    const Round& round = p.fair.round;
    ASSERT_EQ(count_of(html, "<section class=\"summary\">"), 1u);
    ASSERT_EQ(count_of(html, "<section class=\"page booth\""),
              p.fair.booths.size());
    ASSERT_EQ(count_of(html, "<div class=\"slip\""), round.veterans.size());
    // Booth pages in the fair's order, each with its invites in order.
    std::size_t at = 0;
    for (const BoothPlan& bp : p.plan.booths) {
      const Booth& booth = p.fair.booths[std::size_t(bp.booth)];
      at = html.find("<section class=\"page booth\" id=\"booth-" +
                         html_escape(booth.id) + "\">",
                     at);
      ASSERT_NE(at, std::string::npos) << booth.id;
      const std::size_t end = html.find("</section>", at);
      const std::string page = html.substr(at, end - at);
      EXPECT_NE(page.find("展位 Booth " + html_escape(booth.id)),
                std::string::npos);
      std::size_t row = 0;
      for (std::int32_t i : bp.invites) {
        const Visit& visit = p.plan.visits[std::size_t(i)];
        const std::string marker =
            "<span class=\"id\">" +
            html_escape(round.veterans[std::size_t(visit.veteran)].id) +
            "</span></td>";
        row = page.find(marker, row);
        ASSERT_NE(row, std::string::npos) << booth.id << " " << marker;
        ++row;
      }
      EXPECT_EQ(count_of(page, "<tr><td class=\"num\">"), bp.invites.size());
      if (bp.invites.empty()) {
        EXPECT_NE(page.find("No veteran is invited"), std::string::npos);
      }
      at = end;
    }
    // Slips after the booth pages, in the plan's route order, each with its
    // booths in route order.
    for (const VeteranRoute& route : p.plan.routes) {
      const Veteran& v = round.veterans[std::size_t(route.veteran)];
      at = html.find(
          "<div class=\"slip\" id=\"slip-" + html_escape(v.id) + "\">", at);
      ASSERT_NE(at, std::string::npos) << v.id;
      const std::size_t end = html.find("</div>\n", at);
      const std::string slip = html.substr(at, end - at);
      std::size_t stop = 0;
      for (std::int32_t i : route.route) {
        const Booth& booth =
            p.fair.booths[std::size_t(p.plan.visits[std::size_t(i)].booth)];
        stop = slip.find(
            "<span class=\"id\">" + html_escape(booth.id) + "</span> · ", stop);
        ASSERT_NE(stop, std::string::npos) << v.id << " " << booth.id;
        ++stop;
      }
      EXPECT_EQ(count_of(slip, "<li>"), route.route.size());
      if (route.short_reason != ShortReason::kNone) {
        EXPECT_NE(
            slip.find(std::string(short_reason_label(route.short_reason).zh)),
            std::string::npos);
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 40);
}

TEST(FairReportTest, LoadsNothingAndIsLaidOutForA4) {
  for (const Planned& p : fairs_to_check()) {
    const std::string html = fair_report_html(p.fair, p.plan);
    for (const char* word :
         {"http:", "https:", "src=", "<link", "<script", "<img", "@import",
          "url(", "@font-face", "<iframe", "<object", "href"}) {
      EXPECT_EQ(html.find(word), std::string::npos) << word;
    }
    EXPECT_NE(html.find("size: A4"), std::string::npos);
    EXPECT_NE(html.find("break-before: page"), std::string::npos);
    EXPECT_NE(html.find("break-inside: avoid"), std::string::npos);
    EXPECT_NE(html.find(kReportFontStack), std::string::npos);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  }
}

TEST(FairReportTest, EveryStringFromTheFairIsEscaped) {
  const std::string nasty = "<i>x</i>&\"'";
  const std::string escaped = html_escape(nasty);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    test::RandomFairOptions o = options_for(seed);
    o.veterans = 8 + int(seed);
    Fair fair = test::random_fair(o, seed);
    fair.event.name = nasty + "name";
    fair.event.venue = nasty + "venue";
    fair.event.date = nasty + "date";
    fair.event.start = nasty;
    fair.event.end = nasty;
    for (Veteran& v : fair.round.veterans) v.name = nasty + v.id;
    for (Posting& q : fair.round.postings) q.title = nasty + q.id;
    for (Employer& e : fair.round.employers) e.name = nasty + e.id;
    for (Booth& b : fair.booths) {
      b.stand = nasty + "stand";
      b.name = nasty + "booth";
    }
    const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
    const std::string html = fair_report_html(fair, plan);
    EXPECT_EQ(html.find("<i>"), std::string::npos) << "seed " << seed;
    EXPECT_EQ(html.find("'x"), std::string::npos);
    EXPECT_NE(html.find(escaped + "name"), std::string::npos);
    EXPECT_NE(html.find(escaped + "venue"), std::string::npos);
    EXPECT_NE(html.find(escaped + "stand"), std::string::npos);
    for (const Visit& visit : plan.visits) {
      EXPECT_NE(html.find(escaped +
                          fair.round.veterans[std::size_t(visit.veteran)].id),
                std::string::npos);
      EXPECT_NE(html.find(escaped +
                          fair.round.postings[std::size_t(visit.posting)].id),
                std::string::npos);
    }
  }
}

TEST(FairCsvTest, ListsHoldThePlansRowsInOrder) {
  for (const Planned& p : fairs_to_check()) {
    const Round& round = p.fair.round;
    const std::string invites = booth_invites_csv(p.fair, p.plan);
    const std::string routes = veteran_routes_csv(p.fair, p.plan);
    ASSERT_EQ(invites.rfind(std::string(kUtf8Bom), 0), 0u);
    ASSERT_EQ(routes.rfind(std::string(kUtf8Bom), 0), 0u);
    const std::vector<CsvRecord> a = parse_csv(invites.substr(3));
    const std::vector<CsvRecord> b = parse_csv(routes.substr(3));
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());
    ASSERT_EQ(a[0].size(), 19u);
    EXPECT_EQ(a[0][0], "booth");
    EXPECT_EQ(a[0][5], "veteran");
    EXPECT_EQ(a[0][9], "posting");
    EXPECT_EQ(a[0][18], "outcome");
    std::size_t r = 1;
    for (const BoothPlan& bp : p.plan.booths) {
      std::int32_t order = 0;
      for (std::int32_t i : bp.invites) {
        const Visit& visit = p.plan.visits[std::size_t(i)];
        ASSERT_LT(r, a.size());
        const CsvRecord& row = a[r++];
        ASSERT_EQ(row.size(), 19u);
        EXPECT_EQ(row[0], p.fair.booths[std::size_t(bp.booth)].id);
        EXPECT_EQ(row[4], std::to_string(++order));
        EXPECT_EQ(row[5], round.veterans[std::size_t(visit.veteran)].id);
        EXPECT_EQ(row[9], round.postings[std::size_t(visit.posting)].id);
        EXPECT_NEAR(std::stod(row[11]), visit.score.score, 5e-4);
        EXPECT_EQ(row[17], std::to_string(visit.rank));
        EXPECT_EQ(row[18], "");
      }
    }
    EXPECT_EQ(r, a.size());
    ASSERT_EQ(b[0].size(), 17u);
    EXPECT_EQ(b[0][0], "veteran");
    EXPECT_EQ(b[0][8], "booth");
    r = 1;
    for (const VeteranRoute& route : p.plan.routes) {
      const std::string& id = round.veterans[std::size_t(route.veteran)].id;
      const std::string reason =
          route.short_reason == ShortReason::kNone
              ? ""
              : std::string(to_string(route.short_reason));
      if (route.route.empty()) {
        ASSERT_LT(r, b.size());
        const CsvRecord& row = b[r++];
        ASSERT_EQ(row.size(), 17u);
        EXPECT_EQ(row[0], id);
        EXPECT_EQ(row[6], reason);
        EXPECT_EQ(row[8], "");
        continue;
      }
      std::int32_t order = 0;
      for (std::int32_t i : route.route) {
        const Visit& visit = p.plan.visits[std::size_t(i)];
        ASSERT_LT(r, b.size());
        const CsvRecord& row = b[r++];
        ASSERT_EQ(row.size(), 17u);
        EXPECT_EQ(row[0], id);
        EXPECT_EQ(row[6], reason);
        EXPECT_EQ(row[7], std::to_string(++order));
        EXPECT_EQ(row[8], p.fair.booths[std::size_t(visit.booth)].id);
        EXPECT_EQ(row[12], round.postings[std::size_t(visit.posting)].id);
      }
    }
    EXPECT_EQ(r, b.size());
  }
}

TEST(FairReportTest, SameBytesWithOneAndTwoThreads) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    test::RandomFairOptions o;
    o.veterans = 200;
    o.booths = 12;
    o.extra_postings = 40;
    o.max_capacity = 15;
    const Fair fair = test::random_fair(o, seed + 31);
    std::string one, two;
    for (int threads : {1, 2}) {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism,
                            std::size_t(threads));
      const FairPlan plan = plan_fair(fair, compute_fair_fits(fair));
      (threads == 1 ? one : two) = fair_report_html(fair, plan) +
                                   booth_invites_csv(fair, plan) +
                                   veteran_routes_csv(fair, plan);
    }
    EXPECT_EQ(one, two) << "seed " << seed;
  }
}

}  // namespace
}  // namespace vetmatch
