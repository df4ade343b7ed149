// The report's lists: one page per booth (its invite list with the why of
// each name and a blank column for the interviewer's notes) and one slip
// per veteran (their route of booths).
#include "adapters/report/fair_report_parts.h"
#include "adapters/report/report_text.h"

namespace vetmatch::report {
namespace {

std::string posting_cell(const Round& round, PostingIndex p) {
  const Posting& posting = round.postings[std::size_t(p)];
  return html_escape(posting.title.empty() ? posting.id : posting.title) +
         " <span class=\"id\">" + html_escape(posting.id) + "</span>";
}

// The booth's postings, the first kOffered of them by title, then how
// many in all.
std::string offered(const Context& c, const Booth& booth) {
  constexpr std::size_t kOffered = 8;
  std::string s;
  for (std::size_t i = 0; i < booth.postings.size() && i < kOffered; ++i) {
    const Posting& posting =
        c.fair.round.postings[std::size_t(booth.postings[i])];
    if (!s.empty()) s += "、";
    s += html_escape(posting.title.empty() ? posting.id : posting.title);
  }
  if (booth.postings.size() > kOffered) {
    s += " " +
         bilingual("等共 " + std::to_string(booth.postings.size()) + " 个岗位",
                   std::to_string(booth.postings.size()) + " in all");
  }
  return s;
}

std::string slip(const Context& c, const VeteranRoute& route) {
  const Veteran& v = c.fair.round.veterans[std::size_t(route.veteran)];
  std::string s = "<div class=\"slip\" id=\"slip-" + html_escape(v.id) + "\">";
  s += "<div class=\"slip-head\"><div>" +
       bilingual("参会路线单", "Route slip") + " <span class=\"id\">" +
       html_escape(v.id) + "</span></div><div class=\"muted\">" +
       fair_line(c.fair.event) + "</div></div>";
  s += "<div><span class=\"name\">" +
       html_escape(c.veteran_name(route.veteran)) +
       "</span> <span class=\"muted\">" + group_text(v) + "</span></div>";
  const Label reason = short_reason_label(route.short_reason);
  if (route.route.empty()) {
    s += "<p class=\"note\">" +
         bilingual("本场未为您安排展位，请到服务台咨询：" +
                       std::string(reason.zh) + "。",
                   "No booth is planned for you; please ask at the help "
                   "desk. " +
                       std::string(reason.en) + ".") +
         "</p>";
    return s + "</div>\n";
  }
  s += "<ol>";
  for (std::int32_t i : route.route) {
    const Visit& visit = c.plan.visits[std::size_t(i)];
    const Booth& booth = c.fair.booths[std::size_t(visit.booth)];
    s += "<li><span class=\"stand\">" +
         html_escape(booth.stand.empty() ? booth.id : booth.stand) +
         "</span><strong>" + html_escape(c.employer(booth.employer)) +
         "</strong> <span class=\"id\">" + html_escape(booth.id) +
         "</span> · " + posting_cell(c.fair.round, visit.posting) + " · " +
         bilingual("匹配度 " + fixed(visit.score.score, 2), "fit") + "</li>";
  }
  s += "</ol>";
  if (route.short_reason != ShortReason::kNone) {
    s += "<p class=\"note\">" +
         bilingual("已安排 " + std::to_string(route.route.size()) + " / " +
                       std::to_string(route.limit) + " 个展位：" +
                       std::string(reason.zh) + "。",
                   std::string(reason.en) + ".") +
         "</p>";
  }
  return s + "</div>\n";
}

}  // namespace

std::string booth_page(const Context& c, const BoothPlan& bp) {
  const Booth& booth = c.fair.booths[std::size_t(bp.booth)];
  const std::string& employer = c.employer(booth.employer);
  std::string s = "<section class=\"page booth\" id=\"booth-" +
                  html_escape(booth.id) + "\">";
  s += "<div class=\"booth-head\"><h1>展位 Booth " + html_escape(booth.id) +
       "</h1>";
  if (!booth.stand.empty()) {
    s += "<div class=\"stand\">" + html_escape(booth.stand) + "</div>";
  }
  s += "</div>";
  s += "<div><span class=\"name\">" + html_escape(employer) + "</span>";
  if (!booth.name.empty() && booth.name != employer) {
    s += " · " + html_escape(booth.name);
  }
  s +=
      "</div><div class=\"fairline\">" + fair_line(c.fair.event) + " · " +
      bilingual("面试容量 " + std::to_string(bp.capacity), "capacity") + " · " +
      bilingual("已邀请 " + std::to_string(bp.invites.size()), "invited") +
      " · " + bilingual("合适 " + std::to_string(bp.eligible), "fit") + " · " +
      bilingual("首选 " + std::to_string(bp.requested), "requested") + "</div>";
  s += "<div class=\"postings\">" + bilingual("招聘岗位", "Postings") + ": " +
       offered(c, booth) + "</div>";
  if (bp.invites.empty()) {
    s +=
        "<p class=\"empty\">" +
        bilingual("本展位没有邀请人员", "No veteran is invited to this booth") +
        "</p>";
    return s + "</section>\n";
  }
  s += "<table class=\"fixed invites\"><colgroup><col style=\"width:7mm\">"
       "<col style=\"width:19mm\"><col style=\"width:17mm\"><col "
       "style=\"width:40mm\"><col style=\"width:12mm\"><col><col "
       "style=\"width:26mm\"></colgroup><thead><tr><th "
       "class=\"num\">#</th><th>" +
       bilingual("姓名", "Name") + "</th><th>" + bilingual("类别", "Group") +
       "</th><th>" + bilingual("岗位", "Posting") + "</th><th class=\"num\">" +
       bilingual("匹配度", "Fit") + "</th><th>" + bilingual("原因", "Why") +
       "</th><th>" + bilingual("面谈记录", "Notes") +
       "</th></tr></thead><tbody>";
  std::int32_t order = 0;
  for (std::int32_t i : bp.invites) {
    const Visit& visit = c.plan.visits[std::size_t(i)];
    const Veteran& v = c.fair.round.veterans[std::size_t(visit.veteran)];
    s += "<tr><td class=\"num\">" + std::to_string(++order) +
         "</td><td class=\"name-cell\"><span class=\"name\">" +
         html_escape(c.veteran_name(visit.veteran)) +
         "</span><br><span class=\"id\">" + html_escape(v.id) +
         "</span></td><td>" + group_text(v) + "</td><td>" +
         posting_cell(c.fair.round, visit.posting) + "</td><td class=\"num\">" +
         fixed(visit.score.score, 3) + "</td><td class=\"why\">" +
         why_text(c, visit) + "</td><td></td></tr>";
  }
  return s + "</tbody></table></section>\n";
}

std::string slips_section(const Context& c) {
  std::string s = "<div class=\"slips\">\n";
  for (const VeteranRoute& route : c.plan.routes) s += slip(c, route);
  if (c.plan.routes.empty()) {
    s += "<p class=\"empty\">" +
         bilingual("没有报名人员", "No veteran registered") + "</p>";
  }
  return s + "</div>\n";
}

}  // namespace vetmatch::report
