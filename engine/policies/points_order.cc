#include "engine/policies/points_order.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>
#include <span>

#include "engine/policies/couples.h"
#include "engine/policies/open_postings.h"
#include "engine/policies/posting_classes.h"
#include "engine/policies/score_bounds.h"
#include "engine/policies/turn_records.h"
#include "engine/scoring/pair_eval.h"
#include "engine/util/blocks.h"

namespace vetmatch {
namespace {

// Turns looked ahead at once: their searches run in parallel against the
// postings open at the start of the block.
constexpr std::int32_t kBlockTurns = 512;
// How many of the best open postings a look-ahead search keeps, in case
// earlier turns of the block take some.
constexpr int kLookAhead = 4;

enum class Role : std::uint8_t {
  kAlone,        ///< picks alone
  kFirst,        ///< the couple's first partner: picks for both
  kSecond,       ///< the couple's other partner: turn skipped
  kNearPartner,  ///< partner placed earlier: picks near them
};

struct Pick {
  std::int32_t veteran;  ///< slot
  std::int32_t posting;  ///< slot
  std::int32_t turn;
  std::int32_t list_position;  ///< in the veteran's shortlist, or -1
  bool best_open;              ///< the best eligible posting open at the turn
};

struct Miss {
  std::int32_t veteran;
  std::int32_t turn;
  UnassignedReason reason;
  bool reason_pending;  ///< no_eligible_posting unless any was eligible
};

struct LookAhead {
  std::int32_t list_first = 0;  ///< first listed posting open at block start
  bool searched = false;
  bool complete = false;
  std::vector<Candidate> best;
};

class Walk {
 public:
  Walk(const RoundConfig& config, const IndexedRound& ir,
       const Shortlists& shortlists)
      : ir_(ir),
        shortlists_(shortlists),
        k_(config.veteran_shortlist_k),
        bounds_(ir),
        classes_(ir),
        open_(bounds_, classes_),
        placer_(open_, ir, config.couple_max_km) {
    order_.resize(ir.n_veterans);
    std::iota(order_.begin(), order_.end(), 0);
    std::vector<Points> points(ir.n_veterans);
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      points[v] = ir.round->veterans[ir.veteran_of[v]].points;
    }
    std::sort(
        order_.begin(), order_.end(), [&](std::int32_t a, std::int32_t b) {
          return points[a] > points[b] || (points[a] == points[b] && a < b);
        });
    role_.assign(ir.n_veterans, Role::kAlone);
    if (config.couples == CouplesRule::kTogether) {
      couples_ = find_couples(ir);
      std::vector<std::int32_t> position(ir.n_veterans);
      for (std::int32_t i = 0; i < ir.n_veterans; ++i) position[order_[i]] = i;
      for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
        const std::int32_t w = couples_.partner[v];
        if (w >= 0) {
          role_[v] = position[v] < position[w] ? Role::kFirst : Role::kSecond;
        } else if (couples_.partner_posting[v] >= 0) {
          role_[v] = Role::kNearPartner;
        }
      }
    }
  }

  void run(const ProgressFn& progress) {
    std::vector<LookAhead> ahead(kBlockTurns);
    for (std::int32_t first = 0; first < ir_.n_veterans; first += kBlockTurns) {
      const std::int32_t count = std::min(kBlockTurns, ir_.n_veterans - first);
      open_.tidy();
      look_ahead(first, count, ahead);
      for (std::int32_t i = 0; i < count; ++i) {
        take_turn(first + i, ahead[i]);
      }
      if (progress) {
        progress("policy", 0.8 * double(first + count) / ir_.n_veterans);
      }
    }
  }

  PolicyOutcome outcome(const ProgressFn& progress) {
    const TurnRecords records(bounds_, classes_, open_.closing_turns());
    tbb::enumerable_thread_specific<RecordScratch> scratch;
    PolicyOutcome out;
    out.assignments.resize(picks_.size());
    // Ranks off the shortlists, kRankBatch picks (nearby turns) at a time.
    std::vector<RankQuery> queries;
    std::vector<std::size_t> query_pick;
    for (std::size_t i = 0; i < picks_.size(); ++i) {
      const Pick& pick = picks_[i];
      if (pick.list_position >= 0) continue;
      const std::int32_t v = pick.veteran, p = pick.posting;
      queries.push_back(
          {v, p, exact_score(ir_, v, p, exact_distance_km(ir_, v, p)).score,
           pick.turn, pick.best_open});
      query_pick.push_back(i);
    }
    const std::int32_t batches =
        block_count(std::int32_t(queries.size()), kRankBatch);
    tbb::parallel_for(
        tbb::blocked_range<std::int32_t>(0, batches, 1),
        [&](const tbb::blocked_range<std::int32_t>& range) {
          RecordScratch& s = scratch.local();
          for (std::int32_t b = range.begin(); b != range.end(); ++b) {
            const BlockRange r =
                block_at(std::int32_t(queries.size()), kRankBatch, b);
            records.ranks(
                std::span<RankQuery>(queries.data() + r.begin, r.size()), s);
          }
        });
    for (std::size_t q = 0; q < queries.size(); ++q) {
      out.assignments[query_pick[q]].rank = queries[q].rank;
    }
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, picks_.size(), 16),
        [&](const tbb::blocked_range<std::size_t>& range) {
          RecordScratch& s = scratch.local();
          for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const Pick& pick = picks_[i];
            const std::int32_t v = pick.veteran, p = pick.posting;
            Assignment& a = out.assignments[i];
            a.veteran = ir_.veteran_of[v];
            a.posting = ir_.posting_of[p];
            a.turn = pick.turn;
            a.score = exact_score(ir_, v, p, exact_distance_km(ir_, v, p));
            if (pick.list_position >= 0) a.rank = pick.list_position + 1;
            a.open_postings = records.open_postings(v, pick.turn, s);
          }
        });
    tbb::parallel_for(std::size_t{0}, misses_.size(), [&](std::size_t i) {
      Miss& m = misses_[i];
      if (m.reason_pending) {
        m.reason = records.any_eligible(m.veteran, scratch.local())
                       ? UnassignedReason::kEligiblePostingsFull
                       : UnassignedReason::kNoEligiblePosting;
      }
    });
    // Slots are in id order.
    std::sort(misses_.begin(), misses_.end(), [](const Miss& a, const Miss& b) {
      return a.veteran < b.veteran;
    });
    out.unassigned.reserve(misses_.size());
    for (const Miss& m : misses_) {
      out.unassigned.push_back(
          {ir_.veteran_of[m.veteran], m.reason, m.turn, std::nullopt});
    }
    if (progress) progress("policy", 1.0);
    return out;
  }

 private:
  std::span<const ShortlistEntry> list_of(std::int32_t v) const {
    return shortlists_.of_veteran(ir_.veteran_of[v]);
  }
  std::int32_t slot_of(const ShortlistEntry& e) const {
    return ir_.posting_slot[e.index];
  }
  /// A shortlist shorter than k holds every eligible posting.
  bool list_complete(std::span<const ShortlistEntry> list) const {
    return std::int32_t(list.size()) < k_;
  }
  std::int32_t list_position(std::int32_t v, std::int32_t p) const {
    const auto list = list_of(v);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (slot_of(list[i]) == p) return std::int32_t(i);
    }
    return -1;
  }

  // For the turns [first, first + count): the first listed posting open
  // now and, for a veteran whose full list is all taken, the best few open
  // postings beyond it. Runs in parallel; reads only.
  void look_ahead(std::int32_t first, std::int32_t count,
                  std::vector<LookAhead>& ahead) {
    tbb::parallel_for(
        tbb::blocked_range<std::int32_t>(0, count, 8),
        [&](const tbb::blocked_range<std::int32_t>& range) {
          SearchScratch& s = search_scratch_.local();
          for (std::int32_t i = range.begin(); i != range.end(); ++i) {
            const std::int32_t v = order_[first + i];
            LookAhead& a = ahead[i];
            a.searched = false;
            if (role_[v] != Role::kAlone) continue;
            const auto list = list_of(v);
            a.list_first = std::int32_t(list.size());
            for (std::size_t j = 0; j < list.size(); ++j) {
              if (open_.remaining(slot_of(list[j])) > 0) {
                a.list_first = std::int32_t(j);
                break;
              }
            }
            if (a.list_first < std::int32_t(list.size()) ||
                list_complete(list) || !open_.any_open()) {
              continue;
            }
            a.searched = true;
            open_.best(v, kLookAhead, s, a.best, a.complete);
          }
        },
        tbb::simple_partitioner());
  }

  // The reason for a veteran with nothing open and eligible at the turn.
  Miss missed(std::int32_t v, std::int32_t turn) const {
    const auto list = list_of(v);
    if (!list.empty()) {
      return {v, turn, UnassignedReason::kEligiblePostingsFull, false};
    }
    // An empty list of length k > 0 is every eligible posting: none.
    return {v, turn, UnassignedReason::kNoEligiblePosting, k_ == 0};
  }

  void place(std::int32_t v, std::int32_t p, std::int32_t turn,
             std::int32_t list_position, bool best_open) {
    picks_.push_back({v, p, turn, list_position, best_open});
    open_.take(p, turn);
  }

  void take_turn(std::int32_t index, const LookAhead& ahead) {
    const std::int32_t v = order_[index];
    const std::int32_t turn = index + 1;
    switch (role_[v]) {
      case Role::kAlone:
        return alone(v, turn, ahead);
      case Role::kFirst:
        return together(v, couples_.partner[v], turn);
      case Role::kSecond:
        return;
      case Role::kNearPartner:
        return near_partner(v, turn);
    }
  }

  void alone(std::int32_t v, std::int32_t turn, const LookAhead& ahead) {
    const auto list = list_of(v);
    for (std::size_t j = ahead.list_first; j < list.size(); ++j) {
      const std::int32_t p = slot_of(list[j]);
      if (open_.remaining(p) > 0)
        return place(v, p, turn, std::int32_t(j), true);
    }
    if (list_complete(list) || !open_.any_open()) {
      misses_.push_back(missed(v, turn));
      return;
    }
    std::int32_t got = -1;
    bool search = true;
    if (ahead.searched) {
      for (const Candidate& c : ahead.best) {
        if (open_.remaining(c.id) > 0) {
          got = c.id;
          break;
        }
      }
      search = got < 0 && !ahead.complete;
    }
    if (search) {
      bool complete = false;
      open_.best(v, 1, serial_scratch_, serial_best_, complete);
      if (!serial_best_.empty()) got = serial_best_.front().id;
    }
    if (got >= 0) return place(v, got, turn, -1, true);
    misses_.push_back(missed(v, turn));
  }

  void together(std::int32_t a, std::int32_t b, std::int32_t turn) {
    const JointPick joint = placer_.place_together(a, b, serial_scratch_);
    if (joint.posting[0] >= 0) {
      place(a, joint.posting[0], turn, list_position(a, joint.posting[0]),
            false);
      place(b, joint.posting[1], turn, list_position(b, joint.posting[1]),
            false);
      return;
    }
    const std::int32_t partners[2] = {a, b};
    for (int i = 0; i < 2; ++i) {
      misses_.push_back(joint.had_options[i]
                            ? Miss{partners[i], turn,
                                   UnassignedReason::kNoJointPlacement, false}
                            : missed(partners[i], turn));
    }
  }

  void near_partner(std::int32_t v, std::int32_t turn) {
    bool had_options = false;
    const std::int32_t p = placer_.place_near(v, couples_.partner_posting[v],
                                              serial_scratch_, had_options);
    if (p >= 0) return place(v, p, turn, list_position(v, p), false);
    misses_.push_back(
        had_options ? Miss{v, turn, UnassignedReason::kNoJointPlacement, false}
                    : missed(v, turn));
  }

  const IndexedRound& ir_;
  const Shortlists& shortlists_;
  const std::int32_t k_;
  const ScoreBounds bounds_;
  const PostingClasses classes_;
  OpenPostings open_;
  CouplePlacer placer_;
  Couples couples_;
  std::vector<std::int32_t> order_;  ///< turn - 1 -> veteran slot
  std::vector<Role> role_;
  std::vector<Pick> picks_;
  std::vector<Miss> misses_;
  tbb::enumerable_thread_specific<SearchScratch> search_scratch_;
  SearchScratch serial_scratch_;
  std::vector<Candidate> serial_best_;
};

}  // namespace

PolicyOutcome points_order(const RoundConfig& config, const IndexedRound& ir,
                           const Shortlists& shortlists,
                           const ProgressFn& progress) {
  Walk walk(config, ir, shortlists);
  walk.run(progress);
  return walk.outcome(progress);
}

}  // namespace vetmatch
