#include "engine/policies/points_order.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
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

// A chunk veteran's eligible postings (at the start of the round), sorted by
// estimate descending, plus the same postings sorted by slot for lookups.
struct EligibleList {
  std::vector<Estimate> by_estimate;
  std::vector<std::int32_t> by_posting;
  std::int32_t open_at_chunk_start = 0;
};

// Finds, for veterans turn_order[first .. first + count), every eligible
// posting and its estimate. Reads `remaining` (unchanged during the call).
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
            rows.row(i) = ir.veteran_matrix.row(turn_order[first + sub.begin + i]);
          }
          for (std::int32_t i = sub.begin; i < sub.end; ++i) {
            lists[i].by_estimate.clear();
          }
          for (std::int32_t pblock = 0;
               pblock < block_count(ir.n_postings, kPostingBlock); ++pblock) {
            const BlockRange pb = block_at(ir.n_postings, kPostingBlock, pblock);
            scores.noalias() =
                rows * ir.posting_matrix.middleRows(pb.begin, pb.size()).transpose();
            for (std::int32_t i = 0; i < sub.size(); ++i) {
              const std::int32_t v = turn_order[first + sub.begin + i];
              EligibleList& list = lists[sub.begin + i];
              const double commute = ir.veteran_commute_km[v];
              for (std::int32_t p = pb.begin; p < pb.end; ++p) {
                if (ir.posting_open[p] <= 0 || !passes_static_rules(ir, v, p)) {
                  continue;
                }
                const float km = est.approx_distance_km(v, p);
                const float km_tolerance = PairEstimator::distance_tolerance_km(km);
                if (km - km_tolerance > commute) continue;
                if (km + km_tolerance >= commute || !ir.declined.empty() ||
                    ir.posting_cert_mask[p] != 0) {
                  if (exact_eligibility(ir, v, p, exact_distance_km(ir, v, p)) !=
                      Ineligibility::kEligible) {
                    continue;
                  }
                }
                const float skill =
                    scores(i, p - pb.begin);
                list.by_estimate.push_back(
                    {est.approx_score(skill, km, est.preference(v, p)),
                     est.score_tolerance(km), p});
              }
            }
          }
          for (std::int32_t i = sub.begin; i < sub.end; ++i) {
            EligibleList& list = lists[i];
            std::sort(list.by_estimate.begin(), list.by_estimate.end(),
                      [](const Estimate& a, const Estimate& b) {
                        return a.approx > b.approx ||
                               (a.approx == b.approx && a.posting < b.posting);
                      });
            list.by_posting.resize(list.by_estimate.size());
            list.open_at_chunk_start = 0;
            for (std::size_t e = 0; e < list.by_estimate.size(); ++e) {
              const std::int32_t p = list.by_estimate[e].posting;
              list.by_posting[e] = p;
              if (remaining[p] > 0) ++list.open_at_chunk_start;
            }
            std::sort(list.by_posting.begin(), list.by_posting.end());
          }
        }
      },
      tbb::simple_partitioner());
}

double exact_pair_score(const IndexedRound& ir, std::int32_t v, std::int32_t p) {
  return exact_score(ir, v, p, exact_distance_km(ir, v, p)).score;
}

// The best open posting in `list` for veteran v. Exact scores only for open
// postings whose estimate could still beat the best exact score so far.
Candidate best_open(const IndexedRound& ir, std::int32_t v,
                    const EligibleList& list,
                    const std::vector<Openings>& remaining, float max_tolerance) {
  Candidate best{0.0, -1};
  for (const Estimate& e : list.by_estimate) {
    if (best.id >= 0 && e.approx + max_tolerance < best.score) break;
    if (remaining[e.posting] <= 0) continue;
    if (best.id >= 0 && e.approx + e.tolerance < best.score) continue;
    const Candidate c{exact_pair_score(ir, v, e.posting), e.posting};
    if (best.id < 0 || ranks_before(c, best)) best = c;
  }
  return best;
}

// 1 + the number of postings in `list` that rank before `pick`.
std::int32_t rank_of(const IndexedRound& ir, std::int32_t v,
                     const EligibleList& list, const Candidate& pick,
                     float max_tolerance) {
  const auto& es = list.by_estimate;
  // Estimates above pick + max_tolerance are before it for certain.
  const float high = static_cast<float>(pick.score) + max_tolerance;
  const float low = static_cast<float>(pick.score) - max_tolerance;
  auto window = std::partition_point(
      es.begin(), es.end(), [&](const Estimate& e) { return e.approx > high; });
  std::int32_t before = static_cast<std::int32_t>(window - es.begin());
  for (auto it = window; it != es.end() && it->approx >= low; ++it) {
    if (it->posting == pick.id) continue;
    if (it->approx - it->tolerance > pick.score) {
      ++before;
    } else if (it->approx + it->tolerance >= pick.score) {
      const Candidate c{exact_pair_score(ir, v, it->posting), it->posting};
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
  std::sort(turn_order.begin(), turn_order.end(), [&](std::int32_t a, std::int32_t b) {
    const Points pa = round.veterans[ir.veteran_of[a]].points;
    const Points pb = round.veterans[ir.veteran_of[b]].points;
    return pa > pb || (pa == pb && a < b);
  });

  std::vector<Openings> remaining = ir.posting_open;
  // Chunks keep the estimate lists at a few tens of MB whatever M is.
  const std::int32_t chunk = std::clamp<std::int32_t>(
      (std::int32_t{1} << 21) / std::max<std::int32_t>(1, ir.n_postings), 32, 1024);
  std::vector<EligibleList> lists(chunk);
  std::vector<std::int32_t> closed_in_chunk;

  PolicyOutcome out;
  for (std::int32_t first = 0; first < ir.n_veterans; first += chunk) {
    const std::int32_t count = std::min(chunk, ir.n_veterans - first);
    collect_eligible(ir, est, turn_order, first, count, remaining, lists);
    closed_in_chunk.clear();
    for (std::int32_t i = 0; i < count; ++i) {
      const std::int32_t v = turn_order[first + i];
      const std::int32_t turn = first + i + 1;
      const EligibleList& list = lists[i];
      if (list.by_estimate.empty()) {
        out.unassigned.push_back(
            {ir.veteran_of[v], UnassignedReason::kNoEligiblePosting, turn});
        continue;
      }
      std::int32_t open = list.open_at_chunk_start;
      for (std::int32_t q : closed_in_chunk) {
        if (std::binary_search(list.by_posting.begin(), list.by_posting.end(), q)) {
          --open;
        }
      }
      if (open == 0) {
        out.unassigned.push_back(
            {ir.veteran_of[v], UnassignedReason::kEligiblePostingsFull, turn});
        continue;
      }
      const Candidate pick = best_open(ir, v, list, remaining, max_tolerance);
      Assignment a;
      a.veteran = ir.veteran_of[v];
      a.posting = ir.posting_of[pick.id];
      a.score = exact_score(ir, v, pick.id, exact_distance_km(ir, v, pick.id));
      a.turn = turn;
      a.rank = rank_of(ir, v, list, pick, max_tolerance);
      a.open_postings = open;
      out.assignments.push_back(a);
      if (--remaining[pick.id] == 0) closed_in_chunk.push_back(pick.id);
    }
    if (progress) progress("policy", double(first + count) / ir.n_veterans);
  }

  std::sort(out.unassigned.begin(), out.unassigned.end(),
            [&](const Unassigned& a, const Unassigned& b) {
              return ir.veteran_slot[a.veteran] < ir.veteran_slot[b.veteran];
            });
  return out;
}

}  // namespace vetmatch
