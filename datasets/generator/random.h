// The generator's own random numbers: splitmix64 seeding a xoshiro256**
// stream, and integer-only draws on top of it.
//
// Contract: every draw is a pure function of the seed, the stream tag and the
// sequence of earlier draws, computed with integer arithmetic only, so a
// generated Round is the same on every machine, compiler and standard
// library (never std:: distributions, whose results are implementation
// defined).
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace vetmatch::gen {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
class Rng {
 public:
  /// `stream` separates independent streams drawn from one seed (one per
  /// part of the round), so changing one part never shifts another.
  Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (std::uint64_t& word : s_) word = splitmix64(sm);
  }

  /// A counter-based stream: record `counter` of part `stream` gets its
  /// own generator, a pure function of (seed, stream, counter), so records
  /// can be drawn one at a time, in any order, on any thread.
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter) {
    std::uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ull);
    std::uint64_t mixed = splitmix64(sm);
    mixed ^= counter * 0x9FB21C651E98DF25ull;
    std::uint64_t state = splitmix64(mixed);
    for (std::uint64_t& word : s_) word = splitmix64(state);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, n), n > 0, without modulo bias (rejection).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (true) {
      const std::uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }

  /// Uniform integer in [lo, hi].
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(
                    below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  /// True with probability per_mille / 1000.
  bool chance(int per_mille) {
    return static_cast<int>(below(1000)) < per_mille;
  }

  /// An index drawn with probability proportional to its (non-negative
  /// integer) weight; the weights must not all be zero.
  std::size_t weighted(std::span<const int> weights) {
    std::uint64_t total = 0;
    for (int w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = static_cast<std::uint64_t>(weights[i]);
      if (r < w) return i;
      r -= w;
    }
    return weights.size() - 1;  // Unreachable.
  }

  /// Fisher-Yates shuffle.
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      std::swap(v[i - 1], v[below(i)]);
    }
  }

  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s_[4];
};

/// Draws an index with probability proportional to its (non-negative
/// integer) weight in O(log n): cumulative sums and a binary search. Zero
/// weights are never drawn; draw() needs a positive total.
class WeightedPicker {
 public:
  WeightedPicker() = default;
  template <typename Weights>
  explicit WeightedPicker(const Weights& weights) {
    cumulative_.reserve(std::size(weights));
    for (const auto w : weights) {
      total_ += static_cast<std::uint64_t>(w);
      cumulative_.push_back(total_);
    }
  }

  std::size_t draw(Rng& rng) const {
    if (total_ == 0) throw std::logic_error("WeightedPicker: nothing to draw");
    const std::uint64_t r = rng.below(total_);
    return static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
        cumulative_.begin());
  }
  bool empty() const { return total_ == 0; }
  std::uint64_t total() const { return total_; }
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<std::uint64_t> cumulative_;
  std::uint64_t total_ = 0;
};

}  // namespace vetmatch::gen
