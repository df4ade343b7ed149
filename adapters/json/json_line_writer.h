// A JSON text written straight into one buffer, for the fair's output files:
// the top level by hand (one record per line, so files diff well and
// stream), each record compact through a RapidJSON Writer reset at every
// line.
//
// Contract: numbers with at most 6 decimals (RapidJSON's shortest printing,
// cut, not rounded), never "-0.0" and never an exponent (magnitudes below
// 1e-6 are written 0.0), non-finite numbers as null. write_why() writes a
// pair's "score" and "why" exactly as the result file does (skill,
// location, preference, distance_km, the three most shared skills).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/round.h"
#include "engine/round/round_result.h"

namespace vetmatch {

class JsonLineWriter {
 public:
  JsonLineWriter();

  /// Text appended as is (the hand-written top level).
  void raw(std::string_view text);
  /// Starts a compact value at the current end of the buffer.
  void begin_value();

  void key(std::string_view k);
  void string(std::string_view s);
  void number(double x);
  void count(std::int64_t n);
  void boolean(bool b);
  void null();
  void start_object();
  void end_object();
  void start_array();
  void end_array();

  /// "score": ..., "why": {...} of the pair (v, p) of `round`.
  void write_why(const Round& round, VeteranIndex v, PostingIndex p,
                 const PairScore& s);

  std::string str() const;

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace vetmatch
