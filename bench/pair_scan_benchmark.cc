// pairs_at_or_above() (engine/shortlist/pair_scan.h) on generated rounds:
// the pass behind optimality certificates, blocking-pair counts and
// deepened candidate lists.
//
// Floors as a blocking-pair count or a certificate sets them: each
// veteran's floor is the score of the 10th posting on their shortlist,
// each posting's the score of the 20th veteran on its list (-infinity
// where a list is shorter). District runs by default; the city preset
// (265,000 x 10,000) only when selected:
//   build/release/bench/pair_scan_benchmark --benchmark_filter=city
// Counters: pairs returned; GFLOP/s counted as 2 * d over all N x M pairs
// (geo pruning skips none here: no commute limit in the presets' config).
#include <benchmark/benchmark.h>

#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "datasets/generator/generator.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/pair_scan.h"
#include "engine/shortlist/shortlist_builder.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

struct Prepared {
  Round round;
  IndexedRound ir;
  std::vector<double> veteran_floor;
  std::vector<double> posting_floor;
};

const Prepared& prepared(Preset preset) {
  static std::map<Preset, std::unique_ptr<Prepared>> cache;
  auto& slot = cache[preset];
  if (!slot) {
    slot = std::make_unique<Prepared>();
    slot->round = generate_round({preset, 1});
    for (const ValidationIssue& issue :
         resolve_skills(slot->round, bundled_skill_space())) {
      if (!issue.warning) throw std::logic_error("generated: " + issue.found);
    }
    slot->ir = index_round(slot->round);
    const IndexedRound& ir = slot->ir;
    const Shortlists s = build_shortlists(ir, 10, 20);
    constexpr double kNone = -std::numeric_limits<double>::infinity();
    slot->veteran_floor.assign(ir.n_veterans, kNone);
    slot->posting_floor.assign(ir.n_postings, kNone);
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      const auto list = s.of_veteran(ir.veteran_of[v]);
      if (list.size() == 10) slot->veteran_floor[v] = list.back().score.score;
    }
    for (std::int32_t p = 0; p < ir.n_postings; ++p) {
      const auto list = s.of_posting(ir.posting_of[p]);
      if (list.size() == 20) slot->posting_floor[p] = list.back().score.score;
    }
  }
  return *slot;
}

void BM_PairScan(benchmark::State& state, Preset preset) {
  const Prepared& in = prepared(preset);
  std::size_t returned = 0;
  for (auto _ : state) {
    const std::vector<ScoredPair> pairs =
        pairs_at_or_above(in.ir, in.veteran_floor, in.posting_floor);
    returned = pairs.size();
    benchmark::DoNotOptimize(returned);
  }
  const double pairs = double(in.ir.n_veterans) * in.ir.n_postings;
  state.counters["returned"] = double(returned);
  state.counters["d"] = in.ir.skill_columns;
  state.counters["GFLOP/s"] = benchmark::Counter(
      2e-9 * pairs * in.ir.skill_columns * state.iterations(),
      benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_PairScan, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(BM_PairScan, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(1);

}  // namespace
}  // namespace vetmatch

BENCHMARK_MAIN();
