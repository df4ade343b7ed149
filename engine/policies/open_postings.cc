#include "engine/policies/open_postings.h"

#include <algorithm>
#include <cmath>

#include "engine/scoring/pair_eval.h"

namespace vetmatch {
namespace {

// Up to this many postings in the veteran's admitted classes are scored
// exactly one by one; more go through the bounds first.
constexpr std::int32_t kDirect = 24;

}  // namespace

OpenPostings::OpenPostings(const ScoreBounds& bounds,
                           const PostingClasses& classes)
    : bounds_(bounds),
      classes_(classes),
      ir_(bounds.round()),
      remaining_(ir_.posting_open),
      closing_turn_(ir_.n_postings, kNever) {
  rebuild();
}

void OpenPostings::rebuild() {
  std::vector<std::int32_t> open;
  for (std::int32_t p = 0; p < ir_.n_postings; ++p) {
    if (remaining_[p] > 0) open.push_back(p);
  }
  open_count_ = std::int32_t(open.size());
  panel_ = bounds_.make_panel(classes_, open);
  live_classes_.clear();
  for (std::int32_t c = 0; c < classes_.count(); ++c) {
    if (panel_.class_begin[c + 1] > panel_.class_begin[c]) {
      live_classes_.push_back(c);
    }
  }
  closed_in_panel_ = 0;
}

void OpenPostings::take(std::int32_t p, std::int32_t turn) {
  if (--remaining_[p] == 0) {
    closing_turn_[p] = turn;
    --open_count_;
    ++closed_in_panel_;
  }
}

void OpenPostings::tidy() {
  if (closed_in_panel_ > 0 && closed_in_panel_ * 8 >= panel_.size()) {
    rebuild();
  }
}

double OpenPostings::exact(std::int32_t v, OpenOption& option) const {
  if (std::isnan(option.exact)) {
    option.exact = exact_score(ir_, v, option.posting,
                               exact_distance_km(ir_, v, option.posting))
                       .score;
  }
  return option.exact;
}

std::int32_t OpenPostings::candidates(std::int32_t v, SearchScratch& s,
                                      int floor_rank) const {
  s.options.clear();
  if (open_count_ == 0) return 0;
  const bool declines = !ir_.declined.empty();
  classes_.admitted(ir_, v, live_classes_, s.classes);
  std::int32_t admitted = 0;
  for (const std::int32_t c : s.classes) {
    admitted += panel_.class_begin[c + 1] - panel_.class_begin[c];
  }
  if (admitted == 0) return 0;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  if (admitted <= kDirect) {
    // Few: the exact rules and score, one by one.
    for (const std::int32_t c : s.classes) {
      for (std::int32_t i = panel_.class_begin[c];
           i < panel_.class_begin[c + 1]; ++i) {
        const std::int32_t p = panel_.slot[i];
        if (remaining_[p] <= 0) continue;
        const double km = exact_distance_km(ir_, v, p);
        if (km > ir_.veteran_commute_km[v]) continue;
        if (declines && is_declined(ir_, v, p)) continue;
        // lo/hi: the exact score's float neighbours either side.
        const double score = exact_score(ir_, v, p, km).score;
        const float near = static_cast<float>(score);
        s.options.push_back({p, std::nextafter(near, -1.0f),
                             std::nextafter(near, 2.0f), score});
      }
    }
    return std::int32_t(s.options.size());
  }

  // The floor_rank best lo so far, ascending; once there are floor_rank
  // of them, the smallest is the floor.
  float best_lo[kMaxFloorRank];
  int kept = 0;
  float floor = -std::numeric_limits<float>::infinity();
  std::int32_t eligible = 0;
  bounds_.load(s.probe, v, panel_);
  for (std::size_t k = 0; k < s.classes.size();) {
    // A run of admitted classes whose positions follow on.
    const std::int32_t begin = panel_.class_begin[s.classes[k]];
    std::int32_t end = panel_.class_begin[s.classes[k] + 1];
    for (++k; k < s.classes.size() && panel_.class_begin[s.classes[k]] == end;
         ++k) {
      end = panel_.class_begin[s.classes[k] + 1];
    }
    const std::size_t n = std::size_t(end - begin);
    if (s.lo.size() < n) {
      s.lo.resize(n);
      s.hi.resize(n);
      s.chord.resize(n);
      s.cosine.resize(n);
    }
    bounds_.bound_range(s.probe, panel_, begin, end, s.lo.data(), s.hi.data(),
                        s.chord.data(), s.cosine.data());
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t p = panel_.slot[begin + i];
      if (remaining_[p] <= 0) continue;
      switch (ScoreBounds::commute(s.probe, s.chord[i])) {
        case CommuteCheck::kBeyond:
          continue;
        case CommuteCheck::kExact:
          if (exact_distance_km(ir_, v, p) > ir_.veteran_commute_km[v]) {
            continue;
          }
          break;
        case CommuteCheck::kWithin:
          break;
      }
      if (declines && is_declined(ir_, v, p)) continue;
      ++eligible;
      if (s.hi[i] < floor) continue;
      s.options.push_back({p, s.lo[i], s.hi[i], kNaN});
      const float x = s.lo[i];
      if (floor_rank <= 0 || x <= floor) continue;
      int at;
      if (kept < floor_rank) {
        at = kept++;
        while (at > 0 && best_lo[at - 1] > x) {
          best_lo[at] = best_lo[at - 1];
          --at;
        }
      } else {
        at = 0;
        while (at + 1 < floor_rank && best_lo[at + 1] < x) {
          best_lo[at] = best_lo[at + 1];
          ++at;
        }
      }
      best_lo[at] = x;
      if (kept == floor_rank) floor = best_lo[0];
    }
  }
  if (kept == floor_rank && floor_rank > 0) {
    // Options kept before the floor rose may lie below it now.
    s.options.erase(
        std::remove_if(s.options.begin(), s.options.end(),
                       [&](const OpenOption& o) { return o.hi < floor; }),
        s.options.end());
  }
  return eligible;
}

void OpenPostings::best(std::int32_t v, int r, SearchScratch& s,
                        std::vector<Candidate>& out, bool& complete) const {
  out.clear();
  complete = candidates(v, s, r) <= r;
  if (s.options.empty() || r <= 0) return;
  for (OpenOption& o : s.options) out.push_back({exact(v, o), o.posting});
  const std::size_t keep = std::min(out.size(), std::size_t(r));
  std::partial_sort(out.begin(), out.begin() + keep, out.end(), ranks_before);
  out.resize(keep);
}

}  // namespace vetmatch
