// The hard rules of eligibility.h folded into one 32-bit word per side, so
// the fused kernel checks them for 16 pairs in one instruction.
//
// A posting's requirement word and a veteran's capability word satisfy:
// (requirement & ~capability) == 0 whenever the pair passes rules 1-3
// (kind wanted, spouse admitted, education), rule 4 (certificates) and the
// "opening left" rule; and it is nonzero whenever rules 1-3 or the opening
// rule fail. Certificates get bits only if some posting requires them, in
// id order, wrapping round after kCertificateBits (so with more than that
// many, some share a bit). The word is exact for a posting's certificates
// when none of them shares its bit (certificates_exact(p));
// otherwise a zero word is only a necessary condition and the caller
// checks certificates exactly.
//
// Preference words: (veteran & posting) != 0 whenever exact_preference()
// is 1, and exactly then while the round has at most kIndustryBits
// distinct industries (preferences_exact()).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/scoring/indexed_round.h"

namespace vetmatch {

class RuleWords {
 public:
  static constexpr int kKindBits = 3;      // bits 0-2: one per PostingKind
  static constexpr int kSpouseBit = 3;     // posting excludes spouses
  static constexpr int kClosedBit = 4;     // posting has no opening left
  static constexpr int kEducationBit = 5;  // bits 5-12: levels, thermometer
  static constexpr int kEducationLevels = 8;
  static constexpr int kCertificateBit = 13;  // bits 13-31
  static constexpr int kCertificateBits = 19;
  static constexpr int kIndustryBits = 31;  // bit 31: "names no industry"
  /// A requirement word no capability meets (for padding lanes).
  static constexpr std::uint32_t kNeverMet = 1u << kClosedBit;

  explicit RuleWords(const IndexedRound& ir) : ir_(ir) {
    std::vector<std::uint8_t> required;
    for (std::int32_t c : ir.posting_certs.ids) {
      if (c >= static_cast<std::int32_t>(required.size())) {
        required.resize(c + 1, 0);
      }
      required[c] = 1;
    }
    certificate_bit_.assign(required.size(), -1);
    int next = 0;
    int sharing[kCertificateBits] = {};
    for (std::size_t c = 0; c < required.size(); ++c) {
      if (!required[c]) continue;
      const int bit = next++ % kCertificateBits;
      certificate_bit_[c] = static_cast<std::int8_t>(bit);
      ++sharing[bit];
    }
    certificate_alone_.assign(required.size(), 0);
    for (std::size_t c = 0; c < required.size(); ++c) {
      if (certificate_bit_[c] >= 0) {
        certificate_alone_[c] = sharing[certificate_bit_[c]] == 1;
      }
    }
    std::int32_t top = -1;
    for (std::int32_t i : ir.posting_industry) top = std::max(top, i);
    for (std::int32_t i : ir.veteran_industries.ids) top = std::max(top, i);
    preferences_exact_ = top < kIndustryBits;
  }

  std::uint32_t requirement(std::int32_t p) const {
    std::uint32_t w = ir_.posting_kind_bit[p];
    if (!ir_.posting_admits_spouses[p]) w |= 1u << kSpouseBit;
    if (ir_.posting_open[p] <= 0) w |= 1u << kClosedBit;
    w |= education_bits(ir_.posting_min_education[p]);
    w |= certificate_bits(ir_.posting_certs, p);
    return w;
  }

  std::uint32_t capability(std::int32_t v) const {
    std::uint32_t w = ir_.veteran_wants[v];
    if (!ir_.veteran_is_spouse[v]) w |= 1u << kSpouseBit;
    w |= education_bits(ir_.veteran_education[v]);
    w |= certificate_bits(ir_.veteran_certs, v);
    return w;
  }

  /// True when the words decide posting p's certificate rule exactly.
  bool certificates_exact(std::int32_t p) const {
    for (const std::int32_t* c = ir_.posting_certs.begin(p);
         c != ir_.posting_certs.end(p); ++c) {
      if (!certificate_alone_[*c]) return false;
    }
    return true;
  }

  bool preferences_exact() const { return preferences_exact_; }

  std::uint32_t veteran_preference(std::int32_t v) const {
    if (ir_.veteran_industries.empty(v)) return ~std::uint32_t{0};
    std::uint32_t bits = 0;
    for (const std::int32_t* i = ir_.veteran_industries.begin(v);
         i != ir_.veteran_industries.end(v); ++i) {
      bits |= std::uint32_t{1} << (*i % kIndustryBits);
    }
    return bits;
  }

  std::uint32_t posting_preference(std::int32_t p) const {
    const std::int32_t industry = ir_.posting_industry[p];
    return industry < 0 ? std::uint32_t{1} << kIndustryBits
                        : std::uint32_t{1} << (industry % kIndustryBits);
  }

 private:
  static std::uint32_t education_bits(std::uint8_t level) {
    const int n = std::min<int>(level, kEducationLevels);
    return ((std::uint32_t{1} << n) - 1) << kEducationBit;
  }

  std::uint32_t certificate_bits(const IdSets& sets, std::size_t r) const {
    std::uint32_t bits = 0;
    for (const std::int32_t* c = sets.begin(r); c != sets.end(r); ++c) {
      if (*c < static_cast<std::int32_t>(certificate_bit_.size()) &&
          certificate_bit_[*c] >= 0) {
        bits |= std::uint32_t{1} << (kCertificateBit + certificate_bit_[*c]);
      }
    }
    return bits;
  }

  const IndexedRound& ir_;
  std::vector<std::int8_t> certificate_bit_;  ///< by certificate id; -1 none
  /// By certificate id: no other required certificate shares its bit.
  std::vector<std::uint8_t> certificate_alone_;
  bool preferences_exact_ = true;
};

}  // namespace vetmatch
