#include "adapters/json/answers_reader.h"

#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "adapters/json/json_checker.h"
#include "adapters/json/json_document.h"
#include "adapters/json/value_text.h"
#include "adapters/json/whole_file.h"

namespace vetmatch {
namespace {

constexpr std::string_view kTag = "answers/1";

enum TopKey { kTopVetmatch, kTopAnswers, kTopNotLooking, kTopWithdrawn };
constexpr std::array<KeySpec, 4> kTopKeys = {{
    {"vetmatch", true, "\"answers/1\""},
    {"answers", false,
     "an array of {\"veteran\", \"posting\", \"answer\"} objects"},
    {"not_looking", false, "an array of veteran ids (strings)"},
    {"withdrawn", false, "an array of posting ids (strings)"},
}};

enum AnswerKey { kAnsVeteran, kAnsPosting, kAnsAnswer };
constexpr std::array<KeySpec, 3> kAnswerKeys = {{
    {"veteran", true, "a veteran id (a string)"},
    {"posting", true, "a posting id (a string)"},
    {"answer", true, "one of accepted, declined"},
}};

constexpr std::array<std::string_view, 2> kAnswerNames = {"accepted",
                                                          "declined"};

std::optional<AnswerKind> parse_answer(std::string_view name) {
  if (name == "accepted") return AnswerKind::kAccepted;
  if (name == "declined") return AnswerKind::kDeclined;
  return std::nullopt;
}

class JsonAnswersReader {
 public:
  JsonAnswersReader(const std::string& file, ReadAnswersResult* out)
      : check_(file, &out->errors), out_(out) {}

  void read(const rapidjson::Value& root) {
    const JsonPath at;
    check_.walk_object(
        root, at,
        "a JSON object {\"vetmatch\": \"answers/1\", ...} at the top level",
        kTopKeys,
        [&](std::size_t key, const rapidjson::Value& v, const JsonPath& path) {
          switch (static_cast<TopKey>(key)) {
            case kTopVetmatch:
              if (!v.IsString() ||
                  std::string_view(v.GetString(), v.GetStringLength()) !=
                      kTag) {
                check_.error(path, "\"answers/1\"", JsonChecker::describe(v));
              }
              break;
            case kTopAnswers:
              check_.walk_array(v, path, kTopKeys[key].expected,
                                [&](std::size_t, const rapidjson::Value& e,
                                    const JsonPath& p) { read_answer(e, p); });
              break;
            case kTopNotLooking:
            case kTopWithdrawn: {
              const bool veterans = key == kTopNotLooking;
              auto& ids = veterans ? out_->answers.not_looking
                                   : out_->answers.withdrawn;
              auto& places =
                  veterans ? out_->places.not_looking : out_->places.withdrawn;
              check_.walk_array(
                  v, path, kTopKeys[key].expected,
                  [&](std::size_t, const rapidjson::Value& e,
                      const JsonPath& p) {
                    std::string id;
                    if (check_.get_string(e, p, "a string", &id)) {
                      ids.push_back(std::move(id));
                      places.push_back({p.str(), 0, ""});
                    }
                  });
              break;
            }
          }
        });
  }

 private:
  void read_answer(const rapidjson::Value& v, const JsonPath& at) {
    ProposalAnswer answer;
    const std::size_t errors_before = out_->errors.size();
    const bool is_object = check_.walk_object(
        v, at, "an answer object {\"veteran\", \"posting\", \"answer\"}",
        kAnswerKeys,
        [&](std::size_t key, const rapidjson::Value& e, const JsonPath& path) {
          switch (static_cast<AnswerKey>(key)) {
            case kAnsVeteran:
              check_.get_string(e, path, kAnswerKeys[key].expected,
                                &answer.veteran);
              break;
            case kAnsPosting:
              check_.get_string(e, path, kAnswerKeys[key].expected,
                                &answer.posting);
              break;
            case kAnsAnswer:
              check_.get_name(e, path, parse_answer, kAnswerNames,
                              &answer.answer);
              break;
          }
        });
    // An answer with any problem is left out (its errors say why).
    if (is_object && out_->errors.size() == errors_before) {
      out_->answers.answers.push_back(std::move(answer));
      out_->places.answers.push_back({at.str(), 0, ""});
    }
  }

  JsonChecker check_;
  ReadAnswersResult* out_;
};

// ---------------------------------------------------------------------------
// CSV.

constexpr std::array<std::string_view, 3> kColumns = {"veteran", "posting",
                                                      "answer"};

// Splits one line into fields (RFC 4180 quotes); nullopt with `problem`
// set when a quote is not closed or text follows a closing quote.
std::optional<std::vector<std::string>> split_csv(std::string_view line,
                                                  std::string* problem) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        *problem = "a closing '\"' before the end of the line";
        return std::nullopt;
      }
      if (i < line.size() && line[i] != ',') {
        *problem = "',' or the end of the line after a closing '\"'";
        return std::nullopt;
      }
    } else {
      while (i < line.size() && line[i] != ',') field += line[i++];
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

class CsvAnswersReader {
 public:
  CsvAnswersReader(const std::string& file, ReadAnswersResult* out)
      : file_(file), out_(out) {}

  void read(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line_number = 0;
    bool header = true;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view()
                                           : text.substr(end + 1);
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (header) {
        header = false;
        if (line != "veteran,posting,answer") {
          error(line_number, "", "the header line veteran,posting,answer",
                quote_text(line));
          return;  // The columns are unknown: reading on would mislead.
        }
        continue;
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      read_line(line_number, line);
    }
    if (header)
      error(0, "", "the header line veteran,posting,answer", "an empty file");
  }

 private:
  void error(int line, std::string_view column, std::string expected,
             std::string found) {
    AnswerPlace place{"", line, ""};
    out_->errors.push_back(answer_error(file_, place, column,
                                        std::move(expected), std::move(found)));
  }

  void read_line(int number, std::string_view line) {
    if (utf8_prefix(line, false) != line.size()) {
      error(number, "", "UTF-8 text", "bytes that are not UTF-8");
      return;
    }
    std::string problem;
    const auto fields = split_csv(line, &problem);
    if (!fields) {
      error(number, "", problem, quote_text(line));
      return;
    }
    if (fields->size() != kColumns.size()) {
      error(number, "", "3 fields (veteran,posting,answer)",
            std::to_string(fields->size()) + " field" +
                (fields->size() == 1 ? "" : "s"));
      return;
    }
    const std::string& veteran = (*fields)[0];
    const std::string& posting = (*fields)[1];
    const std::string& answer = (*fields)[2];
    if (answer == "accepted" || answer == "declined") {
      bool ok = true;
      if (veteran.empty()) {
        error(number, "veteran", "a veteran id", "nothing");
        ok = false;
      }
      if (posting.empty()) {
        error(number, "posting", "a posting id", "nothing");
        ok = false;
      }
      if (!ok) return;
      out_->answers.answers.push_back(
          {veteran, posting, *parse_answer(answer)});
      out_->places.answers.push_back({"", number, ""});
    } else if (answer == "not_looking") {
      if (!id_alone(number, veteran, "veteran", posting, "posting")) return;
      out_->answers.not_looking.push_back(veteran);
      out_->places.not_looking.push_back({"", number, "veteran"});
    } else if (answer == "withdrawn") {
      if (!id_alone(number, posting, "posting", veteran, "veteran")) return;
      out_->answers.withdrawn.push_back(posting);
      out_->places.withdrawn.push_back({"", number, "posting"});
    } else {
      error(number, "answer",
            "one of accepted, declined, not_looking, withdrawn",
            quote_text(answer));
    }
  }

  // A whole-record line: its id given, the other column empty.
  bool id_alone(int number, const std::string& id, std::string_view column,
                const std::string& other, std::string_view other_column) {
    bool ok = true;
    if (id.empty()) {
      error(number, column, "a " + std::string(column) + " id", "nothing");
      ok = false;
    }
    if (!other.empty()) {
      error(number, other_column,
            "nothing (a " + std::string(column) + "'s line leaves the " +
                std::string(other_column) + " empty)",
            quote_text(other));
      ok = false;
    }
    return ok;
  }

  std::string file_;
  ReadAnswersResult* out_;
};

}  // namespace

bool is_csv_path(std::string_view path) {
  if (path.size() < 4) return false;
  std::string tail(path.substr(path.size() - 4));
  for (char& c : tail) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return tail == ".csv";
}

InputError answer_error(const std::string& file, const AnswerPlace& place,
                        std::string_view field, std::string expected,
                        std::string found) {
  InputError e;
  e.file = file;
  if (place.line > 0) {
    e.where = "line " + std::to_string(place.line);
    const std::string_view column = field.empty() ? place.id_column : field;
    if (!column.empty()) {
      e.where += ", column ";
      e.where += column;
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
  return e;
}

ReadAnswersResult read_answers_string(std::string_view text,
                                      const std::string& file, bool csv) {
  ReadAnswersResult result;
  if (csv) {
    CsvAnswersReader(file, &result).read(text);
    return result;
  }
  rapidjson::Document document;
  if (!parse_json_document(text, file, document, result.errors)) {
    return result;
  }
  JsonAnswersReader(file, &result).read(document);
  return result;
}

ReadAnswersResult read_answers_file(const std::string& path) {
  return read_answers_string(read_whole_file(path), path, is_csv_path(path));
}

}  // namespace vetmatch
