// Bounded top-k under vetmatch's one ordering rule: higher score first,
// equal scores by lower id. Ids here are slots, which are in id order.
//
// Contract: TopK keeps the k best candidates offered so far. Because the
// order is strict and total, the kept set after any sequence of offers is
// the k best of all offers, whatever their order: merging partial TopKs in
// any order gives the same result. threshold() is the score a candidate
// must reach to have any chance of entering (-infinity until full,
// +infinity when k = 0).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace vetmatch {

struct Candidate {
  double score;
  std::int32_t id;
};

/// The ordering rule: true when a comes before b.
inline bool ranks_before(const Candidate& a, const Candidate& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

class TopK {
 public:
  explicit TopK(int k = 0) : k_(k) {
    heap_.reserve(static_cast<std::size_t>(k));
  }

  void reset(int k) {
    k_ = k;
    heap_.clear();
  }

  double threshold() const {
    if (k_ == 0) return std::numeric_limits<double>::infinity();
    if (static_cast<int>(heap_.size()) < k_) {
      return -std::numeric_limits<double>::infinity();
    }
    return heap_.front().score;
  }

  void offer(const Candidate& c) {
    if (k_ == 0) return;
    if (static_cast<int>(heap_.size()) < k_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    } else if (ranks_before(c, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    }
  }

  /// The kept candidates, best first. Leaves this TopK empty.
  std::vector<Candidate> take_sorted() {
    std::sort(heap_.begin(), heap_.end(), ranks_before);
    std::vector<Candidate> out;
    out.swap(heap_);
    return out;
  }

  const std::vector<Candidate>& unordered() const { return heap_; }

 private:
  int k_;
  std::vector<Candidate> heap_;  ///< Max-heap on "worse": front is the worst.
};

}  // namespace vetmatch
