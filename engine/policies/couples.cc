#include "engine/policies/couples.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "engine/scoring/geo.h"
#include "engine/shortlist/top_k.h"

namespace vetmatch {
namespace {

bool by_upper_bound(const OpenOption& x, const OpenOption& y) {
  return x.hi > y.hi || (x.hi == y.hi && x.posting < y.posting);
}

// Options in order of their upper bounds, sorted only as far as they are
// read (the walks usually stop after a few).
class ByUpperBound {
 public:
  explicit ByUpperBound(std::vector<OpenOption>& options) : v_(options) {}
  std::size_t size() const { return v_.size(); }
  OpenOption& operator[](std::size_t i) {
    while (i >= sorted_) {
      const std::size_t next =
          std::min(v_.size(), std::max<std::size_t>(2 * sorted_, 32));
      std::partial_sort(v_.begin() + sorted_, v_.begin() + next, v_.end(),
                        by_upper_bound);
      sorted_ = next;
    }
    return v_[i];
  }

 private:
  std::vector<OpenOption>& v_;
  std::size_t sorted_ = 0;
};

}  // namespace

Couples find_couples(const IndexedRound& ir) {
  const Round& round = *ir.round;
  Couples out;
  out.partner.assign(ir.n_veterans, -1);
  out.partner_posting.assign(ir.n_veterans, -1);
  std::unordered_map<std::string_view, VeteranIndex> index;
  for (VeteranIndex i = 0; i < VeteranIndex(round.veterans.size()); ++i) {
    if (!round.veterans[i].partner.empty())
      index.emplace(round.veterans[i].id, i);
  }
  std::unordered_map<std::string_view, std::string_view> taken_at;
  for (const PairRef& t : round.taken) taken_at.emplace(t.veteran, t.posting);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const Veteran& self = round.veterans[ir.veteran_of[v]];
    if (self.partner.empty()) continue;
    const auto it = index.find(self.partner);
    if (it == index.end()) continue;
    const Veteran& other = round.veterans[it->second];
    if (other.partner != self.id) continue;  // one-sided: not a couple
    const std::int32_t slot = ir.veteran_slot[it->second];
    if (slot >= 0) {
      out.partner[v] = slot;
      continue;
    }
    const auto at = taken_at.find(other.id);
    if (at == taken_at.end()) continue;
    // Postings' slots are in id order.
    const auto found =
        std::lower_bound(ir.posting_of.begin(), ir.posting_of.end(), at->second,
                         [&](PostingIndex p, std::string_view id) {
                           return round.postings[p].id < id;
                         });
    if (found != ir.posting_of.end() &&
        round.postings[*found].id == at->second) {
      out.partner_posting[v] = std::int32_t(found - ir.posting_of.begin());
    }
  }
  return out;
}

CouplePlacer::CouplePlacer(const OpenPostings& open, const IndexedRound& ir,
                           double max_km)
    : open_(open), ir_(ir), max_km_(max_km) {
  any_distance_ = max_km >= kPi * kEarthRadiusKm;
  if (!any_distance_) {
    const double chord = 2.0 * std::sin(max_km / (2.0 * kEarthRadiusKm));
    limit_in_ = static_cast<float>(chord * (1.0 - 1e-6));
    limit_out_ = static_cast<float>(chord * (1.0 + 1e-6));
  }
}

bool CouplePlacer::near_enough(std::int32_t p, std::int32_t q) const {
  if (any_distance_ || p == q) return true;
  const float* a = &ir_.posting_xyz[3 * std::size_t(p)];
  const float* b = &ir_.posting_xyz[3 * std::size_t(q)];
  const float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
  const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
  const float slack = ScoreBounds::kChordSlack * (1.0f + chord);
  if (chord + slack <= limit_in_) return true;
  if (chord - slack > limit_out_) return false;
  const Round& round = *ir_.round;
  return great_circle_km(round.postings[ir_.posting_of[p]].location,
                         round.postings[ir_.posting_of[q]].location) <= max_km_;
}

JointPick CouplePlacer::place_together(std::int32_t a, std::int32_t b,
                                       SearchScratch& s) {
  JointPick out;
  open_.candidates(a, s);
  first_.swap(s.options);
  open_.candidates(b, s);
  std::vector<OpenOption>& second = s.options;
  out.had_options[0] = !first_.empty();
  out.had_options[1] = !second.empty();
  if (first_.empty() || second.empty()) return out;
  ByUpperBound first(first_), other(second);

  double best = -std::numeric_limits<double>::infinity();
  std::int32_t best_p = -1, best_q = -1;
  for (std::size_t i = 0; i < first.size(); ++i) {
    OpenOption& x = first[i];
    if (best_p >= 0 && double(x.hi) + double(other[0].hi) < best) break;
    double score_a = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t j = 0; j < other.size(); ++j) {
      OpenOption& y = other[j];
      if (best_p >= 0) {
        const double bound_a = std::isnan(score_a) ? double(x.hi) : score_a;
        if (bound_a + double(y.hi) < best) break;
      }
      const std::int32_t p = x.posting, q = y.posting;
      if (p == q && open_.remaining(p) < 2) continue;
      if (!near_enough(p, q)) continue;
      if (std::isnan(score_a)) score_a = open_.exact(a, x);
      const double sum = score_a + open_.exact(b, y);
      if (best_p < 0 || sum > best ||
          (sum == best && (p < best_p || (p == best_p && q < best_q)))) {
        best = sum;
        best_p = p;
        best_q = q;
      }
    }
  }
  out.posting[0] = best_p;
  out.posting[1] = best_q;
  return out;
}

std::int32_t CouplePlacer::place_near(std::int32_t v, std::int32_t anchor,
                                      SearchScratch& s, bool& had_options) {
  open_.candidates(v, s);
  had_options = !s.options.empty();
  ByUpperBound options(s.options);
  Candidate best{0.0, -1};
  for (std::size_t i = 0; i < options.size(); ++i) {
    OpenOption& x = options[i];
    if (best.id >= 0 && double(x.hi) < best.score) break;
    if (!near_enough(x.posting, anchor)) continue;
    const Candidate c{open_.exact(v, x), x.posting};
    if (best.id < 0 || ranks_before(c, best)) best = c;
  }
  return best.id;
}

}  // namespace vetmatch
