#include "adapters/json/fair_intents_reader.h"

#include <array>
#include <optional>

#include "adapters/json/answers_reader.h"
#include "adapters/json/csv_table.h"
#include "adapters/json/json_checker.h"
#include "adapters/json/json_document.h"
#include "adapters/json/value_text.h"
#include "adapters/json/whole_file.h"

namespace vetmatch {
namespace {

constexpr std::string_view kTag = "fair_intents/1";

enum TopKey { kTopVetmatch, kTopIntents };
constexpr std::array<KeySpec, 2> kTopKeys = {{
    {"vetmatch", true, "\"fair_intents/1\""},
    {"intents", true,
     "an array of {\"veteran\", \"posting\", \"outcome\"} objects"},
}};

enum IntentKey { kVeteran, kPosting, kOutcome };
constexpr std::array<KeySpec, 3> kIntentKeys = {{
    {"veteran", true, "a veteran id (a string)"},
    {"posting", true, "a posting id (a string)"},
    {"outcome", true, "one of hired, intent, declined, no_show"},
}};

constexpr std::array<std::pair<std::string_view, FairOutcome>, 4> kChinese = {{
    {"录用", FairOutcome::kHired},
    {"意向", FairOutcome::kIntent},
    {"拒绝", FairOutcome::kDeclined},
    {"未到", FairOutcome::kNoShow},
}};

std::optional<FairOutcome> parse_csv_outcome(std::string_view name) {
  if (std::optional<FairOutcome> o = parse_fair_outcome(name)) return o;
  for (const auto& [word, outcome] : kChinese) {
    if (word == name) return outcome;
  }
  return std::nullopt;
}

std::string trimmed(std::string_view s) {
  const std::size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return {};
  const std::size_t b = s.find_last_not_of(" \t");
  return std::string(s.substr(a, b - a + 1));
}

class JsonIntentsReader {
 public:
  JsonIntentsReader(const std::string& file, ReadIntentsResult* out)
      : check_(file, &out->errors), out_(out) {}

  void read(const rapidjson::Value& root) {
    const JsonPath at;
    check_.walk_object(
        root, at,
        "a JSON object {\"vetmatch\": \"fair_intents/1\", \"intents\": "
        "[...]} at the top level",
        kTopKeys,
        [&](std::size_t key, const rapidjson::Value& v, const JsonPath& path) {
          if (key == kTopVetmatch) {
            if (!v.IsString() ||
                std::string_view(v.GetString(), v.GetStringLength()) != kTag) {
              check_.error(path, "\"fair_intents/1\"",
                           JsonChecker::describe(v));
            }
            return;
          }
          check_.walk_array(v, path, kTopKeys[key].expected,
                            [&](std::size_t, const rapidjson::Value& e,
                                const JsonPath& p) { read_intent(e, p); });
        });
  }

 private:
  void read_intent(const rapidjson::Value& v, const JsonPath& at) {
    FairIntent intent;
    const std::size_t errors_before = out_->errors.size();
    const bool is_object = check_.walk_object(
        v, at, "an intent object {\"veteran\", \"posting\", \"outcome\"}",
        kIntentKeys,
        [&](std::size_t key, const rapidjson::Value& e, const JsonPath& path) {
          switch (static_cast<IntentKey>(key)) {
            case kVeteran:
              check_.get_string(e, path, kIntentKeys[key].expected,
                                &intent.veteran);
              break;
            case kPosting:
              check_.get_string(e, path, kIntentKeys[key].expected,
                                &intent.posting);
              break;
            case kOutcome:
              check_.get_name(e, path, parse_fair_outcome, fair_outcome_names(),
                              &intent.outcome);
              break;
          }
        });
    // An intent with any problem is left out (its errors say why).
    if (is_object && out_->errors.size() == errors_before) {
      out_->intents.push_back(std::move(intent));
      out_->places.push_back({at.str(), 0});
    }
  }

  JsonChecker check_;
  ReadIntentsResult* out_;
};

void read_csv(std::string_view text, const std::string& file,
              ReadIntentsResult* out) {
  const CsvTable table = read_csv_table(text);
  auto error = [&](int line, std::string_view column, std::string expected,
                   std::string found) {
    out->errors.push_back(intent_error(file, {"", line}, column,
                                       std::move(expected), std::move(found)));
  };
  for (const CsvProblem& p : table.problems)
    error(p.line, "", p.expected, p.found);
  if (!table.has_header) {
    if (table.problems.empty()) {
      error(0, "", "a header row naming the columns veteran, posting, outcome",
            "an empty file");
    }
    return;
  }
  const std::array<int, 3> column = {csv_column(table, "veteran"),
                                     csv_column(table, "posting"),
                                     csv_column(table, "outcome")};
  std::string missing;
  for (std::size_t c = 0; c < column.size(); ++c) {
    if (column[c] >= 0) continue;
    if (!missing.empty()) missing += ", ";
    missing += kIntentKeys[c].name;
  }
  if (!missing.empty()) {
    std::string header;
    for (const std::string& f : table.header.fields) {
      if (!header.empty()) header += ',';
      header += f;
    }
    error(table.header.line, "",
          "a header row naming the columns veteran, posting, outcome "
          "(missing: " +
              missing + ")",
          quote_text(header));
    return;  // the columns are unknown: reading on would mislead
  }
  for (const CsvRecordAt& row : table.rows) {
    auto field = [&](std::size_t c) {
      const std::size_t at = std::size_t(column[c]);
      return at < row.fields.size() ? trimmed(row.fields[at]) : std::string();
    };
    const std::string outcome_text = field(kOutcome);
    if (outcome_text.empty()) {
      ++out->skipped;
      continue;
    }
    FairIntent intent;
    intent.veteran = field(kVeteran);
    intent.posting = field(kPosting);
    bool ok = true;
    const std::optional<FairOutcome> outcome = parse_csv_outcome(outcome_text);
    if (!outcome) {
      error(row.line, "outcome",
            "one of hired, intent, declined, no_show (or 录用, 意向, 拒绝, "
            "未到), or nothing",
            quote_text(outcome_text));
      ok = false;
    }
    if (intent.veteran.empty()) {
      error(row.line, "veteran", "a veteran id", "nothing");
      ok = false;
    }
    if (intent.posting.empty()) {
      error(row.line, "posting", "a posting id", "nothing");
      ok = false;
    }
    if (!ok) continue;
    intent.outcome = *outcome;
    out->intents.push_back(std::move(intent));
    out->places.push_back({"", row.line});
  }
}

}  // namespace

std::string intent_place_text(const IntentPlace& place) {
  return place.line > 0 ? "line " + std::to_string(place.line)
                        : place.json_path;
}

InputError intent_error(const std::string& file, const IntentPlace& place,
                        std::string_view field, std::string expected,
                        std::string found, bool warning) {
  InputError e;
  e.file = file;
  if (place.line > 0) {
    e.where = "line " + std::to_string(place.line);
    if (!field.empty()) {
      e.where += ", column ";
      e.where += field;
    }
  } else if (!place.json_path.empty() || !field.empty()) {
    e.json_path = place.json_path;
    if (!field.empty()) {
      e.json_path += '/';
      e.json_path += field;
    }
  }
  e.expected = std::move(expected);
  e.found = std::move(found);
  e.warning = warning;
  return e;
}

ReadIntentsResult read_fair_intents_string(std::string_view text,
                                           const std::string& file, bool csv) {
  ReadIntentsResult result;
  if (csv) {
    read_csv(text, file, &result);
    return result;
  }
  rapidjson::Document document;
  if (!parse_json_document(text, file, document, result.errors)) {
    return result;
  }
  JsonIntentsReader(file, &result).read(document);
  return result;
}

ReadIntentsResult read_fair_intents_file(const std::string& path) {
  return read_fair_intents_string(read_whole_file(path), path,
                                  is_csv_path(path));
}

}  // namespace vetmatch
