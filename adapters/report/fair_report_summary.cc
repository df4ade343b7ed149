// The report's first page: the fair's figures, coverage by group and by
// priority flag, histograms of fit and distance, and congestion.
#include <algorithm>
#include <vector>

#include "adapters/report/fair_report_parts.h"
#include "adapters/report/report_text.h"
#include "adapters/report/svg_histogram.h"

namespace vetmatch::report {
namespace {

std::string figure(const std::string& value, std::string_view zh,
                   std::string_view en, const std::string& sub = "") {
  std::string s = "<div class=\"figure\"><div class=\"value\">" + value +
                  "</div><div class=\"label\">" + bilingual(zh, en);
  if (!sub.empty()) s += "<br><span class=\"muted\">" + sub + "</span>";
  return s + "</div></div>";
}

std::string meter(std::int64_t part, std::int64_t whole) {
  const double share = whole > 0 ? 100.0 * double(part) / double(whole) : 0.0;
  return percent(part, whole) +
         "<div class=\"meter\"><span style=\"width:" + fixed(share, 1) +
         "%\"></span></div>";
}

std::string coverage_table(std::string_view zh, std::string_view en,
                           const PlanCoverage* rows, const Label* labels,
                           int count) {
  std::string s = "<table><thead><tr><th>" + bilingual(zh, en) +
                  "</th><th class=\"num\">" + bilingual("报名", "Registered") +
                  "</th><th class=\"num\">" + bilingual("有合适展位", "Fit") +
                  "</th><th class=\"num\">" + bilingual("已安排", "Planned") +
                  "</th><th>" + bilingual("覆盖率", "Coverage") +
                  "</th></tr></thead><tbody>";
  for (int i = 0; i < count; ++i) {
    const PlanCoverage& c = rows[i];
    s += "<tr><td class=\"nowrap\">" + bilingual(labels[i].zh, labels[i].en) +
         "</td><td class=\"num\">" + grouped(c.registered) +
         "</td><td class=\"num\">" + grouped(c.with_eligible_booth) +
         "</td><td class=\"num\">" + grouped(c.planned) + "</td><td>" +
         meter(c.planned, c.registered) + "</td></tr>";
  }
  return s + "</tbody></table>";
}

std::string demand_table(const Context& c, std::string_view zh,
                         std::string_view en,
                         const std::vector<BoothDemand>& list) {
  std::string s =
      "<table class=\"fixed small\"><colgroup><col "
      "style=\"width:19mm\"><col><col style=\"width:13mm\"><col "
      "style=\"width:13mm\"><col style=\"width:13mm\"></colgroup>"
      "<thead><tr><th>" +
      bilingual(zh, en) + "</th><th>" + bilingual("单位", "Employer") +
      "</th><th class=\"num\">" + bilingual("首选", "Requested") +
      "</th><th class=\"num\">" + bilingual("容量", "Capacity") +
      "</th><th class=\"num\">" + bilingual("已邀请", "Invited") +
      "</th></tr></thead><tbody>";
  for (const BoothDemand& d : list) {
    const Booth& booth = c.fair.booths[std::size_t(d.booth)];
    s += "<tr><td class=\"nowrap\">" +
         html_escape(booth.stand.empty() ? booth.id : booth.stand) +
         " <span class=\"id\">" + html_escape(booth.id) +
         "</span></td><td class=\"clip\">" +
         html_escape(c.employer(booth.employer)) + "</td><td class=\"num\">" +
         std::to_string(d.requested) + "</td><td class=\"num\">" +
         std::to_string(d.capacity) + "</td><td class=\"num\">" +
         std::to_string(d.invited) + "</td></tr>";
  }
  return s + "</tbody></table>";
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::string charts(const Context& c) {
  std::vector<double> fits, distances;
  fits.reserve(c.plan.visits.size());
  distances.reserve(c.plan.visits.size());
  for (const Visit& v : c.plan.visits) {
    fits.push_back(v.score.score);
    distances.push_back(v.score.distance_km);
  }
  const double longest =
      distances.empty() ? 0.0
                        : *std::max_element(distances.begin(), distances.end());
  const Bins fb = fit_bins(c.fair.settings.min_fit);
  const Bins db = distance_bins(longest);
  std::string s = "<h2>" + bilingual("匹配度与距离", "Fit and distance") +
                  "</h2><div class=\"two\"><div>";
  s += svg_histogram(bin_counts(fits, fb), fb,
                     {"匹配度 Fit of the planned interviews", "", 2});
  s += "</div><div>";
  s += svg_histogram(bin_counts(distances, db), db,
                     {"距离 Distance, veteran to posting", "km", 0});
  s += "</div></div>";
  double total = 0.0;
  for (double d : distances) total += d;
  const double mean =
      distances.empty() ? 0.0 : total / double(distances.size());
  s += "<p class=\"muted\">" + bilingual("距离", "Distance") + ": " +
       bilingual("平均 " + fixed(mean, 1) + " km", "mean") + " · " +
       bilingual("中位数 " + fixed(median(distances), 1) + " km", "median") +
       " · " + bilingual("最远 " + fixed(longest, 1) + " km", "longest") +
       "</p>";
  return s;
}

std::string congestion(const Context& c) {
  const CongestionStats& g = c.plan.congestion;
  std::string s = "<h2>" + bilingual("展位热度", "Congestion") + "</h2>";
  s += "<p>" + bilingual("面试已满 " + grouped(g.booths_full), "full") + " · " +
       bilingual("无人邀请 " + grouped(g.booths_empty), "empty") + " · " +
       bilingual("首选超出容量 " + grouped(g.booths_over_requested),
                 "requested beyond capacity") +
       "</p>";
  s += "<div class=\"two\"><div>" +
       demand_table(c, "最热门", "Most requested", g.most_requested) +
       "</div><div>" +
       demand_table(c, "最冷门", "Least requested", g.least_requested) +
       "</div></div>";
  s += "<p>" +
       bilingual("展位少于上限的人员 " + grouped(g.veterans_short),
                 "veterans with fewer booths than their limit") +
       ": ";
  const std::pair<ShortReason, std::int64_t> reasons[] = {
      {ShortReason::kNoEligibleBooth, g.short_no_eligible_booth},
      {ShortReason::kFewerEligibleBooths, g.short_fewer_eligible_booths},
      {ShortReason::kBoothsFull, g.short_booths_full},
  };
  for (std::size_t i = 0; i < std::size(reasons); ++i) {
    const Label l = short_reason_label(reasons[i].first);
    if (i > 0) s += " · ";
    s += html_escape(std::string(l.zh) + " " + grouped(reasons[i].second)) +
         "<span class=\"en\">" + html_escape(l.en) + "</span>";
  }
  return s + "</p>";
}

}  // namespace

std::string summary_section(const Context& c) {
  const FairPlanStats& st = c.plan.stats;
  const FairEvent& e = c.fair.event;
  std::string s = "<section class=\"summary\"><h1>" +
                  html_escape(e.name.empty() ? e.id : e.name) +
                  "<span class=\"en\">面试安排 Interview plan</span></h1>";
  s +=
      "<div class=\"fairline\">" + fair_line(e) + " · " +
      bilingual(
          "每人最多 " + std::to_string(c.fair.settings.max_booths_per_veteran) +
              " 个展位 · 匹配度不低于 " + fixed(c.fair.settings.min_fit, 2),
          "visit limit, least fit") +
      "</div>";
  const double mean_fit =
      st.interviews > 0 ? st.total_fit / double(st.interviews) : 0.0;
  s += "<div class=\"figures\">";
  s += figure(grouped(st.all.registered), "报名人数", "Registered");
  s += figure(grouped(st.all.with_eligible_booth), "有合适展位",
              "With a booth that fits",
              percent(st.all.with_eligible_booth, st.all.registered));
  s += figure(grouped(st.all.planned), "已安排展位", "Planned",
              percent(st.all.planned, st.all.with_eligible_booth) +
                  " of those who fit");
  s += figure(grouped(std::int64_t(c.fair.booths.size())), "展位", "Booths");
  s += figure(grouped(st.interviews), "面试场次", "Interviews",
              "/ " + grouped(st.capacity) + " · " +
                  percent(st.interviews, st.capacity));
  s += figure(grouped(st.visit_slots), "可走访次数", "Visit slots");
  s += figure(fixed(mean_fit, 3), "平均匹配度", "Mean fit",
              "Σ " + fixed(st.total_fit, 1));
  s += figure(st.proven_optimal ? "✓" : "–", "最优已验证", "Proven optimal");
  s += "</div>";

  Label groups[4], flags[4];
  for (int i = 0; i < 4; ++i) {
    groups[i] = group_label(static_cast<Group>(i));
    flags[i] = priority_label(static_cast<PriorityFlag>(i));
  }
  s += "<h2>" + bilingual("覆盖情况", "Coverage") + "</h2><div class=\"two\">";
  s += "<div>" +
       coverage_table("类别", "Group", st.by_group.data(), groups, 4) +
       "</div><div>" +
       coverage_table("优先对象", "Priority", st.by_priority.data(), flags, 4) +
       "</div></div>";
  s += charts(c);
  s += congestion(c);
  return s + "</section>\n";
}

}  // namespace vetmatch::report
