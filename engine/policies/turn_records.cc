#include "engine/policies/turn_records.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/top_k.h"

namespace vetmatch {
namespace {

constexpr std::int32_t kSieveBlock = kRecordBlock;

float round_up(double d) {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) < d) {
    f = std::nextafter(f, std::numeric_limits<float>::infinity());
  }
  return f;
}

float round_down(double d) {
  float f = static_cast<float>(d);
  if (static_cast<double>(f) > d) {
    f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  }
  return f;
}

using Limits = TurnRecords::Limits;

Limits limits_of(const VeteranProbe& probe) {
  if (!probe.has_limit) {
    return {std::numeric_limits<float>::infinity(),
            std::numeric_limits<float>::infinity()};
  }
  return {probe.limit_in, probe.limit_out};
}

// One block of rank(): counts the positions surely eligible by commute and
// surely before the pick (lo > score), and flags those neither surely that
// nor surely not (after the pick, or beyond the commute limit). Written for
// the compiler to vectorise.
// The first flagged position at or after i (n if none): eight flags at a
// time, since few are set.
std::int32_t next_flag(const std::uint8_t* flag, std::int32_t i,
                       std::int32_t n) {
  while (i + 8 <= n) {
    std::uint64_t word;
    std::memcpy(&word, flag + i, sizeof word);
    if (word != 0) break;
    i += 8;
  }
  while (i < n && !flag[i]) ++i;
  return i;
}

// With kClosedOnly, positions whose closing turn is not before `turn` are
// left out (after the pick).
template <bool kClosedOnly>
__attribute__((noinline)) std::int32_t sieve_ranks(
    std::int32_t n, const float* __restrict lo, const float* __restrict hi,
    const float* __restrict chord, const std::int32_t* __restrict closing,
    std::int32_t turn, float lo_above, float hi_below, Limits limits,
    std::uint8_t* __restrict flag, std::int32_t& flagged) {
  std::int32_t sure = 0, unsure = 0;
  for (std::int32_t i = 0; i < n; ++i) {
    const float slack = ScoreBounds::kChordSlack * (1.0f + chord[i]);
    const bool within = chord[i] + slack <= limits.in;
    const bool beyond = chord[i] - slack > limits.out;
    const bool out = kClosedOnly ? closing[i] >= turn : false;
    const bool before = (lo[i] > lo_above) & within & !out;
    const bool after = (hi[i] < hi_below) | beyond | out;
    const bool open_question = !before & !after;
    sure += before;
    unsure += open_question;
    flag[i] = open_question;
  }
  flagged = unsure;
  return sure;
}

// The commute rule for a block of positions: counts those surely within
// the limit and flags those near it.
__attribute__((noinline)) std::int32_t sieve_commute(
    std::int32_t n, const float* __restrict px, const float* __restrict py,
    const float* __restrict pz, const VeteranProbe& probe, Limits limits,
    std::uint8_t* __restrict flag, std::int32_t& flagged) {
  const float vx = probe.x, vy = probe.y, vz = probe.z;
  std::int32_t sure = 0, unsure = 0;
  for (std::int32_t i = 0; i < n; ++i) {
    const float dx = vx - px[i], dy = vy - py[i], dz = vz - pz[i];
    const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    const float slack = ScoreBounds::kChordSlack * (1.0f + chord);
    const bool within = chord + slack <= limits.in;
    const bool beyond = chord - slack > limits.out;
    sure += within;
    unsure += !within & !beyond;
    flag[i] = !within & !beyond;
  }
  flagged = unsure;
  return sure;
}

}  // namespace

TurnRecords::TurnRecords(const ScoreBounds& bounds,
                         const PostingClasses& classes,
                         const std::vector<std::int32_t>& closing_turn)
    : bounds_(bounds),
      classes_(classes),
      ir_(bounds.round()),
      closing_turn_(closing_turn) {
  std::vector<std::int32_t> order;
  for (std::int32_t p = 0; p < ir_.n_postings; ++p) {
    if (ir_.posting_open[p] > 0) order.push_back(p);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int32_t a, std::int32_t b) {
                     return closing_turn_[a] < closing_turn_[b];
                   });
  panel_ = bounds_.make_panel(classes_, order);
  position_closing_.resize(panel_.size());
  for (std::int32_t i = 0; i < panel_.size(); ++i) {
    position_closing_[i] = closing_turn_[panel_.slot[i]];
  }
  for (std::int32_t c = 0; c < classes_.count(); ++c) {
    if (panel_.class_begin[c + 1] > panel_.class_begin[c]) {
      live_classes_.push_back(c);
    }
  }
}

std::int32_t TurnRecords::closed_before(std::int32_t c,
                                        std::int32_t turn) const {
  const auto begin = position_closing_.begin() + panel_.class_begin[c];
  const auto end = position_closing_.begin() + panel_.class_begin[c + 1];
  return std::int32_t(std::lower_bound(begin, end, turn) -
                      position_closing_.begin());
}

bool TurnRecords::within_commute(const VeteranProbe& probe,
                                 std::int32_t position, float chord) const {
  switch (ScoreBounds::commute(probe, chord)) {
    case CommuteCheck::kWithin:
      return true;
    case CommuteCheck::kBeyond:
      return false;
    case CommuteCheck::kExact:
      break;
  }
  const std::int32_t v = probe.veteran;
  return exact_distance_km(ir_, v, panel_.slot[position]) <=
         ir_.veteran_commute_km[v];
}

std::pair<const std::uint64_t*, const std::uint64_t*> TurnRecords::declines(
    std::int32_t v) const {
  const std::uint64_t first = std::uint64_t(std::uint32_t(v)) << 32;
  const std::uint64_t* begin = ir_.declined.data();
  const std::uint64_t* end = begin + ir_.declined.size();
  const std::uint64_t* from = std::lower_bound(begin, end, first);
  const std::uint64_t* to =
      std::lower_bound(from, end, first + (std::uint64_t(1) << 32));
  return {from, to};
}

void TurnRecords::ranks(std::span<RankQuery> queries, RecordScratch& s) const {
  using Run = RecordScratch::Run;
  struct State {
    Limits limits;
    // lo > score exactly when lo > the largest float <= score; hi < score
    // exactly when hi < the smallest float >= score.
    float lo_above, hi_below;
    std::int32_t before = 0;
    std::vector<Run>* runs;
    std::size_t next = 0;  ///< first run not wholly done
  };
  State state[kRankBatch];
  const std::int32_t count = std::int32_t(queries.size());
  std::int32_t first = std::numeric_limits<std::int32_t>::max(), last = 0;
  for (std::int32_t q = 0; q < count; ++q) {
    const RankQuery& query = queries[q];
    bounds_.load(s.probes[q], query.veteran, panel_);
    State& st = state[q];
    st.limits = limits_of(s.probes[q]);
    st.lo_above = round_down(query.score);
    st.hi_below = round_up(query.score);
    st.runs = &s.runs[q];
    st.runs->clear();
    classes_.admitted(ir_, query.veteran, live_classes_, s.classes);
    for (std::size_t k = 0; k < s.classes.size();) {
      // A run of admitted classes whose positions follow on; with a best
      // open pick, up to the last class's postings closed before the turn
      // (the others' still open ones are masked out).
      const std::int32_t begin = panel_.class_begin[s.classes[k]];
      std::int32_t c = s.classes[k];
      for (++k; k < s.classes.size() &&
                panel_.class_begin[s.classes[k]] == panel_.class_begin[c + 1];
           ++k) {
        c = s.classes[k];
      }
      const std::int32_t end = query.pick_is_best_open
                                   ? closed_before(c, query.turn)
                                   : panel_.class_begin[c + 1];
      if (end > begin) st.runs->push_back({begin, end});
    }
    if (!st.runs->empty()) {
      first = std::min(first, st.runs->front().begin);
      last = std::max(last, st.runs->back().end);
    }
  }
  // Block by block, every query in turn: the block's data stays in cache
  // for all of them (alone, each query would stream the whole panel).
  for (std::int32_t block = first; block < last; block += kRecordBlock) {
    const std::int32_t block_end = std::min(last, block + kRecordBlock);
    for (std::int32_t q = 0; q < count; ++q) {
      State& st = state[q];
      for (std::size_t r = st.next; r < st.runs->size(); ++r) {
        const Run& run = (*st.runs)[r];
        if (run.begin >= block_end) break;
        const std::int32_t from = std::max(run.begin, block);
        const std::int32_t to = std::min(run.end, block_end);
        if (to > from) {
          st.before += rank_block(queries[q], s.probes[q], st.limits,
                                  st.lo_above, st.hi_below, from, to - from, s);
        }
        if (run.end <= block_end) st.next = r + 1;
      }
    }
  }
  for (std::int32_t q = 0; q < count; ++q) {
    queries[q].rank = state[q].before - declined_before(queries[q]) + 1;
  }
}

std::int32_t TurnRecords::rank_block(const RankQuery& query,
                                     const VeteranProbe& probe,
                                     const Limits& limits, float lo_above,
                                     float hi_below, std::int32_t from,
                                     std::int32_t n, RecordScratch& s) const {
  const std::int32_t v = query.veteran;
  const double score = query.score;
  bounds_.bound_range(probe, panel_, from, from + n, s.lo.data(), s.hi.data(),
                      s.chord.data(), s.cosine.data());
  std::int32_t flagged = 0;
  std::int32_t before =
      query.pick_is_best_open
          ? sieve_ranks<true>(n, s.lo.data(), s.hi.data(), s.chord.data(),
                              position_closing_.data() + from, query.turn,
                              lo_above, hi_below, limits, s.flag.data(),
                              flagged)
          : sieve_ranks<false>(n, s.lo.data(), s.hi.data(), s.chord.data(),
                               nullptr, 0, lo_above, hi_below, limits,
                               s.flag.data(), flagged);
  for (std::int32_t i = 0; flagged > 0 && i < n; ++i) {
    i = next_flag(s.flag.data(), i, n);
    if (i == n) break;
    --flagged;
    const std::int32_t p = panel_.slot[from + i];
    if (p == query.pick) continue;
    double km = -1.0;
    switch (ScoreBounds::commute(probe, s.chord[i])) {
      case CommuteCheck::kBeyond:
        continue;
      case CommuteCheck::kExact:
        km = exact_distance_km(ir_, v, p);
        if (km > ir_.veteran_commute_km[v]) continue;
        break;
      case CommuteCheck::kWithin:
        break;
    }
    if (double(s.lo[i]) > score) {
      ++before;
      continue;
    }
    if (double(s.hi[i]) < score) continue;
    const ScoreRange tight =
        bounds_.tighten(probe, panel_, from + i, s.cosine[i], s.lo[i], s.hi[i]);
    if (double(tight.lo) > score) {
      ++before;
      continue;
    }
    if (double(tight.hi) < score) continue;
    if (km < 0.0) km = exact_distance_km(ir_, v, p);
    if (ranks_before({exact_score(ir_, v, p, km).score, p},
                     {score, query.pick})) {
      ++before;
    }
  }
  return before;
}

std::int32_t TurnRecords::declined_before(const RankQuery& query) const {
  // Declined pairs were counted as if eligible: how many to take back.
  const std::int32_t v = query.veteran;
  std::int32_t counted = 0;
  const auto [from, to] = declines(v);
  for (const std::uint64_t* d = from; d != to; ++d) {
    const std::int32_t p = std::int32_t(*d & 0xffffffffu);
    if (p == query.pick || ir_.posting_open[p] <= 0 ||
        !classes_.admits(ir_, v, classes_.of(p))) {
      continue;
    }
    if (query.pick_is_best_open && closing_turn_[p] >= query.turn) continue;
    const double km = exact_distance_km(ir_, v, p);
    if (km <= ir_.veteran_commute_km[v] &&
        ranks_before({exact_score(ir_, v, p, km).score, p},
                     {query.score, query.pick})) {
      ++counted;
    }
  }
  return counted;
}

std::int32_t TurnRecords::open_postings(std::int32_t v, std::int32_t turn,
                                        RecordScratch& s) const {
  bounds_.load_place(s.probe, v);
  const Limits limits = limits_of(s.probe);
  std::int32_t open = 0;
  for (const std::int32_t c : live_classes_) {
    if (!classes_.admits(ir_, v, c)) continue;
    const std::int32_t begin = closed_before(c, turn);
    const std::int32_t end = panel_.class_begin[c + 1];
    if (!s.probe.has_limit) {
      open += end - begin;
      continue;
    }
    for (std::int32_t from = begin; from < end; from += kSieveBlock) {
      const std::int32_t n = std::min(kSieveBlock, end - from);
      std::int32_t flagged = 0;
      open += sieve_commute(n, panel_.x.data() + from, panel_.y.data() + from,
                            panel_.z.data() + from, s.probe, limits,
                            s.flag.data(), flagged);
      for (std::int32_t i = 0; flagged > 0 && i < n; ++i) {
        i = next_flag(s.flag.data(), i, n);
        if (i == n) break;
        --flagged;
        if (exact_distance_km(ir_, v, panel_.slot[from + i]) <=
            ir_.veteran_commute_km[v]) {
          ++open;
        }
      }
    }
  }
  const auto [first, last] = declines(v);
  for (const std::uint64_t* d = first; d != last; ++d) {
    const std::int32_t p = std::int32_t(*d & 0xffffffffu);
    if (ir_.posting_open[p] <= 0 || closing_turn_[p] < turn ||
        !classes_.admits(ir_, v, classes_.of(p))) {
      continue;
    }
    if (exact_distance_km(ir_, v, p) <= ir_.veteran_commute_km[v]) --open;
  }
  return open;
}

bool TurnRecords::any_eligible(std::int32_t v, RecordScratch& s) const {
  bounds_.load_place(s.probe, v);
  for (const std::int32_t c : live_classes_) {
    if (!classes_.admits(ir_, v, c)) continue;
    for (std::int32_t i = panel_.class_begin[c]; i < panel_.class_begin[c + 1];
         ++i) {
      const std::int32_t p = panel_.slot[i];
      if (within_commute(s.probe, i, ScoreBounds::chord(s.probe, panel_, i)) &&
          !is_declined(ir_, v, p)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace vetmatch
