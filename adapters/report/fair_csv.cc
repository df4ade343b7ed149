#include "adapters/report/fair_csv.h"

#include <unordered_map>

#include "adapters/report/csv_text.h"
#include "adapters/report/report_text.h"
#include "engine/scoring/explain.h"

namespace vetmatch {
namespace {

constexpr int kSharedSkills = 3;

class Names {
 public:
  explicit Names(const Round& round) {
    for (const Employer& e : round.employers) employer_[e.id] = e.name;
  }
  const std::string& employer(const std::string& id) const {
    static const std::string kNone;
    const auto it = employer_.find(id);
    return it == employer_.end() ? kNone : it->second;
  }

 private:
  std::unordered_map<std::string, std::string> employer_;
};

std::string priority_text(PrioritySet set) {
  std::string text;
  for (int flag = 0; flag < 4; ++flag) {
    if (!(set & (1u << flag))) continue;
    if (!text.empty()) text += ' ';
    text += to_string(static_cast<PriorityFlag>(flag));
  }
  return text;
}

std::string shared_skills(const Round& round, const Visit& visit) {
  std::string text;
  for (const SkillShare& share : top_shared_skills(
           round.veterans[std::size_t(visit.veteran)],
           round.postings[std::size_t(visit.posting)], kSharedSkills)) {
    if (!text.empty()) text += ' ';
    text += share.skill;
  }
  return text;
}

void header(CsvWriter& csv, std::initializer_list<const char*> names) {
  for (const char* name : names) csv.field(name);
  csv.end_row();
}

}  // namespace

std::string booth_invites_csv(const Fair& fair, const FairPlan& plan) {
  const Round& round = fair.round;
  const Names names(round);
  CsvWriter csv;
  header(csv, {"booth", "stand", "employer", "employer_name", "order",
               "veteran", "name", "group", "priority", "posting", "title",
               "score", "skill", "location", "preference", "distance_km",
               "shared_skills", "rank", "outcome"});
  for (const BoothPlan& bp : plan.booths) {
    const Booth& booth = fair.booths[std::size_t(bp.booth)];
    std::int32_t order = 0;
    for (std::int32_t i : bp.invites) {
      const Visit& visit = plan.visits[std::size_t(i)];
      const Veteran& v = round.veterans[std::size_t(visit.veteran)];
      const Posting& p = round.postings[std::size_t(visit.posting)];
      csv.field(booth.id);
      csv.text(booth.stand);
      csv.field(booth.employer);
      csv.text(names.employer(booth.employer));
      csv.field(std::to_string(++order));
      csv.field(v.id);
      csv.text(v.name);
      csv.field(to_string(v.group));
      csv.field(priority_text(v.priority));
      csv.field(p.id);
      csv.text(p.title);
      csv.field(fixed(visit.score.score, 3));
      csv.field(fixed(visit.score.skill, 3));
      csv.field(fixed(visit.score.location, 3));
      csv.field(fixed(visit.score.preference, 3));
      csv.field(fixed(visit.score.distance_km, 1));
      csv.field(shared_skills(round, visit));
      csv.field(std::to_string(visit.rank));
      csv.field("");
      csv.end_row();
    }
  }
  return csv.str();
}

std::string veteran_routes_csv(const Fair& fair, const FairPlan& plan) {
  const Round& round = fair.round;
  const Names names(round);
  CsvWriter csv;
  header(csv,
         {"veteran", "name", "group", "priority", "limit", "eligible_booths",
          "short", "order", "booth", "stand", "employer", "employer_name",
          "posting", "title", "score", "distance_km", "rank"});
  for (const VeteranRoute& route : plan.routes) {
    const Veteran& v = round.veterans[std::size_t(route.veteran)];
    auto veteran_cells = [&] {
      csv.field(v.id);
      csv.text(v.name);
      csv.field(to_string(v.group));
      csv.field(priority_text(v.priority));
      csv.field(std::to_string(route.limit));
      csv.field(std::to_string(route.eligible_booths));
      csv.field(route.short_reason == ShortReason::kNone
                    ? ""
                    : to_string(route.short_reason));
    };
    if (route.route.empty()) {
      veteran_cells();
      for (int i = 0; i < 10; ++i) csv.field("");
      csv.end_row();
      continue;
    }
    std::int32_t order = 0;
    for (std::int32_t i : route.route) {
      const Visit& visit = plan.visits[std::size_t(i)];
      const Booth& booth = fair.booths[std::size_t(visit.booth)];
      const Posting& p = round.postings[std::size_t(visit.posting)];
      veteran_cells();
      csv.field(std::to_string(++order));
      csv.field(booth.id);
      csv.text(booth.stand);
      csv.field(booth.employer);
      csv.text(names.employer(booth.employer));
      csv.field(p.id);
      csv.text(p.title);
      csv.field(fixed(visit.score.score, 3));
      csv.field(fixed(visit.score.distance_km, 1));
      csv.field(std::to_string(visit.rank));
      csv.end_row();
    }
  }
  return csv.str();
}

}  // namespace vetmatch
