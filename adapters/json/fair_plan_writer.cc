#include "adapters/json/fair_plan_writer.h"

#include <unordered_map>

#include "adapters/json/fair_writer.h"
#include "adapters/json/json_line_writer.h"

namespace vetmatch {
namespace {

class PlanJsonWriter {
 public:
  PlanJsonWriter(const Fair& fair, const FairPlan& plan,
                 const PlanWriteOptions& options)
      : fair_(fair), round_(fair.round), plan_(plan), options_(options) {
    for (const Employer& e : round_.employers) employer_name_[e.id] = e.name;
  }

  std::string write() {
    w_.raw("{\"vetmatch\":\"fair_plan/1\",\n\"fair\":");
    w_.begin_value();
    write_fair_event(w_, fair_.event);
    w_.raw(",\n\"settings\":");
    w_.begin_value();
    w_.start_object();
    w_.key("max_booths_per_veteran");
    w_.count(fair_.settings.max_booths_per_veteran);
    w_.key("min_fit");
    w_.number(fair_.settings.min_fit);
    w_.end_object();
    w_.raw(",\n\"objective\":\"floor_then_total_fit\",\n\"booths\":[");
    for (std::size_t b = 0; b < plan_.booths.size(); ++b) {
      w_.raw(b == 0 ? "\n" : ",\n");
      w_.begin_value();
      write_booth(plan_.booths[b]);
    }
    w_.raw(plan_.booths.empty() ? "],\n\"routes\":[" : "\n],\n\"routes\":[");
    for (std::size_t r = 0; r < plan_.routes.size(); ++r) {
      w_.raw(r == 0 ? "\n" : ",\n");
      w_.begin_value();
      write_route(plan_.routes[r]);
    }
    w_.raw(plan_.routes.empty() ? "],\n\"congestion\":"
                                : "\n],\n\"congestion\":");
    w_.begin_value();
    write_congestion();
    w_.raw(",\n\"stats\":");
    w_.begin_value();
    write_stats();
    w_.raw("}\n");
    return w_.str();
  }

 private:
  const std::string& employer_name(const std::string& id) const {
    static const std::string kNone;
    const auto it = employer_name_.find(id);
    return it == employer_name_.end() ? kNone : it->second;
  }

  void write_booth(const BoothPlan& bp) {
    const Booth& booth = fair_.booths[bp.booth];
    w_.start_object();
    w_.key("booth");
    w_.string(booth.id);
    w_.key("employer");
    w_.string(booth.employer);
    w_.key("employer_name");
    w_.string(employer_name(booth.employer));
    w_.key("name");
    w_.string(booth.name);
    w_.key("stand");
    w_.string(booth.stand);
    w_.key("capacity");
    w_.count(bp.capacity);
    w_.key("eligible");
    w_.count(bp.eligible);
    w_.key("requested");
    w_.count(bp.requested);
    w_.key("invited");
    w_.count(static_cast<std::int64_t>(bp.invites.size()));
    w_.key("invites");
    w_.start_array();
    for (std::int32_t i : bp.invites) {
      const Visit& visit = plan_.visits[i];
      const Veteran& v = round_.veterans[visit.veteran];
      w_.start_object();
      w_.key("veteran");
      w_.string(v.id);
      w_.key("name");
      w_.string(v.name);
      w_.key("posting");
      w_.string(round_.postings[visit.posting].id);
      w_.key("title");
      w_.string(round_.postings[visit.posting].title);
      w_.write_why(round_, visit.veteran, visit.posting, visit.score);
      w_.key("rank");
      w_.count(visit.rank);
      w_.end_object();
    }
    w_.end_array();
    w_.end_object();
  }

  void write_route(const VeteranRoute& route) {
    const Veteran& v = round_.veterans[route.veteran];
    w_.start_object();
    w_.key("veteran");
    w_.string(v.id);
    w_.key("name");
    w_.string(v.name);
    w_.key("group");
    w_.string(to_string(v.group));
    w_.key("priority");
    w_.start_array();
    for (int flag = 0; flag < 4; ++flag) {
      if (v.priority & (1u << flag)) {
        w_.string(to_string(static_cast<PriorityFlag>(flag)));
      }
    }
    w_.end_array();
    w_.key("limit");
    w_.count(route.limit);
    w_.key("eligible_booths");
    w_.count(route.eligible_booths);
    w_.key("short");
    if (route.short_reason == ShortReason::kNone) {
      w_.null();
    } else {
      w_.string(to_string(route.short_reason));
    }
    w_.key("route");
    w_.start_array();
    for (std::int32_t i : route.route) {
      const Visit& visit = plan_.visits[i];
      const Booth& booth = fair_.booths[visit.booth];
      w_.start_object();
      w_.key("booth");
      w_.string(booth.id);
      w_.key("stand");
      w_.string(booth.stand);
      w_.key("employer");
      w_.string(booth.employer);
      w_.key("employer_name");
      w_.string(employer_name(booth.employer));
      w_.key("posting");
      w_.string(round_.postings[visit.posting].id);
      w_.key("title");
      w_.string(round_.postings[visit.posting].title);
      w_.write_why(round_, visit.veteran, visit.posting, visit.score);
      w_.key("rank");
      w_.count(visit.rank);
      w_.end_object();
    }
    w_.end_array();
    w_.end_object();
  }

  void demand_list(std::string_view name, const std::vector<BoothDemand>& l) {
    w_.key(name);
    w_.start_array();
    for (const BoothDemand& d : l) {
      w_.start_object();
      w_.key("booth");
      w_.string(fair_.booths[d.booth].id);
      w_.key("requested");
      w_.count(d.requested);
      w_.key("capacity");
      w_.count(d.capacity);
      w_.key("invited");
      w_.count(d.invited);
      w_.end_object();
    }
    w_.end_array();
  }

  void write_congestion() {
    const CongestionStats& c = plan_.congestion;
    w_.start_object();
    demand_list("most_requested", c.most_requested);
    demand_list("least_requested", c.least_requested);
    w_.key("booths_over_requested");
    w_.count(c.booths_over_requested);
    w_.key("booths_full");
    w_.count(c.booths_full);
    w_.key("booths_empty");
    w_.count(c.booths_empty);
    w_.key("veterans_short");
    w_.start_object();
    w_.key("total");
    w_.count(c.veterans_short);
    w_.key("no_eligible_booth");
    w_.count(c.short_no_eligible_booth);
    w_.key("fewer_eligible_booths");
    w_.count(c.short_fewer_eligible_booths);
    w_.key("booths_full");
    w_.count(c.short_booths_full);
    w_.end_object();
    w_.end_object();
  }

  void coverage(const PlanCoverage& c) {
    w_.start_object();
    w_.key("registered");
    w_.count(c.registered);
    w_.key("with_eligible_booth");
    w_.count(c.with_eligible_booth);
    w_.key("planned");
    w_.count(c.planned);
    w_.end_object();
  }

  void write_stats() {
    const FairPlanStats& s = plan_.stats;
    w_.start_object();
    w_.key("veterans");
    w_.count(s.all.registered);
    w_.key("with_eligible_booth");
    w_.count(s.all.with_eligible_booth);
    w_.key("planned");
    w_.count(s.all.planned);
    w_.key("booths");
    w_.count(static_cast<std::int64_t>(fair_.booths.size()));
    w_.key("interviews");
    w_.count(s.interviews);
    w_.key("capacity");
    w_.count(s.capacity);
    w_.key("visit_slots");
    w_.count(s.visit_slots);
    w_.key("fill_rate");
    w_.number(s.capacity > 0 ? double(s.interviews) / double(s.capacity) : 0.0);
    w_.key("total_fit");
    w_.number(s.total_fit);
    w_.key("mean_fit");
    w_.number(s.interviews > 0 ? s.total_fit / double(s.interviews) : 0.0);
    w_.key("by_group");
    w_.start_object();
    for (int g = 0; g < 4; ++g) {
      w_.key(to_string(static_cast<Group>(g)));
      coverage(s.by_group[g]);
    }
    w_.end_object();
    w_.key("by_priority");
    w_.start_object();
    for (int f = 0; f < 4; ++f) {
      w_.key(to_string(static_cast<PriorityFlag>(f)));
      coverage(s.by_priority[f]);
    }
    w_.end_object();
    w_.key("proven_optimal");
    w_.boolean(s.proven_optimal);
    if (options_.include_timings) {
      w_.key("seconds");
      w_.start_object();
      w_.key("read");
      w_.number(options_.seconds.read);
      w_.key("fits");
      w_.number(options_.seconds.fits);
      w_.key("plan");
      w_.number(options_.seconds.plan);
      w_.end_object();
    }
    w_.end_object();
  }

  const Fair& fair_;
  const Round& round_;
  const FairPlan& plan_;
  const PlanWriteOptions& options_;
  std::unordered_map<std::string, std::string> employer_name_;
  JsonLineWriter w_;
};

}  // namespace

std::string plan_to_json(const Fair& fair, const FairPlan& plan,
                         const PlanWriteOptions& options) {
  return PlanJsonWriter(fair, plan, options).write();
}

}  // namespace vetmatch
