#include "adapters/json/round_writer.h"

#include <fcntl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "adapters/json/input_error.h"

namespace vetmatch {
namespace {

using Buffer = rapidjson::StringBuffer;
using JsonWriter = rapidjson::Writer<Buffer>;

// Layout: the top level by hand, one key per line and one record per line,
// each record compact; so files diff well and the same Round gives the same
// bytes. Keys follow README.md's JSON-contract tables; optional fields equal
// to their default are left out (id, group, employer and the place always
// written). Every record is written through RecordWriter, by round_to_json
// and write_round_file alike, so the two give the same bytes.
class RecordWriter {
 public:
  /// Appends raw text.
  void raw(std::string_view text) {
    char* out = buffer_.Push(text.size());
    text.copy(out, text.size());
  }

  /// Appends one record as a compact JSON object.
  void config(const RoundConfig& c) {
    begin_value();
    write_config(c);
  }
  void record(const Veteran& v) {
    begin_value();
    write_veteran(v);
  }
  void record(const Posting& p) {
    begin_value();
    write_posting(p);
  }
  void record(const Employer& e) {
    begin_value();
    write_employer(e);
  }
  void record(const PairRef& p) {
    begin_value();
    write_pair(p);
  }
  /// An id of withdrawn or not_looking.
  void record(const std::string& id) {
    begin_value();
    string(id);
  }

  std::string_view text() const {
    return {buffer_.GetString(), buffer_.GetSize()};
  }
  std::size_t size() const { return buffer_.GetSize(); }
  void clear() { buffer_.Clear(); }

 private:
  // Starts a fresh compact value at the current place in the buffer.
  void begin_value() { writer_.Reset(buffer_); }

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
    key("onet_share");
    number(c.onet_share);
    key("objective");
    string(to_string(c.objective));
    key("candidate_k");
    writer_.Int(c.candidate_k);
    key("exact");
    writer_.Bool(c.exact);
    key("posting_ranking");
    string(to_string(c.posting_ranking));
    key("couples");
    string(to_string(c.couples));
    key("couple_max_km");
    number(c.couple_max_km);
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
    if (!v.specialties.empty()) strings("specialties", v.specialties);
    if (!v.occupations.empty()) strings("occupations", v.occupations);
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
    if (!p.occupation.empty()) {
      key("occupation");
      string(p.occupation);
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

/// `"key":[` then the records, each after "\n" (the first) or ",\n", then
/// "]" (none) or "\n]".
template <typename Record>
void write_section(RecordWriter& out, std::string_view key,
                   std::span<const Record> records) {
  out.raw("\"");
  out.raw(key);
  out.raw("\":[");
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.raw(i == 0 ? "\n" : ",\n");
    out.record(records[i]);
  }
  out.raw(records.empty() ? "]" : "\n]");
}

void write_head(RecordWriter& out, const RoundConfig& config) {
  out.raw("{\"vetmatch\":\"round/1\",\n\"config\":");
  out.config(config);
  out.raw(",\n");
}

// taken and declined always; withdrawn and not_looking only when not empty,
// so a round that has none keeps the bytes it had before they existed.
void write_tail(RecordWriter& out, std::span<const PairRef> taken,
                std::span<const PairRef> declined,
                std::span<const std::string> withdrawn,
                std::span<const std::string> not_looking) {
  out.raw(",\n");
  write_section(out, "taken", taken);
  out.raw(",\n");
  write_section(out, "declined", declined);
  if (!withdrawn.empty()) {
    out.raw(",\n");
    write_section(out, "withdrawn", withdrawn);
  }
  if (!not_looking.empty()) {
    out.raw(",\n");
    write_section(out, "not_looking", not_looking);
  }
  out.raw("}\n");
}

// ---------------------------------------------------------------------------
// The streamed file: a temporary next to the target, renamed at the end.

std::atomic<unsigned long> temp_counter{0};

class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {
    const std::size_t slash = path_.rfind('/');
    directory_ =
        slash == std::string::npos ? std::string() : path_.substr(0, slash + 1);
    const std::string base =
        slash == std::string::npos ? path_ : path_.substr(slash + 1);
    if (base.empty() || base == "." || base == "..") fail(EISDIR);
    temp_ = directory_ + "." + base + ".tmp." + std::to_string(::getpid()) +
            "." + std::to_string(temp_counter.fetch_add(1));
    fd_ = ::open(temp_.c_str(),
                 O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) fail(errno);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temp_.c_str());
  }

  void write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        fail(errno);
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  /// Flushes, closes and renames the temporary over the target.
  void commit() {
    if (::fsync(fd_) != 0) fail(errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);
    if (::rename(temp_.c_str(), path_.c_str()) != 0) fail(errno);
    committed_ = true;
    // Flush the directory entry; best effort (not every file system can).
    const int dir = ::open(directory_.empty() ? "." : directory_.c_str(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }

 private:
  [[noreturn]] void fail(int error) const {
    throw IoError(path_, std::string("cannot write: ") + std::strerror(error));
  }

  std::string path_;
  std::string directory_;
  std::string temp_;
  int fd_ = -1;
  bool committed_ = false;
};

/// Flushes `out` to the file once it holds this much.
constexpr std::size_t kFlushBytes = 1 << 20;

void flush(RecordWriter& out, TempFile& file) {
  file.write(out.text());
  out.clear();
}

/// Streams one section of blocks: `"key":[`, the blocks' records drawn and
/// serialised in parallel and written in block order, then the closing
/// bracket.
template <typename Record>
void stream_section(TempFile& file, std::string_view key,
                    const RecordBlocks<Record>& blocks,
                    const ProgressFn& progress) {
  {
    RecordWriter open;
    open.raw("\"");
    open.raw(key);
    open.raw("\":[");
    flush(open, file);
  }
  bool any = false;
  std::size_t next = 0;
  std::size_t written = 0;
  // Each block's text holds its records each after ",\n"; the very first
  // record of the section drops the comma.
  struct Chunk {
    std::size_t block = 0;
    std::string text;
  };
  const int threads = tbb::this_task_arena::max_concurrency();
  const std::size_t tokens = static_cast<std::size_t>(std::max(2, 2 * threads));
  if (blocks.count > 0) {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, std::size_t>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> std::size_t {
              if (next == blocks.count) {
                fc.stop();
                return 0;
              }
              return next++;
            }) &
            tbb::make_filter<std::size_t, Chunk>(
                tbb::filter_mode::parallel,
                [&](std::size_t block) {
                  std::vector<Record> records;
                  blocks.fill(block, records);
                  RecordWriter out;
                  for (const Record& r : records) {
                    out.raw(",\n");
                    out.record(r);
                  }
                  return Chunk{block, std::string(out.text())};
                }) &
            tbb::make_filter<Chunk, void>(
                tbb::filter_mode::serial_in_order, [&](const Chunk& chunk) {
                  std::string_view text = chunk.text;
                  if (!any && !text.empty()) {
                    text.remove_prefix(1);  // The first record: no comma.
                    any = true;
                  }
                  file.write(text);
                  ++written;
                  if (progress) {
                    progress(key, double(written) / double(blocks.count));
                  }
                }));
  }
  RecordWriter close;
  close.raw(any ? "\n]" : "]");
  flush(close, file);
}

}  // namespace

std::string round_to_json(const Round& round) {
  RecordWriter out;
  write_head(out, round.config);
  write_section<Employer>(out, "employers", round.employers);
  out.raw(",\n");
  write_section<Posting>(out, "postings", round.postings);
  out.raw(",\n");
  write_section<Veteran>(out, "veterans", round.veterans);
  write_tail(out, round.taken, round.declined, round.withdrawn,
             round.not_looking);
  return std::string(out.text());
}

RoundSource round_source(const Round& round, std::size_t block_size) {
  if (block_size == 0) block_size = 1;
  RoundSource source;
  source.config = round.config;
  source.employers = round.employers;
  source.taken = round.taken;
  source.declined = round.declined;
  source.withdrawn = round.withdrawn;
  source.not_looking = round.not_looking;
  auto blocks_of = [block_size](std::size_t n) {
    return (n + block_size - 1) / block_size;
  };
  source.postings.count = blocks_of(round.postings.size());
  source.postings.fill = [&round, block_size](std::size_t b,
                                              std::vector<Posting>& out) {
    const std::size_t first = b * block_size;
    const std::size_t end = std::min(round.postings.size(), first + block_size);
    out.assign(round.postings.begin() + first, round.postings.begin() + end);
  };
  source.veterans.count = blocks_of(round.veterans.size());
  source.veterans.fill = [&round, block_size](std::size_t b,
                                              std::vector<Veteran>& out) {
    const std::size_t first = b * block_size;
    const std::size_t end = std::min(round.veterans.size(), first + block_size);
    out.assign(round.veterans.begin() + first, round.veterans.begin() + end);
  };
  return source;
}

void write_round_file(const std::string& path, const RoundSource& source,
                      const ProgressFn& progress) {
  TempFile file(path);
  RecordWriter out;
  write_head(out, source.config);
  out.raw("\"employers\":[");
  for (std::size_t i = 0; i < source.employers.size(); ++i) {
    out.raw(i == 0 ? "\n" : ",\n");
    out.record(source.employers[i]);
    if (out.size() >= kFlushBytes) flush(out, file);
  }
  out.raw(source.employers.empty() ? "]" : "\n]");
  out.raw(",\n");
  flush(out, file);
  stream_section(file, "postings", source.postings, progress);
  file.write(",\n");
  stream_section(file, "veterans", source.veterans, progress);
  write_tail(out, source.taken, source.declined, source.withdrawn,
             source.not_looking);
  flush(out, file);
  file.commit();
}

}  // namespace vetmatch
