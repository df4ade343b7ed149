#include "adapters/json/json_line_writer.h"

#include <cmath>

#include "engine/scoring/explain.h"

namespace vetmatch {
namespace {

constexpr int kDecimals = 6;
constexpr int kSharedSkills = 3;
constexpr double kSmallest = 1e-6;

}  // namespace

JsonLineWriter::JsonLineWriter() { writer_.SetMaxDecimalPlaces(kDecimals); }

void JsonLineWriter::raw(std::string_view text) {
  char* out = buffer_.Push(text.size());
  text.copy(out, text.size());
}

void JsonLineWriter::begin_value() { writer_.Reset(buffer_); }

void JsonLineWriter::key(std::string_view k) {
  writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

void JsonLineWriter::string(std::string_view s) {
  writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void JsonLineWriter::number(double x) {
  if (!std::isfinite(x)) {
    writer_.Null();
    return;
  }
  if (std::fabs(x) < kSmallest) x = 0.0;
  writer_.Double(x);
}

void JsonLineWriter::count(std::int64_t n) { writer_.Int64(n); }
void JsonLineWriter::boolean(bool b) { writer_.Bool(b); }
void JsonLineWriter::null() { writer_.Null(); }
void JsonLineWriter::start_object() { writer_.StartObject(); }
void JsonLineWriter::end_object() { writer_.EndObject(); }
void JsonLineWriter::start_array() { writer_.StartArray(); }
void JsonLineWriter::end_array() { writer_.EndArray(); }

void JsonLineWriter::write_why(const Round& round, VeteranIndex v,
                               PostingIndex p, const PairScore& s) {
  key("score");
  number(s.score);
  key("why");
  start_object();
  key("skill");
  number(s.skill);
  key("location");
  number(s.location);
  key("preference");
  number(s.preference);
  key("distance_km");
  number(s.distance_km);
  key("shared_skills");
  start_object();
  for (const SkillShare& share :
       top_shared_skills(round.veterans[std::size_t(v)],
                         round.postings[std::size_t(p)], kSharedSkills)) {
    if (share.share < kSmallest) continue;
    key(share.skill);
    number(share.share);
  }
  end_object();
  end_object();
}

std::string JsonLineWriter::str() const {
  return std::string(buffer_.GetString(), buffer_.GetSize());
}

}  // namespace vetmatch
