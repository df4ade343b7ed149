// Text for the printed fair report and its CSV exports: HTML escaping,
// fixed-point numbers, and the bilingual (Chinese, English) names of the
// model's groups, priority flags and short-route reasons.
//
// Contract: html_escape() replaces & < > " ' by entities and leaves every
// other byte alone (input is UTF-8, checked by the readers), so its output
// is safe as element text and inside a quoted attribute. fixed() formats
// with the C locale's '.' whatever the process locale, and never prints
// "-0". Labels are constant strings.
#pragma once

#include <string>
#include <string_view>

#include "engine/fair/plan.h"
#include "engine/model/enums.h"

namespace vetmatch {

std::string html_escape(std::string_view text);

/// x with `decimals` digits after the point; "-0.0" prints as "0.0".
std::string fixed(double x, int decimals);
/// n with thousands separated by commas ("12,345"), as Chinese reports
/// print counts.
std::string grouped(std::int64_t n);
/// part / whole as a percentage with one decimal ("73.2%"); "–" when
/// whole is 0.
std::string percent(std::int64_t part, std::int64_t whole);

/// A label in both languages, e.g. {"士官", "NCO"}.
struct Label {
  std::string_view zh;
  std::string_view en;
};

Label group_label(Group g);
Label priority_label(PriorityFlag f);
/// Why a route is shorter than its limit (kNone: empty labels).
Label short_reason_label(ShortReason r);

}  // namespace vetmatch
