#include "engine/shortlist/deeper_lists.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/candidate_list.h"
#include "engine/util/blocks.h"

namespace vetmatch {
namespace {

constexpr std::int32_t kVeteranBlock = 256;

// Row r of `rows` as the dense float row the block products use: weight /
// norm at each skill's column (indexed_round.h).
void dense_row(const IndexedRound& ir, const SparseRows& rows, std::int32_t r,
               float* out) {
  std::fill(out, out + ir.skill_columns, 0.0f);
  for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
    const std::int32_t column = ir.column_of_skill[rows.entries[e].skill];
    if (column >= 0) {
      out[column] = static_cast<float>(rows.entries[e].weight / rows.norms[r]);
    }
  }
}

// Given passes_static_rules(): the rest of the hard rules, exactly, with
// the exact distance only when the float one is near the commute limit.
bool rest_eligible(const IndexedRound& ir, const PairEstimator& est,
                   std::int32_t v, std::int32_t p) {
  const double commute = ir.veteran_commute_km[v];
  if (std::isfinite(commute)) {
    const float km = est.approx_distance_km(v, p);
    const float tolerance = PairEstimator::distance_tolerance_km(km);
    if (km - tolerance > commute) return false;
    if (km + tolerance >= commute && exact_distance_km(ir, v, p) > commute) {
      return false;
    }
  }
  if (ir.posting_cert_mask[p] != 0 &&
      !std::includes(ir.veteran_certs.begin(v), ir.veteran_certs.end(v),
                     ir.posting_certs.begin(p), ir.posting_certs.end(p))) {
    return false;
  }
  return !is_declined(ir, v, p);
}

struct ThreadLists {
  std::vector<CandidateList> lists;  ///< one per request
  FloatMatrix rows;                  ///< the block's veterans, when rebuilt
  FloatMatrix scores;                ///< block x requests
};

}  // namespace

std::vector<std::vector<Rescored>> deeper_posting_lists(
    const IndexedRound& ir, std::span<const DepthRequest> requests) {
  const std::int32_t n_requests = static_cast<std::int32_t>(requests.size());
  std::vector<std::vector<Rescored>> out(requests.size());
  if (n_requests == 0 || ir.n_veterans == 0) return out;

  const PairEstimator est(ir);
  const float tolerance = est.max_score_tolerance();
  const float margin = 2.0f * tolerance + 1e-6f;
  const std::int32_t d = ir.skill_columns;

  FloatMatrix postings(n_requests, d);
  for (std::int32_t j = 0; j < n_requests; ++j) {
    const std::int32_t p = requests[j].posting;
    if (ir.posting_matrix.rows() == ir.n_postings) {
      postings.row(j) = ir.posting_matrix.row(p);
    } else {
      dense_row(ir, ir.posting_skills, p, postings.row(j).data());
    }
  }
  const bool have_veteran_matrix = ir.veteran_matrix.rows() == ir.n_veterans;

  tbb::enumerable_thread_specific<ThreadLists> states([&] {
    ThreadLists s;
    s.lists.resize(requests.size());
    for (std::int32_t j = 0; j < n_requests; ++j) {
      const bool open = ir.posting_open[requests[j].posting] > 0;
      s.lists[j].reset(open ? requests[j].depth : 0, margin);
    }
    return s;
  });

  const std::int32_t n_blocks = block_count(ir.n_veterans, kVeteranBlock);
  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, n_blocks, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        ThreadLists& s = states.local();
        for (std::int32_t b = range.begin(); b != range.end(); ++b) {
          const BlockRange block = block_at(ir.n_veterans, kVeteranBlock, b);
          if (have_veteran_matrix) {
            s.scores.noalias() =
                ir.veteran_matrix.middleRows(block.begin, block.size()) *
                postings.transpose();
          } else {
            s.rows.resize(block.size(), d);
            for (std::int32_t i = 0; i < block.size(); ++i) {
              dense_row(ir, ir.veteran_skills, block.begin + i,
                        s.rows.row(i).data());
            }
            s.scores.noalias() = s.rows * postings.transpose();
          }
          for (std::int32_t j = 0; j < n_requests; ++j) {
            CandidateList& list = s.lists[j];
            const std::int32_t p = requests[j].posting;
            for (std::int32_t i = 0; i < block.size(); ++i) {
              const float skill = s.scores(i, j);
              // The estimate is at most this (location <= 1, preference
              // <= 1), and float rounding is monotone.
              if (!(est.upper_without_location(skill, 1.0f) >=
                    list.threshold())) {
                continue;
              }
              const std::int32_t v = block.begin + i;
              if (!passes_static_rules(ir, v, p)) continue;
              const float km = est.approx_distance_km(v, p);
              const float estimate =
                  est.approx_score(skill, km, est.preference(v, p));
              if (!(estimate >= list.threshold())) continue;
              if (!rest_eligible(ir, est, v, p)) continue;
              list.offer(estimate, v);
            }
          }
        }
      },
      tbb::simple_partitioner());

  tbb::enumerable_thread_specific<Rescorer> rescorers(
      [&] { return Rescorer(ir); });
  tbb::parallel_for(std::int32_t{0}, n_requests, [&](std::int32_t j) {
    const DepthRequest& r = requests[j];
    if (ir.posting_open[r.posting] <= 0 || r.depth <= 0) return;
    CandidateList all(r.depth, margin);
    for (const ThreadLists& s : states) {
      for (const CandidateList::Item& item : s.lists[j].items()) {
        all.offer(item.estimate, item.id);
      }
    }
    all.finish();
    out[j] = rescorers.local().top_veterans(r.posting, all.items(), r.depth);
  });
  return out;
}

}  // namespace vetmatch
