#include "adapters/json/result_reader.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "adapters/json/json_document.h"
#include "adapters/json/value_text.h"
#include "adapters/json/whole_file.h"

namespace vetmatch {
namespace {

constexpr std::string_view kTag = "result/1";
constexpr std::string_view kTagExpected = "\"result/1\"";
constexpr std::string_view kAssignmentsExpected =
    "an array of assignment objects";
constexpr std::string_view kAssignmentExpected =
    "an assignment object {\"veteran\", \"posting\", ...}";

// The result's top level, its assignments array, one assignment, or a
// value skipped unread.
enum class Frame { kTop, kAssignments, kAssignment, kSkip };

// Walks the SAX events, keeping only what next-round needs.
class ProposalHandler
    : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ProposalHandler> {
 public:
  ProposalHandler(const std::string& file, ReadProposalsResult* out)
      : file_(file), out_(out) {}

  // Scalars.
  bool Null() { return scalar("null", nullptr); }
  bool Bool(bool b) { return scalar(b ? "true" : "false", nullptr); }
  bool Int(int i) { return scalar(std::to_string(i), nullptr); }
  bool Uint(unsigned u) { return scalar(std::to_string(u), nullptr); }
  bool Int64(std::int64_t i) { return scalar(std::to_string(i), nullptr); }
  bool Uint64(std::uint64_t u) { return scalar(std::to_string(u), nullptr); }
  bool Double(double d) { return scalar(number_text(d), nullptr); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view text(s, n);
    return scalar(quote_text(text), &text);
  }

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    key_.assign(s, n);
    return true;
  }

  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  void error(std::string path, std::string_view expected, std::string found) {
    InputError e;
    e.file = file_;
    e.json_path = std::move(path);
    e.expected = std::string(expected);
    e.found = std::move(found);
    out_->errors.push_back(std::move(e));
  }

  std::string element_path() const {
    return "/assignments/" + std::to_string(index_);
  }

  // A field of the assignment being read, if it is one kept.
  std::string* assignment_field() {
    if (key_ == "veteran") return &current_.veteran;
    if (key_ == "posting") return &current_.posting;
    return nullptr;
  }

  enum class Kind { kScalar, kObject, kArray };

  // The start of any value (`text` set for strings): reports what is out
  // of place and returns the frame a container opens.
  Frame begin_value(Kind kind, std::string found,
                    const std::string_view* text) {
    if (stack_.empty()) {
      if (kind == Kind::kObject) return Frame::kTop;
      error("",
            "a JSON object {\"vetmatch\": \"result/1\", ...} at the top level",
            std::move(found));
      return Frame::kSkip;
    }
    switch (stack_.back()) {
      case Frame::kSkip:
        break;
      case Frame::kTop:
        if (key_ == "vetmatch") {
          seen_tag_ = true;
          if (text == nullptr || *text != kTag) {
            error("/vetmatch", kTagExpected, std::move(found));
          }
        } else if (key_ == "assignments") {
          seen_assignments_ = true;
          if (kind == Kind::kArray) return Frame::kAssignments;
          error("/assignments", kAssignmentsExpected, std::move(found));
        }
        break;
      case Frame::kAssignments:
        if (kind == Kind::kObject) {
          current_ = PairRef();
          bad_ = false;
          return Frame::kAssignment;  // index_ moves on at its end
        }
        error(element_path(), kAssignmentExpected, std::move(found));
        ++index_;
        break;
      case Frame::kAssignment:
        if (std::string* field = assignment_field()) {
          if (text != nullptr && !text->empty()) {
            field->assign(*text);
          } else {
            error(element_path() + "/" + key_,
                  "a " + key_ + " id (a non-empty string)", std::move(found));
            bad_ = true;
          }
        }
        break;
    }
    return Frame::kSkip;
  }

  bool scalar(std::string found, const std::string_view* text) {
    begin_value(Kind::kScalar, std::move(found), text);
    return true;
  }

  bool open(bool object) {
    stack_.push_back(begin_value(object ? Kind::kObject : Kind::kArray,
                                 object ? "an object" : "an array", nullptr));
    return true;
  }

  bool close() {
    const Frame done = stack_.back();
    stack_.pop_back();
    if (done == Frame::kAssignment) {
      const std::string at = element_path();
      if (current_.veteran.empty() && !bad_) {
        error(at + "/veteran", "a veteran id (a non-empty string)", "nothing");
      }
      if (current_.posting.empty() && !bad_) {
        error(at + "/posting", "a posting id (a non-empty string)", "nothing");
      }
      if (!current_.veteran.empty() && !current_.posting.empty()) {
        out_->proposals.push_back(std::move(current_));
      }
      ++index_;
    } else if (done == Frame::kTop) {
      if (!seen_tag_) error("/vetmatch", kTagExpected, "nothing");
      if (!seen_assignments_) {
        error("/assignments", kAssignmentsExpected, "nothing");
      }
    }
    return true;
  }

  std::string file_;
  ReadProposalsResult* out_;
  std::vector<Frame> stack_;
  std::string key_;
  bool seen_tag_ = false;
  bool seen_assignments_ = false;
  std::size_t index_ = 0;  ///< The assignment being read.
  PairRef current_;
  bool bad_ = false;  ///< The current assignment had a reported problem.
};

}  // namespace

ReadProposalsResult read_result_proposals_string(std::string_view json,
                                                 const std::string& file) {
  ReadProposalsResult result;
  ProposalHandler handler(file, &result);
  if (!parse_json_events(json, file, handler, result.errors)) {
    result.proposals.clear();
  }
  return result;
}

// Streamed from the file in 64 KiB pieces; a file that is not well-formed
// JSON (or cannot be read) is read again whole, for the error's line and
// column or the IoError.
ReadProposalsResult read_result_proposals_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file) {
    std::vector<char> buffer(1 << 16);
    rapidjson::FileReadStream bytes(file.get(), buffer.data(), buffer.size());
    // Skips a byte-order mark.
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::FileReadStream>
        stream(bytes);
    ReadProposalsResult result;
    ProposalHandler handler(path, &result);
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed =
        reader.Parse<kJsonParseFlags>(stream, handler);
    if (!parsed.IsError() && std::ferror(file.get()) == 0) return result;
  }
  return read_result_proposals_string(read_whole_file(path), path);
}

}  // namespace vetmatch
