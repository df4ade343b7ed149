// Shortlists (both ways) and the points_order policy on generated rounds.
//
// District (1,000 x 500) runs by default; the city preset (265,000 x
// 10,000, Handan) is registered too but only runs when selected:
//   build/release/bench/shortlist_benchmark --benchmark_filter=city
// BM_ShortlistsK50 and BM_ShortlistsK50Bf16 take k = 50 both ways with the
// float kernel only and with the bfloat16 first pass; BM_Shortlists50km
// runs with a 50 km commute limit for everyone (geo pruning skips the
// tiles beyond it). The bf16 counter says whether the bfloat16 pass ran.
// Counters: pairs/s over all N x M pairs; GFLOP/s counted as 2 * d per
// pair actually multiplied (d = skill columns shared by both sides), so
// pruned tiles do not count; scored, hits, offers and rescored are
// ShortlistWork's counts (engine/shortlist/shortlist_builder.h).
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "datasets/generator/generator.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/policies/points_order.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/micro_kernel.h"
#include "engine/shortlist/shortlist_builder.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

constexpr std::uint64_t kSeed = 1;

// Generated once per preset and kept for all benchmarks of the run, with
// its occupation and specialty codes resolved to skill vectors as the
// reader does.
const Round& preset_round(Preset preset) {
  static std::map<Preset, std::unique_ptr<Round>> cache;
  auto& slot = cache[preset];
  if (!slot) {
    slot = std::make_unique<Round>(generate_round({preset, kSeed}));
    for (const ValidationIssue& issue :
         resolve_skills(*slot, bundled_skill_space())) {
      if (!issue.warning)
        throw std::logic_error("generated round: " + issue.found);
    }
  }
  return *slot;
}

void set_counters(benchmark::State& state, const IndexedRound& ir,
                  double scored_pairs = -1.0) {
  const double pairs = double(ir.n_veterans) * double(ir.n_postings);
  if (scored_pairs < 0) scored_pairs = pairs;
  state.counters["veterans"] = ir.n_veterans;
  state.counters["postings"] = ir.n_postings;
  state.counters["d"] = double(ir.veteran_matrix.cols());
  state.counters["pairs/s"] = benchmark::Counter(pairs * state.iterations(),
                                                 benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] = benchmark::Counter(
      2e-9 * scored_pairs * double(ir.veteran_matrix.cols()) *
          state.iterations(),
      benchmark::Counter::kIsRate);
}

// k = 0: the round's config; bf16 unset: build_shortlists' default.
void run_shortlists(benchmark::State& state, const Round& round, int k = 0,
                    std::optional<bool> bf16 = std::nullopt) {
  const IndexedRound ir = index_round(round);
  std::size_t entries = 0;
  ShortlistWork work;
  ShortlistOptions options;
  options.veteran_k = k > 0 ? k : round.config.veteran_shortlist_k;
  options.posting_k = k > 0 ? k : round.config.posting_shortlist_k;
  options.work = &work;
  if (bf16) options.bf16_first_pass = *bf16;
  for (auto _ : state) {
    const Shortlists s = build_shortlists(ir, options);
    entries = s.veteran_entries.size() + s.posting_entries.size();
    benchmark::DoNotOptimize(entries);
  }
  // A generated round always has eligible pairs.
  if (entries == 0) state.SkipWithError("no shortlist entries");
  set_counters(state, ir, double(work.pairs_scored));
  state.counters["scored"] = double(work.pairs_scored);
  state.counters["bf16"] =
      options.bf16_first_pass && micro_kernel_has_bf16() ? 1 : 0;
  state.counters["hits"] = double(work.kernel_hits);
  state.counters["offers"] = double(work.offers);
  state.counters["rescored"] = double(work.rescored);
}

void BM_Shortlists(benchmark::State& state, Preset preset) {
  run_shortlists(state, preset_round(preset));
}

// k = 50 both ways, as the peer comparison (bench/peer_comparison) runs,
// with the float kernel only.
void BM_ShortlistsK50(benchmark::State& state, Preset preset) {
  run_shortlists(state, preset_round(preset), 50, false);
}

// The same with the bfloat16 first pass (exact all the same).
void BM_ShortlistsK50Bf16(benchmark::State& state, Preset preset) {
  run_shortlists(state, preset_round(preset), 50, true);
}

void BM_Shortlists50km(benchmark::State& state, Preset preset) {
  Round round = preset_round(preset);
  round.config.max_commute_km = 50.0;
  for (Veteran& v : round.veterans) v.max_commute_km.reset();
  run_shortlists(state, round);
}

void BM_PointsOrder(benchmark::State& state, Preset preset) {
  const Round& round = preset_round(preset);
  const IndexedRound ir = index_round(round);
  std::size_t assigned = 0;
  for (auto _ : state) {
    const PolicyOutcome outcome = points_order(ir);
    assigned = outcome.assignments.size();
    benchmark::DoNotOptimize(assigned);
  }
  if (assigned == 0) state.SkipWithError("nobody assigned");
  state.counters["assigned"] = double(assigned);
  set_counters(state, ir);
}

void BM_IndexRound(benchmark::State& state, Preset preset) {
  const Round& round = preset_round(preset);
  for (auto _ : state) {
    const IndexedRound ir = index_round(round);
    benchmark::DoNotOptimize(ir.n_veterans);
  }
}

BENCHMARK_CAPTURE(BM_IndexRound, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Shortlists, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PointsOrder, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_IndexRound, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Shortlists, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ShortlistsK50, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ShortlistsK50Bf16, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Shortlists50km, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_PointsOrder, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace vetmatch

BENCHMARK_MAIN();
