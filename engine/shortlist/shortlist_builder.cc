#include "engine/shortlist/shortlist_builder.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <thread>

#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/top_k.h"
#include "engine/util/blocks.h"

namespace vetmatch {
namespace {

// 128 veterans x 512 postings of float scores is 256 KiB: the block stays in
// L2 while the rules and bounds run over it.
constexpr std::int32_t kVeteranBlock = 128;
constexpr std::int32_t kPostingBlock = 512;

struct ThreadState {
  std::vector<TopK> posting_top;  ///< one per posting slot
  FloatMatrix scores;
};

// Scores one veteran block against every posting block, offering each pair
// that may still enter a list to the veteran's and the posting's top-k.
void scan_veteran_block(const IndexedRound& ir, const PairEstimator& est,
                        BlockRange vb, std::vector<TopK>& veteran_top,
                        ThreadState& state) {
  const float skill_eps = est.skill_eps();
  for (std::int32_t pblock = 0;
       pblock < block_count(ir.n_postings, kPostingBlock); ++pblock) {
    const BlockRange pb = block_at(ir.n_postings, kPostingBlock, pblock);
    state.scores.noalias() =
        ir.veteran_matrix.middleRows(vb.begin, vb.size()) *
        ir.posting_matrix.middleRows(pb.begin, pb.size()).transpose();
    for (std::int32_t v = vb.begin; v < vb.end; ++v) {
      TopK& vtop = veteran_top[v - vb.begin];
      const float* row = state.scores.data() +
                         static_cast<std::size_t>(v - vb.begin) * pb.size();
      const double commute = ir.veteran_commute_km[v];
      for (std::int32_t p = pb.begin; p < pb.end; ++p) {
        if (ir.posting_open[p] <= 0 || !passes_static_rules(ir, v, p)) continue;
        TopK& ptop = state.posting_top[p];
        const double threshold = std::min(vtop.threshold(), ptop.threshold());
        const float skill = row[p - pb.begin];
        const float preference = est.preference(v, p);
        if (est.upper_without_location(skill + skill_eps, preference) + 1e-6f <
            threshold) {
          continue;
        }
        const float km = est.approx_distance_km(v, p);
        if (km - PairEstimator::distance_tolerance_km(km) > commute) continue;
        if (est.approx_score(skill, km, preference) + est.score_tolerance(km) <
            threshold) {
          continue;
        }
        const double exact_km = exact_distance_km(ir, v, p);
        if (exact_eligibility(ir, v, p, exact_km) != Ineligibility::kEligible) {
          continue;
        }
        const double score = exact_score(ir, v, p, exact_km).score;
        vtop.offer({score, p});
        ptop.offer({score, v});
      }
    }
  }
}

ShortlistEntry entry_for(const IndexedRound& ir, std::int32_t v, std::int32_t p,
                         std::int32_t other_round_index) {
  return {other_round_index,
          exact_score(ir, v, p, exact_distance_km(ir, v, p))};
}

}  // namespace

Shortlists build_shortlists(const IndexedRound& ir, int veteran_k,
                            int posting_k, const ProgressFn& progress) {
  ShortlistOptions options;
  options.veteran_k = veteran_k;
  options.posting_k = posting_k;
  return build_shortlists(ir, options, progress);
}

Shortlists build_shortlists(const IndexedRound& ir,
                            const ShortlistOptions& options,
                            const ProgressFn& progress) {
  const int veteran_k = options.veteran_k;
  const int posting_k = options.posting_k;
  const PairEstimator est(ir);
  const std::int32_t n_blocks = block_count(ir.n_veterans, kVeteranBlock);
  std::vector<std::vector<Candidate>> veteran_lists(ir.n_veterans);
  tbb::enumerable_thread_specific<ThreadState> states([&] {
    ThreadState s;
    s.posting_top.assign(ir.n_postings, TopK(posting_k));
    return s;
  });

  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<std::int32_t> done{0};
  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, n_blocks, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        ThreadState& state = states.local();
        for (std::int32_t b = range.begin(); b != range.end(); ++b) {
          const BlockRange vb = block_at(ir.n_veterans, kVeteranBlock, b);
          std::vector<TopK> veteran_top(vb.size(), TopK(veteran_k));
          scan_veteran_block(ir, est, vb, veteran_top, state);
          for (std::int32_t v = vb.begin; v < vb.end; ++v) {
            veteran_lists[v] = veteran_top[v - vb.begin].take_sorted();
          }
          const std::int32_t finished = ++done;
          if (progress && std::this_thread::get_id() == caller) {
            progress("shortlists", double(finished) / n_blocks);
          }
        }
      },
      tbb::simple_partitioner());

  // Merge the per-thread posting lists. The rule is a strict total order, so
  // the k best of the union do not depend on how pairs were split.
  std::vector<std::vector<Candidate>> posting_lists(ir.n_postings);
  tbb::parallel_for(std::int32_t{0}, ir.n_postings, [&](std::int32_t p) {
    std::vector<Candidate> all;
    for (const ThreadState& s : states) {
      const auto& part = s.posting_top[p].unordered();
      all.insert(all.end(), part.begin(), part.end());
    }
    const std::size_t keep = std::min<std::size_t>(all.size(), posting_k);
    std::partial_sort(all.begin(), all.begin() + keep, all.end(), ranks_before);
    all.resize(keep);
    posting_lists[p] = std::move(all);
  });

  // Lay both sides out in Round index space with their components.
  const Round& round = *ir.round;
  Shortlists out;
  out.veteran_offsets.assign(round.veterans.size() + 1, 0);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    out.veteran_offsets[ir.veteran_of[v] + 1] = veteran_lists[v].size();
  }
  for (std::size_t i = 0; i < round.veterans.size(); ++i) {
    out.veteran_offsets[i + 1] += out.veteran_offsets[i];
  }
  out.veteran_entries.resize(out.veteran_offsets.back());
  tbb::parallel_for(std::int32_t{0}, ir.n_veterans, [&](std::int32_t v) {
    std::size_t at = out.veteran_offsets[ir.veteran_of[v]];
    for (const Candidate& c : veteran_lists[v]) {
      out.veteran_entries[at++] = entry_for(ir, v, c.id, ir.posting_of[c.id]);
    }
  });

  out.posting_offsets.assign(round.postings.size() + 1, 0);
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    out.posting_offsets[ir.posting_of[p] + 1] = posting_lists[p].size();
  }
  for (std::size_t i = 0; i < round.postings.size(); ++i) {
    out.posting_offsets[i + 1] += out.posting_offsets[i];
  }
  out.posting_entries.resize(out.posting_offsets.back());
  tbb::parallel_for(std::int32_t{0}, ir.n_postings, [&](std::int32_t p) {
    std::size_t at = out.posting_offsets[ir.posting_of[p]];
    for (const Candidate& c : posting_lists[p]) {
      out.posting_entries[at++] = entry_for(ir, c.id, p, ir.veteran_of[c.id]);
    }
  });
  if (progress) progress("shortlists", 1.0);
  return out;
}

}  // namespace vetmatch
