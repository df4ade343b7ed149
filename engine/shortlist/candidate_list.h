// A float-level top-k with a safety margin: the candidates of one
// shortlist (one veteran's postings or one posting's veterans) before they
// are rescored exactly.
//
// Contract: offers carry an estimate of the exact score that is off by at
// most `tolerance` either way, and only eligible pairs are offered. The
// list keeps every offered candidate whose estimate is at least
// threshold(), where threshold() is the k-th best estimate seen so far
// minus 2 * tolerance (-infinity until k candidates were offered,
// +infinity when k = 0). A candidate below it has an exact score strictly
// below k other eligible candidates' exact scores, so it cannot be in the
// exact top k: rescoring what is kept and taking the k best (exact score
// desc, id asc) gives the exact list, and so does the union of several
// lists fed disjoint parts of the pairs. Ties cost space, not correctness:
// equal estimates are all kept.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace vetmatch {

class CandidateList {
 public:
  struct Item {
    float estimate;
    std::int32_t id;
  };

  CandidateList() = default;
  CandidateList(int k, float margin) { reset(k, margin); }

  void reset(int k, float margin) {
    k_ = k;
    margin_ = margin;
    items_.clear();
    capacity_ = 2 * static_cast<std::size_t>(std::max(k, 8));
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
    auto better = [](const Item& a, const Item& b) {
      return a.estimate > b.estimate;
    };
    std::nth_element(items_.begin(), items_.begin() + (k - 1), items_.end(),
                     better);
    threshold_ = std::max(threshold_, items_[k - 1].estimate - margin_);
    const float cut = threshold_;
    items_.erase(
        std::remove_if(items_.begin(), items_.end(),
                       [cut](const Item& i) { return i.estimate < cut; }),
        items_.end());
    // Many equal estimates: let the list grow rather than compact often.
    capacity_ = std::max(capacity_, 2 * items_.size());
    return threshold_ > before;
  }

  int k_ = 0;
  float margin_ = 0.0f;
  std::size_t capacity_ = 16;
  float threshold_ = 0.0f;
  std::vector<Item> items_;
};

}  // namespace vetmatch
