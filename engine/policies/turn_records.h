// What each points_order turn records, filled in after the turns are taken:
// the pick's rank among all postings eligible for the veteran at the start
// of the round, how many of those still had an opening at the turn, and,
// for a veteran left out, whether anything was eligible at all.
//
// Contract (all exact, as the textbook loop defines them):
//  * ranks(queries): for each RankQuery, rank = 1 + the number of postings
//    eligible for the veteran at the start (eligibility.h, all seven
//    rules) that order before (score, pick) (score desc, slot asc). When
//    the pick was the best posting still open at the turn, only postings
//    closed before the turn can order before it, and only those are
//    looked at. Up to kRankBatch queries go together: each block of
//    postings is read once for all of them (alone, the pass is bound by
//    memory).
//  * open_postings(v, turn) = the postings eligible for v at the start
//    whose closing turn (OpenPostings::closing_turn) is >= turn: those
//    with an opening at the start of that turn.
//  * any_eligible(v): some posting is eligible for v at the start.
// Each query reads only this object: they may run in parallel.
//
// Layout: the postings with an opening at the start, in a PostingPanel
// grouped by class and, within a class, by closing turn (then slot), so the
// postings closed before a turn are a prefix of each class and those still
// open the rest (found by binary search). Counting open postings needs no
// score at all, and no per-posting work for a veteran without a commute
// limit or declines; ranks go through score_bounds.h and exact scores only
// where the bounds straddle the pick's score.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/policies/posting_classes.h"
#include "engine/policies/score_bounds.h"

namespace vetmatch {

/// One rank to find (slots; see TurnRecords::ranks).
struct RankQuery {
  std::int32_t veteran;
  std::int32_t pick;
  double score;
  std::int32_t turn;
  bool pick_is_best_open;
  std::int32_t rank = 0;  ///< the answer
};

inline constexpr std::int32_t kRankBatch = 8;
inline constexpr std::int32_t kRecordBlock = 512;

struct RecordScratch {
  VeteranProbe probe;  ///< open_postings(), any_eligible()
  VeteranProbe probes[kRankBatch];
  std::vector<std::int32_t> classes;
  struct Run {
    std::int32_t begin, end;
  };
  std::vector<Run> runs[kRankBatch];
  std::vector<float> lo = std::vector<float>(kRecordBlock);
  std::vector<float> hi = std::vector<float>(kRecordBlock);
  std::vector<float> chord = std::vector<float>(kRecordBlock);
  std::vector<float> cosine = std::vector<float>(kRecordBlock);
  std::vector<std::uint8_t> flag = std::vector<std::uint8_t>(kRecordBlock + 8);
};

class TurnRecords {
 public:
  /// closing_turn: per posting slot (OpenPostings::closing_turns()).
  TurnRecords(const ScoreBounds& bounds, const PostingClasses& classes,
              const std::vector<std::int32_t>& closing_turn);

  /// Chord limits of a probe as the sieves read them (none: +infinity).
  struct Limits {
    float in, out;
  };

  /// At most kRankBatch queries.
  void ranks(std::span<RankQuery> queries, RecordScratch& scratch) const;
  std::int32_t open_postings(std::int32_t v, std::int32_t turn,
                             RecordScratch& scratch) const;
  bool any_eligible(std::int32_t v, RecordScratch& scratch) const;

 private:
  /// Positions [begin, end) of class c whose closing turn is < turn.
  std::int32_t closed_before(std::int32_t c, std::int32_t turn) const;
  /// Rule 5 for v and the posting at `position`, chord from the float
  /// unit vectors, exact near the limit.
  bool within_commute(const VeteranProbe& probe, std::int32_t position,
                      float chord) const;
  /// One block of one rank query: how many positions [from, from + n)
  /// order before its pick.
  std::int32_t rank_block(const RankQuery& query, const VeteranProbe& probe,
                          const Limits& limits, float lo_above, float hi_below,
                          std::int32_t from, std::int32_t n,
                          RecordScratch& scratch) const;
  /// How many declined postings of the query's veteran would otherwise
  /// count before its pick.
  std::int32_t declined_before(const RankQuery& query) const;
  /// The declined postings of v (slots).
  std::pair<const std::uint64_t*, const std::uint64_t*> declines(
      std::int32_t v) const;

  const ScoreBounds& bounds_;
  const PostingClasses& classes_;
  const IndexedRound& ir_;
  const std::vector<std::int32_t>& closing_turn_;
  PostingPanel panel_;
  std::vector<std::int32_t> position_closing_;  ///< by panel position
  std::vector<std::int32_t> live_classes_;
};

}  // namespace vetmatch
