#include "adapters/json/quality_writer.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <string_view>

namespace vetmatch {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr std::string_view kGroups[] = {"soldier", "nco", "officer", "spouse"};
constexpr std::string_view kFlags[] = {"disabled", "martyr_family", "merit",
                                       "hardship"};

void key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void number(Writer& w, double x) {
  if (!std::isfinite(x) || std::fabs(x) < 1e-6) x = 0.0;
  w.Double(x);
}

void coverage(Writer& w, const Coverage& c) {
  w.StartObject();
  key(w, "veterans");
  w.Int64(c.veterans);
  key(w, "assigned");
  w.Int64(c.assigned);
  key(w, "coverage");
  number(w, c.coverage);
  w.EndObject();
}

// "name": {"mean_distance_km": ..., "mean_skill": ...}
void means(Writer& w, std::string_view name, double km, double skill) {
  key(w, name);
  w.StartObject();
  key(w, "mean_distance_km");
  number(w, km);
  key(w, "mean_skill");
  number(w, skill);
  w.EndObject();
}

}  // namespace

std::string quality_to_json(const QualityReport& q) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.SetMaxDecimalPlaces(6);
  w.StartObject();
  key(w, "vetmatch");
  w.String("quality/1");
  key(w, "veterans");
  w.Int64(q.veterans);
  key(w, "veterans_with_targets");
  w.Int64(q.veterans_with_targets);
  key(w, "veterans_with_hits");
  w.Int64(q.veterans_with_hits);
  key(w, "recall");
  w.StartArray();
  for (const RecallAt& r : q.recall) {
    w.StartObject();
    key(w, "k");
    w.Int(r.k);
    key(w, "recall");
    number(w, r.recall);
    key(w, "random_recall");
    number(w, r.random_recall);
    w.EndObject();
  }
  w.EndArray();
  key(w, "shortlist_entries");
  w.Int64(q.shortlist_entries);
  key(w, "crosswalk_hit_rate");
  number(w, q.crosswalk_hit_rate);
  key(w, "related_hit_rate");
  number(w, q.related_hit_rate);
  key(w, "coverage");
  coverage(w, q.assigned.overall);
  key(w, "coverage_by_group");
  w.StartObject();
  for (std::size_t g = 0; g < q.assigned.by_group.size(); ++g) {
    key(w, kGroups[g]);
    coverage(w, q.assigned.by_group[g]);
  }
  w.EndObject();
  key(w, "coverage_by_priority");
  w.StartObject();
  for (std::size_t f = 0; f < q.assigned.by_priority.size(); ++f) {
    key(w, kFlags[f]);
    coverage(w, q.assigned.by_priority[f]);
  }
  w.EndObject();
  means(w, "assigned", q.assigned.mean_distance_km, q.assigned.mean_skill);
  means(w, "shortlisted", q.mean_shortlist_km, q.mean_shortlist_skill);
  w.EndObject();
  std::string out(buffer.GetString(), buffer.GetSize());
  out += '\n';
  return out;
}

}  // namespace vetmatch
