// Postings grouped by the static hard rules, so a veteran's eligibility can
// be checked once per group instead of once per posting.
//
// Contract: two postings share a class exactly when they agree on every
// input of eligibility.h rules 1-4 (kind, veterans_only/spouses_welcome,
// min_education, the set of required certificates); admits(ir, v, c) is
// true exactly when those four rules pass for veteran v and any posting of
// class c. Rules 5-7 (commute, declined, openings) stay per pair. Classes
// are numbered in the order of their rules (no required certificate first,
// then ascending minimum education, spouses welcome first, kind, the
// certificates), so the classes one veteran admits tend to be neighbours
// (searches merge neighbouring classes into one run); the grouping is a
// pure function of the IndexedRound.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/scoring/indexed_round.h"

namespace vetmatch {

class PostingClasses {
 public:
  explicit PostingClasses(const IndexedRound& ir);

  std::int32_t count() const { return std::int32_t(first_posting_.size()); }
  std::int32_t of(std::int32_t posting) const { return class_of_[posting]; }

  /// Rules 1-4 of eligibility.h for veteran slot v and class c.
  bool admits(const IndexedRound& ir, std::int32_t v, std::int32_t c) const {
    const Rule& rule = rules_[c];
    if ((ir.veteran_wants[v] & rule.kind_bit) == 0) return false;
    if (ir.veteran_is_spouse[v] && !rule.admits_spouses) return false;
    if (ir.veteran_education[v] < rule.min_education) return false;
    if ((rule.cert_mask & ~ir.veteran_cert_mask[v]) != 0) return false;
    return rule.cert_mask == 0 || holds_certificates(ir, v, c);
  }

  /// The classes among `classes` that admit v, into `out` (cleared).
  void admitted(const IndexedRound& ir, std::int32_t v,
                const std::vector<std::int32_t>& classes,
                std::vector<std::int32_t>& out) const;

 private:
  struct Rule {
    std::uint64_t cert_mask;
    PostingKindSet kind_bit;
    std::uint8_t admits_spouses;
    std::uint8_t min_education;
  };
  bool holds_certificates(const IndexedRound& ir, std::int32_t v,
                          std::int32_t c) const;

  std::vector<std::int32_t> class_of_;       ///< per posting slot
  std::vector<std::int32_t> first_posting_;  ///< per class: a member
  std::vector<Rule> rules_;                  ///< per class
};

}  // namespace vetmatch
