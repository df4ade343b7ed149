// The fair plan's lists as CSV for staff who work in spreadsheets: every
// booth's invite list, and every veteran's route.
//
// Contract: UTF-8 with a byte order mark (Excel then reads Chinese
// correctly), RFC 4180 (csv_text.h: quoting, CRLF rows), a header row of
// snake_case column names, the same rows and order as the plan file and
// the printed report: booth_invites_csv() one row per invite, booths in the
// fair's order and each booth's invites in invite order;
// veteran_routes_csv() one row per route stop, veterans in id order and
// stops in route order, and one row with the stop columns empty for a
// veteran with no booth, so every registered veteran appears. Scores with
// 3 decimals, distances with 1. Ids are written exactly; names and titles
// are guarded against formula injection (csv_text_cell). booth_invites has
// an empty "outcome" column for staff to fill in after the fair. Same
// plan, same bytes.
#pragma once

#include <string>

#include "engine/fair/fair.h"
#include "engine/fair/plan.h"

namespace vetmatch {

std::string booth_invites_csv(const Fair& fair, const FairPlan& plan);
std::string veteran_routes_csv(const Fair& fair, const FairPlan& plan);

/// The file names `vetmatch fair plan --csv-dir` writes.
inline constexpr const char* kBoothInvitesCsv = "booth_invites.csv";
inline constexpr const char* kVeteranRoutesCsv = "veteran_routes.csv";

}  // namespace vetmatch
