// Exact rescoring of a list's float candidates: the last step of
// build_shortlists().
//
// Contract: Rescorer::top() returns the k best of the candidates by the
// exact score of pair_eval.h (exact_score(), bit for bit), score desc,
// slot asc, each with its exact components. It is faster than calling
// exact_score() per candidate because the list's owner's skill row is
// scattered once into a dense array and each candidate's row is walked
// alone: the products of shared skills are summed in the same ascending
// skill order (the others add +0.0, which changes no sum of non-negative
// terms), so the cosine is bitwise the same as exact_skill()'s.
// One Rescorer per thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/round/round_result.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/candidate_list.h"

namespace vetmatch {

struct Rescored {
  std::int32_t slot;  ///< the other side's slot
  PairScore score;
};

class Rescorer {
 public:
  explicit Rescorer(const IndexedRound& ir);

  /// Veteran v's k best postings among `candidates` (posting slots).
  std::vector<Rescored> top_postings(
      std::int32_t v, std::span<const CandidateList::Item> candidates, int k);
  /// Posting p's k best veterans among `candidates` (veteran slots).
  std::vector<Rescored> top_veterans(
      std::int32_t p, std::span<const CandidateList::Item> candidates, int k);

 private:
  std::vector<Rescored> top(bool owner_is_veteran, std::int32_t owner,
                            std::span<const CandidateList::Item> candidates,
                            int k);
  void scatter(const SparseRows& rows, std::int32_t r);
  void clear(const SparseRows& rows, std::int32_t r);
  /// dots_[i] = the owner's scattered row . candidate i's row in `rows`.
  void dots_with(const SparseRows& rows,
                 std::span<const CandidateList::Item> candidates);

  const IndexedRound& ir_;
  std::vector<double> dense_;  ///< by skill index; zero between uses
  std::vector<double> dots_;
  // top()'s working arrays, reused from call to call.
  struct Key {
    double score;
    std::int32_t slot;
    std::int32_t at;  ///< index into scored_
  };
  std::vector<PairScore> scored_;
  std::vector<Key> keys_;
};

}  // namespace vetmatch
