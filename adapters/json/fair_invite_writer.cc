#include "adapters/json/fair_invite_writer.h"

#include <cmath>
#include <unordered_map>

#include "adapters/json/fair_writer.h"
#include "adapters/json/json_line_writer.h"
#include "engine/policies/optimal_costs.h"

namespace vetmatch {

std::string invite_to_json(const Fair& fair, const InviteResult& result,
                           const InviteWriteOptions& options) {
  const Round& round = fair.round;
  std::unordered_map<std::string, std::string> employer_name;
  for (const Employer& e : round.employers) employer_name[e.id] = e.name;
  const bool coverage = result.objective == InviteObjective::kCoverage;

  JsonLineWriter w;
  w.raw("{\"vetmatch\":\"fair_invite/1\",\n\"fair\":");
  w.begin_value();
  write_fair_event(w, fair.event);
  w.raw(",\n\"settings\":");
  w.begin_value();
  w.start_object();
  w.key("budget");
  w.count(result.budget);
  w.key("objective");
  w.string(to_string(result.objective));
  w.key("min_fit");
  w.number(fair.settings.min_fit);
  w.end_object();

  w.raw(",\n\"chosen\":[");
  for (std::size_t c = 0; c < result.chosen.size(); ++c) {
    const InviteChoice& choice = result.chosen[c];
    const PoolEntry& entry = fair.pool[choice.entry];
    w.raw(c == 0 ? "\n" : ",\n");
    w.begin_value();
    w.start_object();
    w.key("turn");
    w.count(choice.turn);
    w.key("employer");
    w.string(entry.employer);
    w.key("employer_name");
    const auto name = employer_name.find(entry.employer);
    w.string(name == employer_name.end() ? "" : name->second);
    w.key("postings");
    w.start_array();
    for (PostingIndex p : entry.postings) w.string(round.postings[p].id);
    w.end_array();
    w.key("gain");
    w.start_object();
    w.key("veterans");
    w.count(choice.gain_veterans);
    w.key("fit");
    w.number(units_to_score(choice.gain_fit_units));
    w.end_object();
    w.key("good_for");
    w.count(static_cast<std::int64_t>(choice.serves.size()));
    w.key("serves");
    w.start_array();
    for (const InviteServed& s : choice.serves) {
      const Veteran& v = round.veterans[s.veteran];
      w.start_object();
      w.key("veteran");
      w.string(v.id);
      w.key("name");
      w.string(v.name);
      w.key("posting");
      w.string(round.postings[s.posting].id);
      w.key("title");
      w.string(round.postings[s.posting].title);
      w.write_why(round, s.veteran, s.posting, s.score);
      w.key("new");
      w.boolean(s.newly_covered);
      w.key("best");
      w.boolean(s.best);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.raw(result.chosen.empty() ? "],\n\"not_covered\":["
                              : "\n],\n\"not_covered\":[");
  for (std::size_t i = 0; i < result.not_covered.size(); ++i) {
    w.raw(i == 0 ? "\n" : (i % 10 == 0 ? ",\n" : ","));
    w.begin_value();
    w.string(round.veterans[result.not_covered[i]].id);
  }
  w.raw(result.not_covered.empty() ? "],\n\"stats\":" : "\n],\n\"stats\":");
  w.begin_value();
  w.start_object();
  w.key("veterans");
  w.count(result.veterans);
  w.key("booths");
  w.count(static_cast<std::int64_t>(fair.booths.size()));
  w.key("pool");
  w.count(static_cast<std::int64_t>(fair.pool.size()));
  w.key("chosen");
  w.count(static_cast<std::int64_t>(result.chosen.size()));
  w.key("covered_by_booths");
  w.count(result.covered_by_booths);
  w.key("covered");
  w.count(result.covered);
  w.key("total_fit_by_booths");
  w.number(units_to_score(result.fit_units_by_booths));
  w.key("total_fit");
  w.number(units_to_score(result.fit_units));
  w.key("gain");
  if (coverage) {
    w.count(result.gain);
  } else {
    w.number(units_to_score(result.gain));
  }
  w.key("gain_bound");
  if (coverage) {
    w.count(result.gain_bound);
  } else {
    w.number(units_to_score(result.gain_bound));
  }
  w.key("proven_ratio");
  w.number(result.gain_bound > 0
               ? double(result.gain) / double(result.gain_bound)
               : 1.0);
  w.key("guarantee");
  w.number(1.0 - std::exp(-1.0));
  w.key("stopped_early");
  w.boolean(result.stopped_early);
  w.key("evaluations");
  w.count(result.evaluations);
  if (options.include_timings) {
    w.key("seconds");
    w.start_object();
    w.key("read");
    w.number(options.read_seconds);
    w.key("fits");
    w.number(options.fits_seconds);
    w.key("invite");
    w.number(options.invite_seconds);
    w.end_object();
  }
  w.end_object();
  w.raw("}\n");
  return w.str();
}

}  // namespace vetmatch
