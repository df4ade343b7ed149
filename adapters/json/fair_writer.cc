#include "adapters/json/fair_writer.h"

namespace vetmatch {

void write_fair_event(JsonLineWriter& w, const FairEvent& event) {
  w.start_object();
  w.key("id");
  w.string(event.id);
  if (!event.name.empty()) {
    w.key("name");
    w.string(event.name);
  }
  if (!event.venue.empty()) {
    w.key("venue");
    w.string(event.venue);
  }
  if (!event.region.empty()) {
    w.key("region");
    w.string(event.region);
  } else if (event.location) {
    w.key("location");
    w.start_object();
    w.key("lat");
    w.number(event.location->lat);
    w.key("lon");
    w.number(event.location->lon);
    w.end_object();
  }
  if (!event.date.empty()) {
    w.key("date");
    w.string(event.date);
  }
  if (!event.start.empty()) {
    w.key("hours");
    w.start_object();
    w.key("start");
    w.string(event.start);
    w.key("end");
    w.string(event.end);
    w.end_object();
  }
  w.end_object();
}

namespace {

void write_postings(JsonLineWriter& w, const Round& round,
                    const std::vector<PostingIndex>& postings) {
  w.key("postings");
  w.start_array();
  for (PostingIndex p : postings) w.string(round.postings[p].id);
  w.end_array();
}

}  // namespace

std::string fair_to_json(const Fair& fair, const std::string& round_ref) {
  JsonLineWriter w;
  const Round& round = fair.round;
  w.raw("{\"vetmatch\":\"fair/1\",\n\"fair\":");
  w.begin_value();
  write_fair_event(w, fair.event);
  w.raw(",\n\"round\":");
  w.begin_value();
  w.string(round_ref);
  w.raw(",\n\"settings\":");
  w.begin_value();
  w.start_object();
  w.key("max_booths_per_veteran");
  w.count(fair.settings.max_booths_per_veteran);
  w.key("min_fit");
  w.number(fair.settings.min_fit);
  if (fair.settings.invite_budget) {
    w.key("invite_budget");
    w.count(*fair.settings.invite_budget);
  }
  w.key("invite_objective");
  w.string(to_string(fair.settings.invite_objective));
  w.end_object();

  w.raw(",\n\"veterans\":[");
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    w.raw(v == 0 ? "\n" : (v % 10 == 0 ? ",\n" : ","));
    w.begin_value();
    w.string(round.veterans[v].id);
  }
  w.raw(round.veterans.empty() ? "]" : "\n]");

  w.raw(",\n\"booths\":[");
  for (std::size_t b = 0; b < fair.booths.size(); ++b) {
    const Booth& booth = fair.booths[b];
    w.raw(b == 0 ? "\n" : ",\n");
    w.begin_value();
    w.start_object();
    w.key("id");
    w.string(booth.id);
    w.key("employer");
    w.string(booth.employer);
    if (!booth.name.empty()) {
      w.key("name");
      w.string(booth.name);
    }
    if (!booth.stand.empty()) {
      w.key("stand");
      w.string(booth.stand);
    }
    write_postings(w, round, booth.postings);
    if (booth.interviewers > 0) {
      w.key("interviewers");
      w.count(booth.interviewers);
      w.key("hours");
      w.number(booth.hours);
      w.key("interviews_per_hour");
      w.number(booth.interviews_per_hour);
    } else {
      w.key("capacity");
      w.count(booth.capacity);
    }
    w.end_object();
  }
  w.raw(fair.booths.empty() ? "]" : "\n]");

  w.raw(",\n\"pool\":[");
  for (std::size_t e = 0; e < fair.pool.size(); ++e) {
    w.raw(e == 0 ? "\n" : ",\n");
    w.begin_value();
    w.start_object();
    w.key("employer");
    w.string(fair.pool[e].employer);
    write_postings(w, round, fair.pool[e].postings);
    w.end_object();
  }
  w.raw(fair.pool.empty() ? "]" : "\n]");

  bool any_limit = false;
  for (std::size_t v = 0; v < round.veterans.size(); ++v) {
    if (fair.visit_limit[v] == fair.settings.max_booths_per_veteran) continue;
    w.raw(any_limit ? ",\n" : ",\n\"visit_limits\":{\n");
    any_limit = true;
    w.begin_value();
    w.string(round.veterans[v].id);
    w.raw(":");
    w.begin_value();
    w.count(fair.visit_limit[v]);
  }
  if (any_limit) w.raw("\n}");
  w.raw("}\n");
  return w.str();
}

}  // namespace vetmatch
