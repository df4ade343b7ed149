// One record of the round format (a veteran, a posting, an employer, a
// {"veteran", "posting"} pair, or the config object) read from a parsed JSON
// value: the round reader's own code, for files that embed round records
// (the fair file, adapters/json/fair_reader.h).
//
// Contract: as the round reader (round_reader.h) for one record: every
// reading problem is appended to `errors` at its JSON path (unknown keys,
// wrong types, unknown names, a region code the bundled table lacks),
// region fallbacks to `warnings`; nothing is thrown for bad content. The
// record comes back as read: skills not resolved, not validated (the caller
// runs validate() and resolve_skills() on the Round it builds). config()
// replaces only the keys present, so a caller can start from another
// file's config.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "adapters/json/input_error.h"
#include "adapters/json/json_path.h"
#include "engine/model/round.h"

namespace vetmatch {

class RoundRecordReader {
 public:
  RoundRecordReader(const std::string& file, std::vector<InputError>* errors,
                    std::vector<InputError>* warnings);
  ~RoundRecordReader();
  RoundRecordReader(const RoundRecordReader&) = delete;
  RoundRecordReader& operator=(const RoundRecordReader&) = delete;

  Veteran veteran(const rapidjson::Value& v, const JsonPath& at);
  Posting posting(const rapidjson::Value& v, const JsonPath& at);
  Employer employer(const rapidjson::Value& v, const JsonPath& at);
  PairRef pair(const rapidjson::Value& v, const JsonPath& at);
  void config(const rapidjson::Value& v, const JsonPath& at,
              RoundConfig* config);
  /// A location-or-region pair (exactly one given), as for a veteran.
  void place(const rapidjson::Value* location, const rapidjson::Value* region,
             const JsonPath& record, GeoPoint* point, std::string* region_code);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vetmatch
