#include "engine/policies/points_order.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/top_k.h"
#include "engine/util/blocks.h"

namespace vetmatch {
namespace {

constexpr std::int32_t kSubBlock = 16;       // veterans per parallel task
constexpr std::int32_t kPostingBlock = 512;  // postings per float product

// One posting eligible for a veteran, with its float estimate and bound.
struct Estimate {
  float approx;
  float tolerance;
  std::int32_t posting;
};

// How many of a veteran's open postings are sorted up front: the pick is
// nearly always among the first few.
constexpr std::size_t kSortedPrefix = 32;

bool by_estimate(const Estimate& a, const Estimate& b) {
  return a.approx > b.approx || (a.approx == b.approx && a.posting < b.posting);
}

// A chunk veteran's eligible postings still open at the chunk's start,
// sorted by estimate descending up to `sorted` entries, and whether any
// posting at all was eligible at the start of the round.
struct EligibleList {
  bool any_eligible = false;
  std::vector<Estimate> open;
  std::size_t sorted = 0;

  // Makes sure open[0 .. n) is sorted.
  void sort_prefix(std::size_t n) {
    n = std::min(n, open.size());
    if (n <= sorted) return;
    std::partial_sort(open.begin() + sorted, open.begin() + n, open.end(),
                      by_estimate);
    sorted = n;
  }
};

// Given passes_static_rules(), the rest of the hard rules (exact
// certificates, commute, declined), with the exact distance only near the
// commute limit.
bool commute_and_rest_eligible(const IndexedRound& ir, std::int32_t v,
                               std::int32_t p, float km) {
  const double commute = ir.veteran_commute_km[v];
  const float km_tolerance = PairEstimator::distance_tolerance_km(km);
  if (km - km_tolerance > commute) return false;
  if (km + km_tolerance >= commute || !ir.declined.empty() ||
      ir.posting_cert_mask[p] != 0) {
    return exact_eligibility(ir, v, p, exact_distance_km(ir, v, p)) ==
           Ineligibility::kEligible;
  }
  return true;
}

// Finds, for veterans turn_order[first .. first + count), every eligible
// posting still open and its estimate, and whether any posting was eligible
// at all. Reads `remaining` (unchanged during the call).
void collect_eligible(const IndexedRound& ir, const PairEstimator& est,
                      const std::vector<std::int32_t>& turn_order,
                      std::int32_t first, std::int32_t count,
                      const std::vector<Openings>& remaining,
                      std::vector<EligibleList>& lists) {
  const std::int32_t n_sub = block_count(count, kSubBlock);
  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, n_sub, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        FloatMatrix rows, scores;
        for (std::int32_t sb = range.begin(); sb != range.end(); ++sb) {
          const BlockRange sub = block_at(count, kSubBlock, sb);
          rows.resize(sub.size(), ir.veteran_matrix.cols());
          for (std::int32_t i = 0; i < sub.size(); ++i) {
            rows.row(i) =
                ir.veteran_matrix.row(turn_order[first + sub.begin + i]);
          }
          for (std::int32_t i = sub.begin; i < sub.end; ++i) {
            lists[i].any_eligible = false;
            lists[i].open.clear();
            lists[i].sorted = 0;
          }
          for (std::int32_t pblock = 0;
               pblock < block_count(ir.n_postings, kPostingBlock); ++pblock) {
            const BlockRange pb =
                block_at(ir.n_postings, kPostingBlock, pblock);
            const bool block_has_opening = std::any_of(
                remaining.begin() + pb.begin, remaining.begin() + pb.end,
                [](Openings r) { return r > 0; });
            if (block_has_opening) {
              scores.noalias() =
                  rows *
                  ir.posting_matrix.middleRows(pb.begin, pb.size()).transpose();
            }
            for (std::int32_t i = 0; i < sub.size(); ++i) {
              const std::int32_t v = turn_order[first + sub.begin + i];
              EligibleList& list = lists[sub.begin + i];
              if (!block_has_opening && list.any_eligible) continue;
              for (std::int32_t p = pb.begin; p < pb.end; ++p) {
                const bool open = remaining[p] > 0;
                if (!open && list.any_eligible) continue;
                if (ir.posting_open[p] <= 0 || !passes_static_rules(ir, v, p)) {
                  continue;
                }
                const float km = est.approx_distance_km(v, p);
                if (!commute_and_rest_eligible(ir, v, p, km)) continue;
                list.any_eligible = true;
                if (open) {
                  list.open.push_back(
                      {est.approx_score(scores(i, p - pb.begin), km,
                                        est.preference(v, p)),
                       est.score_tolerance(km), p});
                }
              }
            }
          }
          for (std::int32_t i = sub.begin; i < sub.end; ++i) {
            lists[i].sort_prefix(kSortedPrefix);
          }
        }
      },
      tbb::simple_partitioner());
}

double exact_pair_score(const IndexedRound& ir, std::int32_t v,
                        std::int32_t p) {
  return exact_score(ir, v, p, exact_distance_km(ir, v, p)).score;
}

// The best posting in `list.open` that still has an opening, or id -1.
// Exact scores only for postings whose estimate could still beat the best
// exact score so far.
Candidate best_open(const IndexedRound& ir, std::int32_t v, EligibleList& list,
                    const std::vector<Openings>& remaining,
                    float max_tolerance) {
  Candidate best{0.0, -1};
  for (std::size_t i = 0; i < list.open.size(); ++i) {
    if (i == list.sorted) list.sort_prefix(2 * list.sorted + kSortedPrefix);
    const Estimate& e = list.open[i];
    if (best.id >= 0 && e.approx + max_tolerance < best.score) break;
    if (remaining[e.posting] <= 0) continue;
    if (best.id >= 0 && e.approx + e.tolerance < best.score) continue;
    const Candidate c{exact_pair_score(ir, v, e.posting), e.posting};
    if (best.id < 0 || ranks_before(c, best)) best = c;
  }
  return best;
}

// 1 + the number of postings eligible for v at the start of the round that
// rank before `pick`: one float matrix-vector product, exact scores only
// within the error bound of the pick's.
std::int32_t rank_of(const IndexedRound& ir, const PairEstimator& est,
                     std::int32_t v, const Candidate& pick) {
  const Eigen::VectorXf skills =
      ir.posting_matrix * ir.veteran_matrix.row(v).transpose();
  std::int32_t before = 0;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (p == pick.id || ir.posting_open[p] <= 0 ||
        !passes_static_rules(ir, v, p)) {
      continue;
    }
    const float km = est.approx_distance_km(v, p);
    const float approx = est.approx_score(skills[p], km, est.preference(v, p));
    const float tolerance = est.score_tolerance(km);
    if (approx + tolerance < pick.score) continue;  // after the pick
    if (!commute_and_rest_eligible(ir, v, p, km)) continue;
    if (approx - tolerance > pick.score) {
      ++before;
    } else {
      const Candidate c{exact_pair_score(ir, v, p), p};
      if (ranks_before(c, pick)) ++before;
    }
  }
  return before + 1;
}

}  // namespace

PolicyOutcome points_order(const IndexedRound& ir, const ProgressFn& progress) {
  const Round& round = *ir.round;
  const PairEstimator est(ir);
  // A float rounding of the pick's score moves it by < 1e-7: widen by that.
  const float max_tolerance = est.max_score_tolerance() + 1e-6f;

  std::vector<std::int32_t> turn_order(ir.n_veterans);
  std::iota(turn_order.begin(), turn_order.end(), 0);
  std::sort(turn_order.begin(), turn_order.end(),
            [&](std::int32_t a, std::int32_t b) {
              const Points pa = round.veterans[ir.veteran_of[a]].points;
              const Points pb = round.veterans[ir.veteran_of[b]].points;
              return pa > pb || (pa == pb && a < b);
            });

  std::vector<Openings> remaining = ir.posting_open;
  // The turn at which a posting's last opening went, in the current chunk.
  constexpr std::int32_t kStillOpen = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> closed_at_turn(ir.n_postings, kStillOpen);
  // Chunks keep the estimate lists at a few tens of MB whatever M is.
  const std::int32_t chunk = std::clamp<std::int32_t>(
      (std::int32_t{1} << 21) / std::max<std::int32_t>(1, ir.n_postings), 32,
      1024);
  std::vector<EligibleList> lists(chunk);
  std::vector<Candidate> picks(chunk);

  PolicyOutcome out;
  for (std::int32_t first = 0; first < ir.n_veterans; first += chunk) {
    const std::int32_t count = std::min(chunk, ir.n_veterans - first);
    collect_eligible(ir, est, turn_order, first, count, remaining, lists);

    // Serial: the turns themselves.
    for (std::int32_t i = 0; i < count; ++i) {
      picks[i] = best_open(ir, turn_order[first + i], lists[i], remaining,
                           max_tolerance);
      if (picks[i].id >= 0 && --remaining[picks[i].id] == 0) {
        closed_at_turn[picks[i].id] = first + i + 1;
      }
    }

    // Parallel: what each turn records (rank, postings still open).
    const std::size_t assigned_before = out.assignments.size();
    for (std::int32_t i = 0; i < count; ++i) {
      const std::int32_t v = turn_order[first + i];
      const std::int32_t turn = first + i + 1;
      if (picks[i].id >= 0) {
        Assignment a;
        a.veteran = ir.veteran_of[v];
        a.posting = ir.posting_of[picks[i].id];
        a.turn = turn;
        out.assignments.push_back(a);
      } else {
        Unassigned u;
        u.veteran = ir.veteran_of[v];
        u.reason = !lists[i].any_eligible
                       ? UnassignedReason::kNoEligiblePosting
                       : UnassignedReason::kEligiblePostingsFull;
        u.turn = turn;
        out.unassigned.push_back(u);
      }
    }
    tbb::parallel_for(std::size_t{assigned_before}, out.assignments.size(),
                      [&](std::size_t k) {
                        Assignment& a = out.assignments[k];
                        const std::int32_t i = a.turn - 1 - first;
                        const std::int32_t v = turn_order[first + i];
                        const Candidate& pick = picks[i];
                        a.score = exact_score(
                            ir, v, pick.id, exact_distance_km(ir, v, pick.id));
                        a.rank = rank_of(ir, est, v, pick);
                        std::int32_t open = 0;
                        for (const Estimate& e : lists[i].open) {
                          if (closed_at_turn[e.posting] >= a.turn) ++open;
                        }
                        a.open_postings = open;
                      });
    if (progress) progress("policy", double(first + count) / ir.n_veterans);
  }

  std::sort(out.unassigned.begin(), out.unassigned.end(),
            [&](const Unassigned& a, const Unassigned& b) {
              return ir.veteran_slot[a.veteran] < ir.veteran_slot[b.veteran];
            });
  return out;
}

}  // namespace vetmatch
