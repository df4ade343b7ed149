#include "adapters/json/round_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace vetmatch {
namespace {

using Buffer = rapidjson::StringBuffer;
using JsonWriter = rapidjson::Writer<Buffer>;

// Layout: the top level by hand, one key per line and one record per line,
// each record compact; so files diff well and the same Round gives the same
// bytes. Keys follow README.md's JSON-contract tables; optional fields equal to
// their default are left out (id, group, employer and the place always
// written).
class RoundJsonWriter {
 public:
  std::string write(const Round& round) {
    raw("{\"vetmatch\":\"round/1\",\n\"config\":");
    begin_value();
    write_config(round.config);
    raw(",\n");
    write_records("veterans", round.veterans, &RoundJsonWriter::write_veteran);
    raw(",\n");
    write_records("postings", round.postings, &RoundJsonWriter::write_posting);
    raw(",\n");
    write_records("employers", round.employers,
                  &RoundJsonWriter::write_employer);
    raw(",\n");
    write_records("taken", round.taken, &RoundJsonWriter::write_pair);
    raw(",\n");
    write_records("declined", round.declined, &RoundJsonWriter::write_pair);
    raw("}\n");
    return std::string(buffer_.GetString(), buffer_.GetSize());
  }

 private:
  void raw(std::string_view text) {
    char* out = buffer_.Push(text.size());
    text.copy(out, text.size());
  }

  // Starts a fresh compact value at the current place in the buffer.
  void begin_value() { writer_.Reset(buffer_); }

  template <typename Record>
  void write_records(std::string_view key, const std::vector<Record>& records,
                     void (RoundJsonWriter::*write_one)(const Record&)) {
    raw("\"");
    raw(key);
    raw("\":[");
    for (std::size_t i = 0; i < records.size(); ++i) {
      raw(i == 0 ? "\n" : ",\n");
      begin_value();
      (this->*write_one)(records[i]);
    }
    raw(records.empty() ? "]" : "\n]");
  }

  void key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  }
  void string(std::string_view s) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  // Shortest text that reads back to the same double (std::to_chars); a
  // negative zero keeps its sign ("-0.0", which RapidJSON reads as a double),
  // and a non-finite value, which no valid Round holds, is written as null.
  void number(double x) {
    if (!std::isfinite(x)) {
      writer_.Null();
      return;
    }
    if (x == 0 && std::signbit(x)) {
      writer_.RawValue("-0.0", 4, rapidjson::kNumberType);
      return;
    }
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, x);
    writer_.RawValue(text, static_cast<std::size_t>(result.ptr - text),
                     rapidjson::kNumberType);
  }
  void strings(std::string_view k, const std::vector<std::string>& list) {
    key(k);
    writer_.StartArray();
    for (const std::string& s : list) string(s);
    writer_.EndArray();
  }

  void write_config(const RoundConfig& c) {
    writer_.StartObject();
    key("weights");
    writer_.StartObject();
    key("skill");
    number(c.weights.skill);
    key("location");
    number(c.weights.location);
    key("preference");
    number(c.weights.preference);
    writer_.EndObject();
    key("distance_scale_km");
    number(c.distance_scale_km);
    key("max_commute_km");
    if (c.max_commute_km) {
      number(*c.max_commute_km);
    } else {
      writer_.Null();
    }
    key("veteran_shortlist_k");
    writer_.Int(c.veteran_shortlist_k);
    key("posting_shortlist_k");
    writer_.Int(c.posting_shortlist_k);
    key("policy");
    string(to_string(c.policy));
    writer_.EndObject();
  }

  void write_place(const GeoPoint& location, const std::string& region) {
    if (!region.empty()) {
      key("region");
      string(region);
      return;
    }
    key("location");
    writer_.StartObject();
    key("lat");
    number(location.lat);
    key("lon");
    number(location.lon);
    writer_.EndObject();
  }

  void write_skills(const std::vector<SkillWeight>& skills) {
    if (skills.empty()) return;
    key("skills");
    writer_.StartObject();
    for (const SkillWeight& s : skills) {
      key(s.skill);
      number(s.weight);
    }
    writer_.EndObject();
  }

  void write_veteran(const Veteran& v) {
    writer_.StartObject();
    key("id");
    string(v.id);
    if (!v.name.empty()) {
      key("name");
      string(v.name);
    }
    key("group");
    string(to_string(v.group));
    write_place(v.location, v.region);
    write_skills(v.skills);
    if (!v.certificates.empty()) strings("certificates", v.certificates);
    if (v.education != Education::kNone) {
      key("education");
      string(to_string(v.education));
    }
    if (v.wants != kAllPostingKinds) {
      key("wants");
      writer_.StartArray();
      for (std::size_t k = 0; k < posting_kind_names().size(); ++k) {
        if (v.wants & kind_bit(static_cast<PostingKind>(k))) {
          string(posting_kind_names()[k]);
        }
      }
      writer_.EndArray();
    }
    if (!v.industries.empty()) strings("industries", v.industries);
    if (v.max_commute_km) {
      key("max_commute_km");
      number(*v.max_commute_km);
    }
    if (v.points != 0 || std::signbit(v.points)) {
      key("points");
      number(v.points);
    }
    if (v.priority != 0) {
      key("priority");
      writer_.StartArray();
      for (std::size_t f = 0; f < priority_flag_names().size(); ++f) {
        if (v.priority & priority_bit(static_cast<PriorityFlag>(f))) {
          string(priority_flag_names()[f]);
        }
      }
      writer_.EndArray();
    }
    if (!v.partner.empty()) {
      key("partner");
      string(v.partner);
    }
    writer_.EndObject();
  }

  void write_posting(const Posting& p) {
    writer_.StartObject();
    key("id");
    string(p.id);
    key("employer");
    string(p.employer);
    if (p.kind != PostingKind::kJob) {
      key("kind");
      string(to_string(p.kind));
    }
    if (!p.title.empty()) {
      key("title");
      string(p.title);
    }
    write_place(p.location, p.region);
    if (p.openings != 1) {
      key("openings");
      writer_.Int(p.openings);
    }
    write_skills(p.skills);
    if (!p.required_certificates.empty() ||
        p.min_education != Education::kNone) {
      key("requires");
      writer_.StartObject();
      if (!p.required_certificates.empty()) {
        strings("certificates", p.required_certificates);
      }
      if (p.min_education != Education::kNone) {
        key("education");
        string(to_string(p.min_education));
      }
      writer_.EndObject();
    }
    if (!p.industry.empty()) {
      key("industry");
      string(p.industry);
    }
    if (p.veterans_only) {
      key("veterans_only");
      writer_.Bool(true);
    }
    if (p.spouses_welcome) {
      key("spouses_welcome");
      writer_.Bool(true);
    }
    writer_.EndObject();
  }

  void write_employer(const Employer& e) {
    writer_.StartObject();
    key("id");
    string(e.id);
    if (!e.name.empty()) {
      key("name");
      string(e.name);
    }
    if (e.kind != EmployerKind::kEnterprise) {
      key("kind");
      string(to_string(e.kind));
    }
    writer_.EndObject();
  }

  void write_pair(const PairRef& pair) {
    writer_.StartObject();
    key("veteran");
    string(pair.veteran);
    key("posting");
    string(pair.posting);
    writer_.EndObject();
  }

  Buffer buffer_;
  JsonWriter writer_{buffer_};
};

}  // namespace

std::string round_to_json(const Round& round) {
  return RoundJsonWriter().write(round);
}

}  // namespace vetmatch
