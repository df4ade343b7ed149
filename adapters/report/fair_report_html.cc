#include "adapters/report/fair_report_html.h"

#include "adapters/report/fair_report_parts.h"
#include "adapters/report/report_text.h"
#include "engine/scoring/explain.h"

namespace vetmatch {

const char* const kReportFontStack =
    "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"WenQuanYi Zen Hei\", "
    "\"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", "
    "sans-serif";

namespace report {
namespace {

constexpr int kSharedSkills = 3;

// Print first: A4, page numbers in the bottom margin, colours kept.
constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-center { content: counter(page) " / " counter(pages);
    font-family: FONTS; font-size: 8pt; color: #666; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: FONTS; font-size: 9.5pt; line-height: 1.45;
  color: #1a1a1a; }
.en { color: #5f6368; font-size: 0.8em; font-weight: normal;
  margin-left: 0.45em; }
.muted { color: #5f6368; }
section.page { break-before: page; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-bottom: 1mm;
  border-bottom: 0.6pt solid #c8ccd0; }
.fairline { color: #5f6368; margin-bottom: 3mm; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.figure { border: 0.6pt solid #c8ccd0; border-radius: 1.5mm;
  padding: 1mm 2.5mm; break-inside: avoid; }
.figure .value { font-size: 13pt; font-weight: 700; }
.figure .label { font-size: 8pt; color: #3c4043; line-height: 1.3; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm;
  border-bottom: 0.4pt solid #c8ccd0; }
th { background: #eef2f6; font-weight: 600; font-size: 8.5pt; }
th .en { display: block; margin-left: 0; font-size: 7pt; }
table.fixed { table-layout: fixed; }
.nowrap { white-space: nowrap; }
td.clip { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.small td { font-size: 8.5pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.meter { height: 2.2mm; min-width: 18mm; background: #e6eaee;
  border-radius: 1mm; overflow: hidden; margin-top: 1mm; }
.meter > span { display: block; height: 100%; background: #1f5f99; }
svg.chart { width: 100%; height: auto; display: block; }
svg .bar { fill: #1f5f99; }
svg .axis { stroke: #80868b; stroke-width: 1; }
svg .tick, svg .count { font-size: 12px; fill: #3c4043; }
svg .chart-title { font-size: 14px; font-weight: 600; fill: #1a1a1a; }
.legend { font-size: 8pt; color: #3c4043; margin-top: 3mm; }
.booth-head { display: flex; align-items: baseline; gap: 4mm; }
.stand { font-size: 22pt; font-weight: 700; color: #1f5f99; }
.postings { font-size: 8.5pt; color: #3c4043; margin: 1mm 0 3mm; }
.why { font-size: 8pt; color: #3c4043; }
.name { font-size: 10.5pt; font-weight: 600; }
.id { font-size: 7.5pt; color: #5f6368; }
table.invites td.name-cell .name { white-space: nowrap; }
.empty { color: #5f6368; font-style: italic; margin: 3mm 0; }
.slips { break-before: page; }
.slip { break-inside: avoid; border: 0.8pt dashed #80868b;
  padding: 3mm 4mm; margin-bottom: 4mm; }
.slip-head { display: flex; justify-content: space-between;
  align-items: baseline; }
.slip ol { margin: 1.5mm 0 0; padding-left: 6mm; }
.slip li { margin: 0.8mm 0; }
.slip .stand { font-size: 13pt; margin-right: 2mm; }
.note { margin-top: 1.5mm; font-size: 8.5pt; color: #3c4043; }
@media screen {
  body { max-width: 210mm; margin: 0 auto; padding: 10mm 12mm; }
  section.page, .slips { border-top: 2px solid #c8ccd0; margin-top: 10mm;
    padding-top: 8mm; }
}
)CSS";

std::string style() {
  std::string css = kStyle;
  const std::string fonts = kReportFontStack;
  for (std::size_t at = css.find("FONTS"); at != std::string::npos;
       at = css.find("FONTS", at + fonts.size())) {
    css.replace(at, 5, fonts);
  }
  return css;
}

}  // namespace

std::string skill_for_people(std::string_view skill) {
  const std::size_t dot = skill.rfind('.');
  std::string text(dot == std::string_view::npos ? skill
                                                 : skill.substr(dot + 1));
  for (char& ch : text) {
    if (ch == '_') ch = ' ';
  }
  return text;
}

Context::Context(const Fair& f, const FairPlan& p) : fair(f), plan(p) {
  for (const Employer& e : fair.round.employers) employer_name[e.id] = e.name;
}

const std::string& Context::employer(const std::string& id) const {
  const auto it = employer_name.find(id);
  return it == employer_name.end() || it->second.empty() ? id : it->second;
}

const std::string& Context::veteran_name(VeteranIndex v) const {
  const Veteran& veteran = fair.round.veterans[std::size_t(v)];
  return veteran.name.empty() ? veteran.id : veteran.name;
}

std::string bilingual(std::string_view zh, std::string_view en) {
  return html_escape(zh) + "<span class=\"en\">" + html_escape(en) + "</span>";
}

std::string fair_line(const FairEvent& e) {
  std::string line;
  auto add = [&](const std::string& part) {
    if (part.empty()) return;
    if (!line.empty()) line += " · ";
    line += html_escape(part);
  };
  add(e.name.empty() ? e.id : e.name);
  add(e.date);
  if (!e.start.empty()) add(e.start + "–" + e.end);
  add(e.venue);
  return line;
}

std::string why_text(const Context& c, const Visit& visit) {
  const Round& round = c.fair.round;
  const PairScore& s = visit.score;
  std::string text = "技能 " + fixed(s.skill, 2) + " · 距离 " +
                     fixed(s.distance_km, 1) + " km · 意向 " +
                     (s.preference >= 1.0 ? "✓" : "✗");
  const std::vector<SkillShare> shared = top_shared_skills(
      round.veterans[std::size_t(visit.veteran)],
      round.postings[std::size_t(visit.posting)], kSharedSkills);
  std::string skills;
  for (const SkillShare& share : shared) {
    if (!skills.empty()) skills += ", ";
    skills += skill_for_people(share.skill);
  }
  if (!skills.empty()) text += " · 共同技能 " + skills;
  text += " · 匹配排名 " + std::to_string(visit.rank);
  return html_escape(text);
}

std::string group_text(const Veteran& v) {
  std::string text(group_label(v.group).zh);
  for (int flag = 0; flag < 4; ++flag) {
    if (v.priority & (1u << flag)) {
      text += " · ";
      text += priority_label(static_cast<PriorityFlag>(flag)).zh;
    }
  }
  return html_escape(text);
}

std::string booth_index_section(const Context& c) {
  std::string s = "<section class=\"page index\"><h1>" +
                  bilingual("展位一览", "Booths") + "</h1>";
  s += "<div class=\"fairline\">" + fair_line(c.fair.event) + "</div>";
  s += "<table><thead><tr><th>" + bilingual("展台", "Stand") + "</th><th>" +
       bilingual("展位", "Booth") + "</th><th>" +
       bilingual("单位", "Employer") + "</th><th class=\"num\">" +
       bilingual("面试容量", "Capacity") + "</th><th class=\"num\">" +
       bilingual("已邀请", "Invited") + "</th><th class=\"num\">" +
       bilingual("合适人数", "Fit") + "</th><th class=\"num\">" +
       bilingual("首选人数", "Requested") + "</th><th>" +
       bilingual("使用率", "Fill") + "</th></tr></thead><tbody>";
  for (const BoothPlan& bp : c.plan.booths) {
    const Booth& booth = c.fair.booths[std::size_t(bp.booth)];
    const std::int64_t invited = std::int64_t(bp.invites.size());
    const double fill =
        bp.capacity > 0 ? 100.0 * double(invited) / double(bp.capacity) : 0.0;
    s += "<tr><td>" + html_escape(booth.stand) + "</td><td>" +
         html_escape(booth.id) + "</td><td>" +
         html_escape(c.employer(booth.employer)) + "</td><td class=\"num\">" +
         std::to_string(bp.capacity) + "</td><td class=\"num\">" +
         std::to_string(invited) + "</td><td class=\"num\">" +
         std::to_string(bp.eligible) + "</td><td class=\"num\">" +
         std::to_string(bp.requested) + "</td><td>" +
         percent(invited, bp.capacity) +
         "<div class=\"meter\"><span style=\"width:" + fixed(fill, 1) +
         "%\"></span></div></td></tr>";
  }
  s += "</tbody></table>";
  if (c.plan.booths.empty()) {
    s +=
        "<p class=\"empty\">" + bilingual("本场没有展位", "No booths") + "</p>";
  }
  s += "<p class=\"legend\">" +
       bilingual(
           "名单说明：匹配度为技能、距离与意向的加权分；技能为技能相似度，"
           "距离为人员住址到岗位地点的直线距离，意向✓表示岗位行业在其意向内；"
           "共同技能为贡献最大的共同技能；匹配排名为该展位在其所有合适展位中"
           "的名次（1 为最合适）。合适人数：在本展位有合适岗位的报名人员；"
           "首选人数：本展位在其前几个最合适展位（个数为其走访上限）之内的人员"
           "。",
           "How to read the lists: fit weighs skills, distance and wishes; "
           "skill is the skill similarity, distance the straight line from "
           "home to the posting, ✓ when the posting's industry is one they "
           "want; shared skills are those that count most; the rank is the "
           "booth's place among all booths that fit them (1 = best). Fit: "
           "registered veterans with a posting here that fits; requested: "
           "those for whom this booth is among their best (as many as they "
           "may visit).") +
       "</p>";
  s += "</section>\n";
  return s;
}

}  // namespace report

std::string fair_report_html(const Fair& fair, const FairPlan& plan) {
  const report::Context c(fair, plan);
  const std::string title =
      (fair.event.name.empty() ? fair.event.id : fair.event.name) +
      " · 面试安排 Interview plan";
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta "
      "charset=\"utf-8\">\n<meta name=\"generator\" content=\"vetmatch fair "
      "plan\">\n<title>" +
      html_escape(title) + "</title>\n<style>" + report::style() +
      "</style>\n</head>\n<body>\n";
  html += report::summary_section(c);
  html += report::booth_index_section(c);
  for (const BoothPlan& bp : plan.booths) html += report::booth_page(c, bp);
  html += report::slips_section(c);
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace vetmatch
