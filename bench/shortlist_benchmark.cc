// Shortlists (both ways), the points_order and stable policies and the
// blocking-pair count on generated rounds.
//
// District (1,000 x 500) runs by default; the city preset (265,000 x
// 10,000, Handan) is registered too but only runs when selected:
//   build/release/bench/shortlist_benchmark --benchmark_filter=city
// BM_ShortlistsK50 and BM_ShortlistsK50Bf16 take k = 50 both ways with the
// float kernel only and with the bfloat16 first pass; BM_Shortlists50km
// runs with a 50 km commute limit for everyone (geo pruning skips the
// tiles beyond it). The bf16 counter says whether the bfloat16 pass ran.
// BM_ShortlistsProvince (issue 4's province preset, Hebei, 3,000,000 x
// 100,000) only runs when selected (--benchmark_filter=province); see there.
// Counters: pairs/s over all N x M pairs; GFLOP/s counted as 2 * d per
// pair actually multiplied (d = skill columns shared by both sides), so
// pruned tiles do not count; scored, hits, offers and rescored are
// ShortlistWork's counts (engine/shortlist/shortlist_builder.h).
// BM_BlockingPairsPointsOrder counts points_order's blocking pairs as
// run_round does. BM_RoundStats times the statistics stage (the scan for
// veterans with no eligible posting and compute_stats); BM_RoundStats2km with a
// 2 km commute limit for everyone, so that many veterans are scanned.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "datasets/generator/generator.h"
#include "datasets/generator/indexed_generation.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/policies/points_order.h"
#include "engine/policies/stable.h"
#include "engine/quality/blocking_pairs.h"
#include "engine/round/no_eligible.h"
#include "engine/round/round_stats.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/kernel_choice.h"
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
  state.counters["d"] = double(ir.skill_columns);
  state.counters["pairs/s"] = benchmark::Counter(pairs * state.iterations(),
                                                 benchmark::Counter::kIsRate);
  state.counters["GFLOP/s"] = benchmark::Counter(
      2e-9 * scored_pairs * double(ir.skill_columns) * state.iterations(),
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
      options.bf16_first_pass.value_or(bf16_pass_pays_off()) &&
              micro_kernel_has_bf16()
          ? 1
          : 0;
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

double peak_rss_gib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / (1024.0 * 1024.0);  // ru_maxrss: KiB
}

template <typename T>
double gib(const std::vector<T>& v) {
  return double(v.size() * sizeof(T)) / double(1u << 30);
}

// Where an IndexedRound's memory goes, on stderr: bytes in use (sizes, not
// capacities: reserved capacity never written is address space only).
void print_memory(const IndexedRound& ir) {
  const double n = std::max(1, ir.n_veterans);
  const double per = double(1u << 30) / n;
  const struct {
    const char* name;
    double gib;
  } parts[] = {
      {"veteran_skills.entries", gib(ir.veteran_skills.entries)},
      {"veteran_skills.offsets+norms",
       gib(ir.veteran_skills.offsets) + gib(ir.veteran_skills.norms)},
      {"veteran_place+xyz", gib(ir.veteran_place) + gib(ir.veteran_xyz)},
      {"veteran certs+industries+mask",
       gib(ir.veteran_certs.offsets) + gib(ir.veteran_certs.ids) +
           gib(ir.veteran_industries.offsets) + gib(ir.veteran_industries.ids) +
           gib(ir.veteran_cert_mask)},
      {"veteran other rules",
       gib(ir.veteran_wants) + gib(ir.veteran_is_spouse) +
           gib(ir.veteran_education) + gib(ir.veteran_commute_km)},
      {"veteran_of+veteran_slot", gib(ir.veteran_of) + gib(ir.veteran_slot)},
      {"veteran_matrix",
       double(ir.veteran_matrix.size()) * 4.0 / double(1u << 30)},
      {"posting_matrix",
       double(ir.posting_matrix.size()) * 4.0 / double(1u << 30)},
  };
  double total = 0.0;
  for (const auto& part : parts) {
    std::fprintf(stderr, "  %-32s %7.3f GiB  %7.1f B/veteran\n", part.name,
                 part.gib, part.gib * per);
    total += part.gib;
  }
  std::fprintf(stderr, "  %-32s %7.3f GiB  %7.1f B/veteran\n", "total", total,
               total * per);
}

// Issue 4's province case: the preset (3,000,000 x 100,000 over Hebei's
// counties) with a 60 km commute limit for everyone and k from the round's
// config (10 postings per veteran, 20 veterans per posting), on the
// IndexedRound streamed from the generator (index_generated_round: the
// veterans never exist as Veteran structs; no dense veteran matrix).
// Setup (generate, resolve skills, index) is timed apart: counter setup_s;
// the benchmark's time is build_shortlists alone. rss_setup_GiB is the
// peak RSS after setup, rss_peak_GiB the peak of the whole run; the
// IndexedRound's parts are printed on stderr.
void BM_ShortlistsProvince(benchmark::State& state, Preset preset) {
  const auto start = std::chrono::steady_clock::now();
  const GeneratorOptions generator(preset, kSeed);
  Round shell;
  IndexedGenerationOptions how;
  how.configure = [](RoundConfig& c) { c.max_commute_km = 60.0; };
  how.round_commute_for_everyone = true;
  const IndexedRound ir =
      index_generated_round(generator, bundled_skill_space(), shell, how);
  const double setup_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const double rss_setup = peak_rss_gib();
  std::fprintf(stderr, "province setup: %.1f s, peak RSS %.2f GiB\n", setup_s,
               rss_setup);
  print_memory(ir);
  ShortlistWork work;
  ShortlistOptions options;
  options.veteran_k = shell.config.veteran_shortlist_k;
  options.posting_k = shell.config.posting_shortlist_k;
  options.work = &work;
  std::size_t entries = 0;
  for (auto _ : state) {
    const Shortlists s = build_shortlists(ir, options);
    entries = s.veteran_entries.size() + s.posting_entries.size();
    benchmark::DoNotOptimize(entries);
  }
  if (entries == 0) state.SkipWithError("no shortlist entries");
  set_counters(state, ir, double(work.pairs_scored));
  state.counters["setup_s"] = setup_s;
  state.counters["rss_setup_GiB"] = rss_setup;
  state.counters["rss_peak_GiB"] = peak_rss_gib();
  state.counters["entries"] = double(entries);
  state.counters["scored"] = double(work.pairs_scored);
  state.counters["hits"] = double(work.kernel_hits);
  state.counters["rescored"] = double(work.rescored);
}

// The policy alone: indexing and the shortlists (the round's k) are built
// before the timed loop, as run_round hands them to the policy. The city
// case runs 5 iterations (the setup, about 25 s, is not timed).
void BM_PointsOrder(benchmark::State& state, Preset preset) {
  const Round& round = preset_round(preset);
  const IndexedRound ir = index_round(round);
  const Shortlists shortlists = build_shortlists(
      ir, round.config.veteran_shortlist_k, round.config.posting_shortlist_k);
  std::size_t assigned = 0;
  for (auto _ : state) {
    const PolicyOutcome outcome = points_order(round.config, ir, shortlists);
    assigned = outcome.assignments.size();
    benchmark::DoNotOptimize(assigned);
  }
  if (assigned == 0) state.SkipWithError("nobody assigned");
  state.counters["assigned"] = double(assigned);
  set_counters(state, ir);
}

// The statistics stage of run_round (engine/round/no_eligible.h and
// round_stats.h) after the shortlists, which are built once outside the
// loop; the outcome is that of a shortlists-only run (the assignments' part
// of the stats is one pass over them). `commute_km` > 0 puts that limit on
// everyone, so that many veterans have no eligible posting and are scanned
// against every posting. Counters: scanned (veterans on no list) and
// no_eligible.
void run_round_stats(benchmark::State& state, const Round& round) {
  const IndexedRound ir = index_round(round);
  const Shortlists lists = build_shortlists(
      ir, round.config.veteran_shortlist_k, round.config.posting_shortlist_k);
  std::size_t scanned = 0;
  for (std::int32_t s = 0; s < ir.n_veterans; ++s) {
    scanned += lists.of_veteran(ir.veteran_of[s]).empty();
  }
  const PolicyOutcome outcome;
  RoundStats stats;
  for (auto _ : state) {
    const std::vector<NoEligibleVeteran> none =
        veterans_without_eligible_posting(ir, lists);
    stats = compute_stats(ir, outcome, none);
    benchmark::DoNotOptimize(stats.no_eligible_posting);
  }
  if (stats.veterans == 0) state.SkipWithError("no veterans");
  state.counters["veterans"] = ir.n_veterans;
  state.counters["postings"] = ir.n_postings;
  state.counters["scanned"] = double(scanned);
  state.counters["no_eligible"] = double(stats.no_eligible_posting);
}

void BM_RoundStats(benchmark::State& state, Preset preset) {
  run_round_stats(state, preset_round(preset));
}

void BM_RoundStats2km(benchmark::State& state, Preset preset) {
  Round round = preset_round(preset);
  round.config.max_commute_km = 2.0;
  for (Veteran& v : round.veterans) v.max_commute_km.reset();
  run_round_stats(state, round);
}

// `stable` (posting_ranking score, the default) on the shortlists it asks
// for (stable_shortlist_depth: 10 / 200 on the presets), built once before
// the timed loop (counter shortlist_s): the time is the policy's alone.
// Counters: proposals (applications with couples), deepening rounds and
// lists deepened, arcs of the final candidate graph; with couples (the
// preset's partners, couples together at the default 50 km) also couples,
// couples placed, blocking couples and single blocking pairs left.
struct StableCase {
  RoundConfig config;
  IndexedRound ir;
  Shortlists lists;
  double shortlist_s = 0.0;
};

const StableCase& stable_case(Preset preset) {
  static std::map<Preset, std::unique_ptr<StableCase>> cache;
  auto& slot = cache[preset];
  if (!slot) {
    const Round& round = preset_round(preset);
    slot = std::make_unique<StableCase>();
    slot->config = round.config;
    slot->config.policy = PolicyKind::kStable;
    slot->ir = index_round(round);
    const ShortlistDepth depth = stable_shortlist_depth(slot->config);
    const auto start = std::chrono::steady_clock::now();
    slot->lists = build_shortlists(slot->ir, depth.veteran_k, depth.posting_k);
    slot->shortlist_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  }
  return *slot;
}

void run_stable(benchmark::State& state, Preset preset, bool couples) {
  const StableCase& c = stable_case(preset);
  RoundConfig config = c.config;
  if (couples) config.couples = CouplesRule::kTogether;
  PolicyOutcome outcome;
  for (auto _ : state) {
    outcome = stable(config, c.ir, c.lists);
    benchmark::DoNotOptimize(outcome.assignments.data());
  }
  if (outcome.assignments.empty()) state.SkipWithError("nobody assigned");
  state.counters["assigned"] = double(outcome.assignments.size());
  state.counters["shortlist_s"] = c.shortlist_s;
  if (outcome.stability) {
    const StabilityReport& r = *outcome.stability;
    state.counters["proposals"] = double(r.proposals);
    state.counters["deepening_rounds"] = double(r.deepening_rounds);
    state.counters["postings_deepened"] = double(r.postings_deepened);
    state.counters["veterans_deepened"] = double(r.veterans_deepened);
    state.counters["arcs"] = double(r.candidate_arcs);
    if (couples) {
      state.counters["couples"] = double(r.couples);
      state.counters["couples_placed"] = double(r.couples_placed);
      state.counters["blocking_couples"] = double(r.blocking_couples.size());
      state.counters["blocking_pairs"] = double(r.blocking_pairs);
      state.counters["limit"] = r.couple_limit_reached ? 1 : 0;
    }
  }
  set_counters(state, c.ir);
}

void BM_Stable(benchmark::State& state, Preset preset) {
  run_stable(state, preset, false);
}

void BM_StableCouples(benchmark::State& state, Preset preset) {
  run_stable(state, preset, true);
}

// count_blocking_pairs (engine/quality/blocking_pairs.h) on stable's
// outcome, under the score ranking, with stable's shortlists: what the
// lists prove is checked pair by pair, and here they prove everything (no
// pair scan). Counters: pairs found (0), scans made (0).
void BM_BlockingPairs(benchmark::State& state, Preset preset) {
  const StableCase& c = stable_case(preset);
  const PolicyOutcome outcome = stable(c.config, c.ir, c.lists);
  const ShortlistDepth depth = stable_shortlist_depth(c.config);
  BlockingPairOptions options;
  options.ranking = c.config.posting_ranking;
  options.shortlists = &c.lists;
  options.veteran_k = depth.veteran_k;
  options.posting_k = depth.posting_k;
  BlockingPairCount count;
  for (auto _ : state) {
    count = count_blocking_pairs(c.ir, outcome.assignments, options);
    benchmark::DoNotOptimize(count.pairs);
  }
  state.counters["pairs"] = double(count.pairs);
  state.counters["scans"] = double(count.scans);
  set_counters(state, c.ir);
}

// count_blocking_pairs on points_order's outcome, as run_round counts it
// after a points_order round: the round's lists (k = 10 / 20) prove few
// veterans (most are unplaced), so nearly all are scanned against the
// postings' worst assignees. Counters: pairs, veterans in one, scans.
void BM_BlockingPairsPointsOrder(benchmark::State& state, Preset preset) {
  const Round& round = preset_round(preset);
  const IndexedRound ir = index_round(round);
  const Shortlists lists = build_shortlists(
      ir, round.config.veteran_shortlist_k, round.config.posting_shortlist_k);
  const PolicyOutcome outcome = points_order(round.config, ir, lists);
  BlockingPairOptions options;
  options.ranking = round.config.posting_ranking;
  options.shortlists = &lists;
  options.veteran_k = round.config.veteran_shortlist_k;
  options.posting_k = round.config.posting_shortlist_k;
  BlockingPairCount count;
  for (auto _ : state) {
    count = count_blocking_pairs(ir, outcome.assignments, options);
    benchmark::DoNotOptimize(count.pairs);
  }
  state.counters["pairs"] = double(count.pairs);
  state.counters["blocking_veterans"] = double(count.veterans);
  state.counters["scans"] = double(count.scans);
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
BENCHMARK_CAPTURE(BM_RoundStats, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RoundStats, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_RoundStats2km, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_Stable, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_StableCouples, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_BlockingPairs, district, Preset::kDistrict)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_BlockingPairsPointsOrder, district, Preset::kDistrict)
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
    ->Iterations(5);
BENCHMARK_CAPTURE(BM_Stable, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_StableCouples, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_BlockingPairs, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_BlockingPairsPointsOrder, city, Preset::kCity)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ShortlistsProvince, province, Preset::kProvince)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace vetmatch

BENCHMARK_MAIN();
