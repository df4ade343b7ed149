// The fair plan as one printable, self-contained HTML file: a summary page,
// a booth overview, one page per booth with its invite list and the why of
// each name, and one slip per veteran with their route of booths.
//
// Contract: the document loads nothing: CSS and the SVG charts are inline,
// there is no script, no link, no image and no web font; the text uses a
// font-family stack of the Chinese system fonts (Noto Sans CJK SC, Noto
// Sans SC, WenQuanYi Zen Hei, Source Han Sans SC, Microsoft YaHei, PingFang
// SC, then sans-serif). Laid out for A4 (@page size A4): the summary first,
// then each booth page and the slips each start on a new printed page, and
// a slip is never split across pages. Every string from the fair is
// HTML-escaped. Headings are in Chinese with English beside them. The same
// fair and plan give the same bytes (no clock, no locale).
//
// Layout of the pages (what tests and staff can rely on): the first text of
// each booth's first page is "展位 Booth <booth id>"; each slip starts with
// "参会路线单 Route slip <veteran id>".
#pragma once

#include <string>

#include "engine/fair/fair.h"
#include "engine/fair/plan.h"

namespace vetmatch {

/// Preconditions: `plan` is plan_fair(fair, ...).
std::string fair_report_html(const Fair& fair, const FairPlan& plan);

/// The CSS font-family stack the report uses (for tests that render text
/// the same way).
extern const char* const kReportFontStack;

}  // namespace vetmatch
