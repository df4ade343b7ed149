// The hard rules of eligibility.h folded into one 32-bit word per side, so
// the fused kernel checks them for 16 pairs in one instruction.
//
// A posting's requirement word and a veteran's capability word satisfy:
// (requirement & ~capability) == 0 whenever the pair passes rules 1-3
// (kind wanted, spouse admitted, education), rule 4 (certificates) and the
// "opening left" rule; and it is nonzero whenever rules 1-3 or the opening
// rule fail. Certificates are hashed onto kCertificateBits bits, so the
// word is exact for them only while the round has at most that many
// distinct certificates (certificates_exact()); otherwise a zero word is a
// necessary condition and the caller checks certificates exactly.
//
// Preference words: preference_bound(v, p) = (veteran & posting) != 0 is
// 1 whenever exact_preference() is 1 (and exact when the round has at most
// kIndustryBits distinct industries).
#pragma once

#include <algorithm>
#include <cstdint>

#include "engine/scoring/indexed_round.h"

namespace vetmatch::rule_words {

inline constexpr int kKindBits = 3;      // bits 0-2: one per PostingKind
inline constexpr int kSpouseBit = 3;     // posting excludes spouses
inline constexpr int kClosedBit = 4;     // posting has no opening left
inline constexpr int kEducationBit = 5;  // bits 5-12: thermometer of levels
inline constexpr int kEducationLevels = 8;
inline constexpr int kCertificateBit = 13;  // bits 13-31
inline constexpr int kCertificateBits = 19;
inline constexpr int kIndustryBits = 31;  // bit 31: "names no industry"

inline std::uint32_t education_bits(std::uint8_t level) {
  const int n = std::min<int>(level, kEducationLevels);
  return ((std::uint32_t{1} << n) - 1) << kEducationBit;
}

inline std::uint32_t certificate_bits(const IdSets& sets, std::size_t r) {
  std::uint32_t bits = 0;
  for (const std::int32_t* c = sets.begin(r); c != sets.end(r); ++c) {
    bits |= std::uint32_t{1} << (kCertificateBit + *c % kCertificateBits);
  }
  return bits;
}

inline std::uint32_t requirement(const IndexedRound& ir, std::int32_t p) {
  std::uint32_t w = ir.posting_kind_bit[p];
  if (!ir.posting_admits_spouses[p]) w |= 1u << kSpouseBit;
  if (ir.posting_open[p] <= 0) w |= 1u << kClosedBit;
  w |= education_bits(ir.posting_min_education[p]);
  w |= certificate_bits(ir.posting_certs, p);
  return w;
}

inline std::uint32_t capability(const IndexedRound& ir, std::int32_t v) {
  std::uint32_t w = ir.veteran_wants[v];
  if (!ir.veteran_is_spouse[v]) w |= 1u << kSpouseBit;
  w |= education_bits(ir.veteran_education[v]);
  w |= certificate_bits(ir.veteran_certs, v);
  return w;
}

/// A requirement word no capability meets (for padding lanes).
inline constexpr std::uint32_t kNeverMet = 1u << kClosedBit;

inline bool certificates_exact(const IndexedRound& ir) {
  std::int32_t top = -1;
  for (std::int32_t c : ir.posting_certs.ids) top = std::max(top, c);
  for (std::int32_t c : ir.veteran_certs.ids) top = std::max(top, c);
  return top < kCertificateBits;
}

inline bool preferences_exact(const IndexedRound& ir) {
  std::int32_t top = -1;
  for (std::int32_t i : ir.posting_industry) top = std::max(top, i);
  for (std::int32_t i : ir.veteran_industries.ids) top = std::max(top, i);
  return top < kIndustryBits;
}

inline std::uint32_t veteran_preference(const IndexedRound& ir,
                                        std::int32_t v) {
  if (ir.veteran_industries.empty(v)) return ~std::uint32_t{0};
  std::uint32_t bits = 0;
  for (const std::int32_t* i = ir.veteran_industries.begin(v);
       i != ir.veteran_industries.end(v); ++i) {
    bits |= std::uint32_t{1} << (*i % kIndustryBits);
  }
  return bits;
}

inline std::uint32_t posting_preference(const IndexedRound& ir,
                                        std::int32_t p) {
  const std::int32_t industry = ir.posting_industry[p];
  return industry < 0 ? std::uint32_t{1} << kIndustryBits
                      : std::uint32_t{1} << (industry % kIndustryBits);
}

}  // namespace vetmatch::rule_words
