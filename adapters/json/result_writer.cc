#include "adapters/json/result_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <span>
#include <string_view>

#include "engine/model/enums.h"
#include "engine/policies/optimal_costs.h"
#include "engine/scoring/explain.h"

namespace vetmatch {
namespace {

using Buffer = rapidjson::StringBuffer;
using JsonWriter = rapidjson::Writer<Buffer>;

constexpr int kDecimals = 6;
// How many shared skills a pair's "why" lists.
constexpr int kSharedSkills = 3;
// Below this magnitude a number would print as "0.0", "-0.0" or in exponent
// form ("1e-7"); it is written as 0.0 instead.
constexpr double kSmallest = 1e-6;

// Streams the result straight into one buffer (no DOM): the top level by
// hand with one record per line, each record compact through a Writer that
// is reset at every line.
class ResultJsonWriter {
 public:
  ResultJsonWriter(const Round& round, const RoundResult& result,
                   const ResultWriteOptions& options)
      : round_(round), result_(result), options_(options) {
    writer_.SetMaxDecimalPlaces(kDecimals);
    points_order_ = result.policy == PolicyKind::kPointsOrder;
  }

  std::string write() {
    raw("{\"vetmatch\":\"result/1\",\n\"policy\":");
    begin_value();
    if (result_.policy) {
      string(to_string(*result_.policy));
    } else {
      writer_.Null();
    }
    raw(",\n");
    write_lines("\"assignments\":[", result_.assignments,
                &ResultJsonWriter::write_assignment);
    raw(",\n");
    write_lines("\"unassigned\":[", result_.unassigned,
                &ResultJsonWriter::write_unassigned);
    if (result_.optimality) {
      raw(",\n\"optimality\":");
      begin_value();
      write_optimality(*result_.optimality);
    }
    if (result_.stability) {
      raw(",\n\"stability\":");
      begin_value();
      write_stability(*result_.stability);
    }
    raw(",\n\"shortlists\":{\n");
    write_lines("\"veterans\":[", std::span(result_.veterans_by_id),
                &ResultJsonWriter::write_veteran_shortlist);
    raw(",\n");
    write_lines("\"postings\":[", std::span(result_.postings_by_id),
                &ResultJsonWriter::write_posting_shortlist);
    raw("},\n\"stats\":");
    begin_value();
    write_stats();
    raw("}\n");
    return std::string(buffer_.GetString(), buffer_.GetSize());
  }

 private:
  void raw(std::string_view text) {
    char* out = buffer_.Push(text.size());
    text.copy(out, text.size());
  }
  void begin_value() { writer_.Reset(buffer_); }

  template <typename Item, typename Items>
  void write_lines(std::string_view opening, const Items& items,
                   void (ResultJsonWriter::*write_one)(const Item&)) {
    raw(opening);
    bool first = true;
    for (const Item& item : items) {
      raw(first ? "\n" : ",\n");
      first = false;
      begin_value();
      (this->*write_one)(item);
    }
    raw(first ? "]" : "\n]");
  }

  void key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  }
  void string(std::string_view s) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  // At most 6 decimals (truncated by RapidJSON's shortest printing), never
  // "-0.0" and never an exponent for tiny magnitudes.
  void number(double x) {
    if (!std::isfinite(x)) {
      writer_.Null();
      return;
    }
    if (std::fabs(x) < kSmallest) x = 0.0;
    writer_.Double(x);
  }
  void count(std::int64_t n) { writer_.Int64(n); }

  const std::string& veteran_id(VeteranIndex v) const {
    return round_.veterans[static_cast<std::size_t>(v)].id;
  }
  const std::string& posting_id(PostingIndex p) const {
    return round_.postings[static_cast<std::size_t>(p)].id;
  }

  void score_and_why(VeteranIndex v, PostingIndex p, const PairScore& s) {
    key("score");
    number(s.score);
    key("why");
    writer_.StartObject();
    key("skill");
    number(s.skill);
    key("location");
    number(s.location);
    key("preference");
    number(s.preference);
    key("distance_km");
    number(s.distance_km);
    key("shared_skills");
    writer_.StartObject();
    for (const SkillShare& share : top_shared_skills(
             round_.veterans[static_cast<std::size_t>(v)],
             round_.postings[static_cast<std::size_t>(p)], kSharedSkills)) {
      if (share.share < kSmallest) continue;
      key(share.skill);
      number(share.share);
    }
    writer_.EndObject();
    writer_.EndObject();
  }

  void write_assignment(const Assignment& a) {
    writer_.StartObject();
    key("veteran");
    string(veteran_id(a.veteran));
    key("posting");
    string(posting_id(a.posting));
    score_and_why(a.veteran, a.posting, a.score);
    if (points_order_) {
      key("turn");
      writer_.Int(a.turn);
      key("rank");
      writer_.Int(a.rank);
      key("open_postings");
      writer_.Int(a.open_postings);
    }
    writer_.EndObject();
  }

  void write_unassigned(const Unassigned& u) {
    writer_.StartObject();
    key("veteran");
    string(veteran_id(u.veteran));
    key("reason");
    string(to_string(u.reason));
    if (u.excluded_by) {
      key("excluded_by");
      string(to_string(*u.excluded_by));
    }
    if (points_order_) {
      key("turn");
      writer_.Int(u.turn);
    }
    writer_.EndObject();
  }

  // `stable` only: what the result's stability rests on.
  void write_stability(const StabilityReport& r) {
    writer_.StartObject();
    key("method");
    string(to_string(r.method));
    key("blocking_pairs");
    count(r.blocking_pairs);
    key("proposals");
    count(r.proposals);
    key("deepening_rounds");
    count(r.deepening_rounds);
    key("postings_deepened");
    count(r.postings_deepened);
    key("veterans_deepened");
    count(r.veterans_deepened);
    key("candidate_arcs");
    count(r.candidate_arcs);
    if (r.method == StabilityReport::Method::kRothPeranson) {
      key("couples");
      writer_.StartObject();
      key("couples");
      count(r.couples);
      key("placed");
      count(r.couples_placed);
      key("blocking");
      writer_.StartArray();
      for (const auto& [a, b] : r.blocking_couples) {
        writer_.StartArray();
        string(veteran_id(a));
        string(veteran_id(b));
        writer_.EndArray();
      }
      writer_.EndArray();
      key("reexaminations");
      count(r.couple_reexaminations);
      key("given_up");
      count(r.couples_given_up);
      key("limit_reached");
      writer_.Bool(r.couple_limit_reached);
      writer_.EndObject();
    }
    writer_.EndObject();
  }

  void write_veteran_shortlist(const VeteranIndex& v) {
    writer_.StartObject();
    key("veteran");
    string(veteran_id(v));
    key("postings");
    writer_.StartArray();
    for (const ShortlistEntry& e : result_.shortlists.of_veteran(v)) {
      writer_.StartObject();
      key("posting");
      string(posting_id(e.index));
      score_and_why(v, e.index, e.score);
      writer_.EndObject();
    }
    writer_.EndArray();
    writer_.EndObject();
  }

  void write_posting_shortlist(const PostingIndex& p) {
    writer_.StartObject();
    key("posting");
    string(posting_id(p));
    key("veterans");
    writer_.StartArray();
    for (const ShortlistEntry& e : result_.shortlists.of_posting(p)) {
      writer_.StartObject();
      key("veteran");
      string(veteran_id(e.index));
      score_and_why(e.index, p, e.score);
      writer_.EndObject();
    }
    writer_.EndArray();
    writer_.EndObject();
  }

  void coverage(const Coverage& c) {
    writer_.StartObject();
    key("veterans");
    count(c.veterans);
    key("assigned");
    count(c.assigned);
    key("coverage");
    number(c.coverage);
    writer_.EndObject();
  }

  // {"name": {"veterans", "assigned", "coverage"}, ...} in vocabulary order.
  void coverages(std::string_view name, std::span<const Coverage> list,
                 std::span<const std::string_view> names) {
    key(name);
    writer_.StartObject();
    for (std::size_t i = 0; i < list.size(); ++i) {
      key(names[i]);
      coverage(list[i]);
    }
    writer_.EndObject();
  }

  void write_optimality(const OptimalityReport& r) {
    writer_.StartObject();
    key("objective");
    string(to_string(r.objective));
    key("certified");
    writer_.Bool(r.certified);
    key("method");
    string(to_string(r.method));
    key("lists_at_risk");
    count(r.lists_at_risk);
    key("placed");
    count(r.placed);
    key("score_units");
    count(r.score_units);
    key("score_scale");
    count(kScoreScale);
    key("total_score");
    number(r.total_score);
    key("candidate_side");
    string(to_string(r.side));
    key("graph_arcs");
    count(r.graph_arcs);
    key("deepenings");
    writer_.Int(r.deepenings);
    key("pairs_added");
    count(r.pairs_added);
    if (r.couples_together) {
      key("couples");
      writer_.StartObject();
      key("couples");
      count(r.couples);
      key("placed");
      count(r.couples_placed);
      key("repaired");
      count(r.couples_repaired);
      key("bound_placed");
      count(r.bound_placed);
      key("bound_score_units");
      count(r.bound_score_units);
      writer_.EndObject();
    }
    if (options_.include_timings) {
      key("seconds");
      writer_.StartObject();
      key("solve");
      number(r.solve_seconds);
      key("certificate");
      number(r.certificate_seconds);
      writer_.EndObject();
    }
    writer_.EndObject();
  }

  void write_stats() {
    const RoundStats& s = result_.stats;
    writer_.StartObject();
    key("veterans");
    count(s.veterans);
    key("veterans_taken");
    count(s.veterans_taken);
    key("veterans_not_looking");
    count(s.veterans_not_looking);
    key("postings");
    count(s.postings);
    key("postings_withdrawn");
    count(s.postings_withdrawn);
    key("openings");
    count(s.openings);
    key("assigned");
    count(s.assigned);
    key("unassigned");
    count(s.unassigned);
    key("priority_veterans");
    count(s.priority_veterans);
    key("priority_assigned");
    count(s.priority_assigned);
    key("coverage");
    number(s.coverage);
    key("fill_rate");
    number(s.fill_rate);
    key("total_score");
    number(s.total_score);
    key("mean_score");
    number(s.mean_score);
    key("mean_distance_km");
    number(s.mean_distance_km);
    coverages("coverage_by_group", s.by_group, group_names());
    coverages("coverage_by_priority", s.by_priority, priority_flag_names());
    key("blocking_pairs");
    if (s.blocking_pairs >= 0) {
      count(s.blocking_pairs);
    } else {
      writer_.Null();
    }
    key("no_eligible_posting");
    count(s.no_eligible_posting);
    key("no_eligible_by_reason");
    writer_.StartObject();
    for (std::size_t r = 0; r < kNoEligibleReasons; ++r) {
      key(to_string(static_cast<NoEligibleReason>(r)));
      count(s.no_eligible_by_reason[r]);
    }
    writer_.EndObject();
    if (options_.include_timings) {
      key("seconds");
      writer_.StartObject();
      key("read");
      number(options_.read_seconds);
      key("prepare");
      number(result_.seconds.prepare);
      key("shortlists");
      number(result_.seconds.shortlists);
      key("policy");
      number(result_.seconds.policy);
      key("stats");
      number(result_.seconds.stats);
      writer_.EndObject();
    }
    writer_.EndObject();
  }

  const Round& round_;
  const RoundResult& result_;
  const ResultWriteOptions& options_;
  bool points_order_ = false;
  Buffer buffer_;
  JsonWriter writer_{buffer_};
};

}  // namespace

std::string result_to_json(const Round& round, const RoundResult& result,
                           const ResultWriteOptions& options) {
  return ResultJsonWriter(round, result, options).write();
}

}  // namespace vetmatch
