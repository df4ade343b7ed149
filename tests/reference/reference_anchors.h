// The couples rule across rounds, written again from the README for the
// references: with config.couples together, a veteran whose partner (the
// two name each other) was placed in an earlier round (Round::taken) may
// only take postings at most config.couple_max_km from the partner's
// posting (reference_distance_km, posting to posting). Any pair is allowed
// otherwise. Round indices.
#pragma once

#include <vector>

#include "engine/model/round.h"

namespace vetmatch::test {

class ReferenceAnchors {
 public:
  explicit ReferenceAnchors(const Round& round);
  bool allowed(VeteranIndex v, PostingIndex p) const;
  /// Whether v's partner was placed in an earlier round (the rule binds v).
  bool anchored(VeteranIndex v) const { return anchor_[v] >= 0; }

 private:
  const Round& round_;
  std::vector<PostingIndex> anchor_;  ///< by veteran; -1: none
};

}  // namespace vetmatch::test
