// A float-level top-k with a safety margin: the candidates of one
// shortlist (one veteran's postings or one posting's veterans) before they
// are rescored exactly.
//
// Contract: offers carry an estimate of the exact score that is off by at
// most `tolerance` either way, and only eligible pairs are offered. The
// list keeps every offered candidate whose estimate is at least
// threshold(), where threshold() is at most the k-th best estimate seen so
// far minus the margin, 2 * tolerance (-infinity until k candidates were
// offered, +infinity when k = 0). Compaction, every k / 2 offers or so,
// raises it to within an eighth of the margin of that value (a bisection
// over the estimates, estimate_scan.h, not a selection). A candidate below
// it has an exact score strictly below k other eligible candidates' exact
// scores, so it cannot be in the exact top k: rescoring what is kept and
// taking the k best (exact score desc, id asc) gives the exact list, and
// so does the union of several lists fed disjoint parts of the pairs. Ties
// cost space, not correctness: equal estimates are all kept.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/shortlist/estimate_scan.h"

namespace vetmatch {

class CandidateList {
 public:
  using Item = EstimatedId;

  CandidateList() = default;
  CandidateList(int k, float margin) { reset(k, margin); }

  void reset(int k, float margin) {
    k_ = k;
    margin_ = margin;
    items_.clear();
    // Room for k / 2 offers between compactions (at least 8).
    slack_ = static_cast<std::size_t>(std::max(k / 2, 8));
    capacity_ = static_cast<std::size_t>(std::max(k, 8)) + slack_;
    threshold_ = k == 0 ? std::numeric_limits<float>::infinity()
                        : -std::numeric_limits<float>::infinity();
  }

  /// Estimates below this can be skipped.
  float threshold() const { return threshold_; }

  /// Offers a candidate; returns true when threshold() rose.
  bool offer(float estimate, std::int32_t id) {
    if (!(estimate >= threshold_)) return false;
    items_.push_back({estimate, id});
    if (items_.size() < capacity_) return false;
    return compact();
  }

  /// Drops what the final k-th estimate rules out (call once all offers
  /// are in; fewer candidates to rescore).
  void finish() {
    if (k_ > 0 && items_.size() > static_cast<std::size_t>(k_)) compact();
  }

  const std::vector<Item>& items() const { return items_; }
  std::vector<Item> take() { return std::move(items_); }

 private:
  bool compact() {
    const float before = threshold_;
    const std::size_t k = static_cast<std::size_t>(k_);
    // x with at least k estimates >= x, by bisection between the smallest
    // and the largest estimate: the k-th best to within margin / 8 (never
    // above it, so the threshold stays at most the k-th best - margin).
    // Cheaper than a selection and free of data-dependent branches.
    float lo = 0.0f, hi = 0.0f;
    estimate_scan::range(items_.data(), items_.size(), lo, hi);
    if (estimate_scan::count_at_least(items_.data(), items_.size(), hi) >= k) {
      lo = hi;
    } else {
      const float step = margin_ * 0.125f;
      while (hi - lo > step) {
        const float mid = lo + (hi - lo) * 0.5f;
        if (mid <= lo || mid >= hi) break;
        (estimate_scan::count_at_least(items_.data(), items_.size(), mid) >= k
             ? lo
             : hi) = mid;
      }
    }
    threshold_ = std::max(threshold_, lo - margin_);
    items_.resize(
        estimate_scan::keep_at_least(items_.data(), items_.size(), threshold_));
    // Many equal estimates: let the list grow rather than compact often.
    capacity_ = std::max(capacity_,
                         items_.size() + std::max(slack_, items_.size() / 2));
    return threshold_ > before;
  }

  int k_ = 0;
  float margin_ = 0.0f;
  std::size_t capacity_ = 16;
  std::size_t slack_ = 8;
  float threshold_ = 0.0f;
  std::vector<Item> items_;
};

}  // namespace vetmatch
