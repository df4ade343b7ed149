#include "tests/reference/reference_points_order.h"

#include <algorithm>

#include "tests/reference/brute_force.h"

namespace vetmatch::test {

ReferenceOutcome reference_points_order(const Round& round) {
  const ReferenceRound ref(round);

  std::vector<VeteranIndex> turns;
  for (VeteranIndex v = 0; v < static_cast<VeteranIndex>(round.veterans.size());
       ++v) {
    if (!ref.is_out(v)) turns.push_back(v);
  }
  std::sort(turns.begin(), turns.end(), [&](VeteranIndex a, VeteranIndex b) {
    const Veteran& va = round.veterans[a];
    const Veteran& vb = round.veterans[b];
    if (va.points != vb.points) return va.points > vb.points;
    return va.id < vb.id;
  });

  std::vector<int> left(round.postings.size());
  for (PostingIndex p = 0; p < static_cast<PostingIndex>(left.size()); ++p) {
    left[p] = ref.openings_left(p);
  }

  ReferenceOutcome out;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const VeteranIndex v = turns[t];
    const int turn = static_cast<int>(t) + 1;
    // All postings eligible at the start of the round, best first.
    const std::vector<ScoredPair> eligible = ref.eligible_postings(v);
    int open = 0;
    for (const ScoredPair& e : eligible) {
      if (left[e.index] > 0) ++open;
    }
    bool placed = false;
    for (std::size_t r = 0; r < eligible.size(); ++r) {
      const ScoredPair& e = eligible[r];
      if (left[e.index] <= 0) continue;
      --left[e.index];
      Assignment a;
      a.veteran = v;
      a.posting = e.index;
      a.score = e.score;
      a.turn = turn;
      a.rank = static_cast<int>(r) + 1;
      a.open_postings = open;
      out.assignments.push_back(a);
      placed = true;
      break;
    }
    if (!placed) {
      Unassigned u;
      u.veteran = v;
      u.reason = eligible.empty() ? UnassignedReason::kNoEligiblePosting
                                  : UnassignedReason::kEligiblePostingsFull;
      u.turn = turn;
      out.unassigned.push_back(u);
    }
  }
  std::sort(out.unassigned.begin(), out.unassigned.end(),
            [&](const Unassigned& a, const Unassigned& b) {
              return round.veterans[a.veteran].id <
                     round.veterans[b.veteran].id;
            });
  return out;
}

}  // namespace vetmatch::test
