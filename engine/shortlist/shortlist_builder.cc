#include "engine/shortlist/shortlist_builder.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/shortlist/fused_scan.h"
#include "engine/shortlist/kernel_choice.h"
#include "engine/shortlist/rescore.h"

namespace vetmatch {
namespace {

// Lays lists kept by slot out in Round index space.
void lay_out(const std::vector<std::vector<Rescored>>& by_slot,
             const std::vector<std::int32_t>& round_index_of_slot,
             const std::vector<std::int32_t>& other_round_index,
             std::size_t round_size, std::vector<std::size_t>& offsets,
             ShortlistEntries& entries) {
  offsets.assign(round_size + 1, 0);
  for (std::size_t s = 0; s < by_slot.size(); ++s) {
    offsets[round_index_of_slot[s] + 1] = by_slot[s].size();
  }
  for (std::size_t i = 0; i < round_size; ++i) offsets[i + 1] += offsets[i];
  entries.resize(offsets.back());
  tbb::parallel_for(std::size_t{0}, by_slot.size(), [&](std::size_t s) {
    std::size_t at = offsets[round_index_of_slot[s]];
    for (const Rescored& r : by_slot[s]) {
      entries[at++] = {other_round_index[r.slot], r.score};
    }
  });
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
  if (!options.posting_k_each.empty() &&
      options.posting_k_each.size() != std::size_t(ir.n_postings)) {
    throw std::invalid_argument(
        "build_shortlists: posting_k_each needs one entry per posting");
  }
  const ScanPlan plan(ir, options.veteran_k, options.posting_k,
                      options.geo_pruning, options.portable_kernel,
                      options.bf16_first_pass.value_or(bf16_pass_pays_off()),
                      options.posting_k_each);
  tbb::enumerable_thread_specific<ScanThreadState> states(
      [&] { return ScanThreadState(plan); });
  tbb::enumerable_thread_specific<Rescorer> rescorers(
      [&] { return Rescorer(ir); });

  // Veterans: each block's lists are final when its scan ends and go
  // straight to the output, veteran i (Round index) at [i * k, i * k + n_i),
  // closed up at the end: no second copy of the largest output.
  const std::size_t round_veterans = ir.veteran_slot.size();
  const std::size_t veteran_k = static_cast<std::size_t>(options.veteran_k);
  Shortlists out;
  // Unwritten until the scan fills it (ShortlistEntries), on huge pages
  // where the system has them: no serial pass over the largest output.
  out.veteran_entries.resize(round_veterans * veteran_k);
  advise_huge_pages(out.veteran_entries.data(),
                    out.veteran_entries.size() * sizeof(ShortlistEntry));
  std::vector<std::int32_t> veteran_count(round_veterans, 0);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<std::int32_t> done{0};
  std::atomic<std::int64_t> rescored{0};
  // The highest posting-list thresholds any thread has reached, shared
  // after each block (share_posting_thresholds()).
  std::vector<float> shared_posting_threshold(
      plan.posting_order.size(), -std::numeric_limits<float>::infinity());
  std::mutex shared_mutex;
  tbb::parallel_for(
      tbb::blocked_range<std::int32_t>(0, plan.block_count, 1),
      [&](const tbb::blocked_range<std::int32_t>& range) {
        ScanThreadState& state = states.local();
        Rescorer& rescorer = rescorers.local();
        std::vector<CandidateList> lists;
        for (std::int32_t b = range.begin(); b != range.end(); ++b) {
          scan_block(plan, b, state, lists);
          {
            const std::lock_guard<std::mutex> lock(shared_mutex);
            share_posting_thresholds(state, shared_posting_threshold);
          }
          const std::int32_t first = b * kBlockVeterans;
          std::int64_t items = 0;
          for (std::size_t i = 0; i < lists.size(); ++i) {
            const std::int32_t v = plan.veteran_order[first + i];
            lists[i].finish();
            items += lists[i].items().size();
            const std::vector<Rescored> top =
                rescorer.top_postings(v, lists[i].items(), options.veteran_k);
            const std::size_t row = ir.veteran_of[v];
            for (std::size_t j = 0; j < top.size(); ++j) {
              out.veteran_entries[row * veteran_k + j] = {
                  ir.posting_of[top[j].slot], top[j].score};
            }
            veteran_count[row] = static_cast<std::int32_t>(top.size());
          }
          rescored += items;
          const std::int32_t finished = ++done;
          if (progress && std::this_thread::get_id() == caller) {
            progress("shortlists", double(finished) / plan.block_count);
          }
        }
      },
      tbb::simple_partitioner());

  // Postings: the union of every thread's candidates, rescored.
  std::vector<std::vector<Rescored>> posting_lists(ir.n_postings);
  tbb::parallel_for(
      std::size_t{0}, plan.posting_order.size(), [&](std::size_t position) {
        const std::int32_t p = plan.posting_order[position];
        if (p < 0) return;
        // The union of the threads' lists, cut by its own k-th estimate.
        const int k = plan.posting_k_of(p);
        CandidateList all(k, plan.margin);
        for (const ScanThreadState& s : states) {
          for (const CandidateList::Item& item :
               s.posting_lists[position].items()) {
            all.offer(item.estimate, item.id);
          }
        }
        all.finish();
        rescored += all.items().size();
        posting_lists[p] = rescorers.local().top_veterans(p, all.items(), k);
      });
  if (options.work) {
    ShortlistWork& work = *options.work;
    work = {};
    work.tiles = std::int64_t((ir.n_veterans + kGroupRows - 1) / kGroupRows) *
                 plan.panel_count;
    work.skill_columns = plan.depth;
    for (const ScanThreadState& s : states) {
      work.pairs_scored += s.pairs_scored;
      work.kernel_hits += s.kernel_hits;
      work.offers += s.offers;
      work.tiles_pruned -= s.tiles_scored;
    }
    work.tiles_pruned += work.tiles;
    work.rescored = rescored.load();
  }
  states.clear();

  out.veteran_offsets.assign(round_veterans + 1, 0);
  for (std::size_t i = 0; i < round_veterans; ++i) {
    const std::size_t at = out.veteran_offsets[i];
    out.veteran_offsets[i + 1] = at + veteran_count[i];
    // Moving left, in Round index order: a source is never overwritten
    // before it is moved.
    if (at != i * veteran_k) {
      std::copy_n(out.veteran_entries.begin() + i * veteran_k, veteran_count[i],
                  out.veteran_entries.begin() + at);
    }
  }
  out.veteran_entries.resize(out.veteran_offsets.back());
  lay_out(posting_lists, ir.posting_of, ir.veteran_of, ir.posting_slot.size(),
          out.posting_offsets, out.posting_entries);
  out.veteran_depth = options.veteran_k;
  out.posting_depth.resize(ir.posting_slot.size());
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    out.posting_depth[ir.posting_of[p]] = plan.posting_k_of(p);
  }
  if (progress) progress("shortlists", 1.0);
  return out;
}

}  // namespace vetmatch
