// Internal to adapters/report: what the sections of the fair report share
// (fair_report_html.cc assembles them; fair_report_summary.cc and
// fair_report_pages.cc write them).
#pragma once

#include <string>
#include <unordered_map>

#include "engine/fair/fair.h"
#include "engine/fair/plan.h"

namespace vetmatch::report {

struct Context {
  Context(const Fair& f, const FairPlan& p);
  const Fair& fair;
  const FairPlan& plan;
  std::unordered_map<std::string, std::string> employer_name;

  /// The employer's name, or its id when the round names none.
  const std::string& employer(const std::string& id) const;
  /// The veteran's name, or the id when there is none.
  const std::string& veteran_name(VeteranIndex v) const;
};

/// "中文<span class=en>English</span>", both escaped.
std::string bilingual(std::string_view zh, std::string_view en);
/// The fair's name, date, hours and venue on one line (escaped).
std::string fair_line(const FairEvent& event);
/// A skill id as people read it: the part after the last '.', with '_' as
/// spaces ("skill.equipment_maintenance" -> "equipment maintenance").
std::string skill_for_people(std::string_view skill);
/// "技能 0.82 · 距离 3.2 km · 意向 ✓ · 共同技能 a, b" for one visit.
std::string why_text(const Context& c, const Visit& visit);
/// The veteran's group and priority flags in Chinese (escaped).
std::string group_text(const Veteran& v);

std::string summary_section(const Context& c);
std::string booth_index_section(const Context& c);
std::string booth_page(const Context& c, const BoothPlan& booth);
std::string slips_section(const Context& c);

}  // namespace vetmatch::report
