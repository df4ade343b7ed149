// The postings still open during a points_order round, and the searches a
// turn needs over them: every open eligible posting of a veteran (with
// score bounds), and the best few of them, exactly.
//
// Contract: remaining() starts at IndexedRound::posting_open and only
// falls (take()); closing_turn(p) is the turn that took p's last opening
// (kNever while it has one). candidates() returns every posting with an
// opening that is eligible for v (all seven rules of eligibility.h, decided
// exactly), each with lo <= exact score <= hi (score_bounds.h; lo == hi ==
// the exact score where it was computed). best() returns the r best of
// those by exact score (desc, slot asc), and whether they are all of them.
// Searches only read: many may run at once, but none while take() or
// tidy() runs.
//
// Layout: a PostingPanel of the postings open when it was last rebuilt,
// grouped by PostingClasses class, so a veteran skips whole classes the
// static rules bar; closed postings are skipped until tidy() rebuilds the
// panel (once an eighth of it has closed).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "engine/policies/posting_classes.h"
#include "engine/policies/score_bounds.h"
#include "engine/shortlist/top_k.h"

namespace vetmatch {

/// An open eligible posting of one veteran.
struct OpenOption {
  std::int32_t posting;  ///< slot
  float lo, hi;          ///< bounds of the exact score
  double exact;          ///< the exact score, NaN until computed
};

/// Per-thread scratch for the searches.
struct SearchScratch {
  VeteranProbe probe;
  std::vector<float> lo, hi, chord, cosine;
  std::vector<OpenOption> options;
  std::vector<std::int32_t> classes;
};

class OpenPostings {
 public:
  static constexpr std::int32_t kNever =
      std::numeric_limits<std::int32_t>::max();

  OpenPostings(const ScoreBounds& bounds, const PostingClasses& classes);

  Openings remaining(std::int32_t p) const { return remaining_[p]; }
  bool any_open() const { return open_count_ > 0; }
  std::int32_t closing_turn(std::int32_t p) const { return closing_turn_[p]; }
  const std::vector<std::int32_t>& closing_turns() const {
    return closing_turn_;
  }

  /// Takes one opening of p (which has one) at `turn`.
  void take(std::int32_t p, std::int32_t turn);
  /// Rebuilds the panel if an eighth of it has closed.
  void tidy();

  /// Every open eligible posting of veteran v, into scratch.options, and
  /// how many there are. With 0 < floor_rank <= kMaxFloorRank, leaves out
  /// options that cannot be among the floor_rank best (hi below the
  /// floor_rank-th best lo); the count still counts them.
  std::int32_t candidates(std::int32_t v, SearchScratch& scratch,
                          int floor_rank = 0) const;
  static constexpr int kMaxFloorRank = 8;
  /// The r best open eligible postings of v (exact score desc, slot asc),
  /// r <= kMaxFloorRank; `complete` is set when there are no others.
  void best(std::int32_t v, int r, SearchScratch& scratch,
            std::vector<Candidate>& out, bool& complete) const;

  /// The exact score of an option (computes and keeps it).
  double exact(std::int32_t v, OpenOption& option) const;

 private:
  void rebuild();

  const ScoreBounds& bounds_;
  const PostingClasses& classes_;
  const IndexedRound& ir_;
  std::vector<Openings> remaining_;
  std::vector<std::int32_t> closing_turn_;
  std::int32_t open_count_ = 0;
  PostingPanel panel_;
  std::vector<std::int32_t> live_classes_;  ///< classes with panel entries
  std::int32_t closed_in_panel_ = 0;
};

}  // namespace vetmatch
