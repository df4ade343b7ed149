// Recruitment fairs (engine/fair/) on the district preset (1,000 veterans,
// 500 postings of 100 employers, seed 1), the bundled sample's round:
//   BM_FairPlan/<min_fit x 100>: the whole `fair plan` engine work for a
//     fair with a booth for each of the 100 employers (the bundled sample
//     datasets/samples/district.fair.json is this fair at min_fit 0.6):
//     the fit table (compute_fair_fits: index, one pair scan, best posting
//     per booth) and the plan (plan_fair: graph, covering b-matching solve,
//     proof check, lists, congestion). min_fit 0.6 is the default; 0 puts
//     every eligible pair in the graph (the largest graph, the slowest).
//   BM_FairFits/<min_fit x 100>: the fit table alone.
//   BM_FairPlanSolve/<min_fit x 100>: plan_fair alone on a fit table built
//     once.
//   BM_FairInvite/<budget>: `fair invite` for 40 booths and a pool of 60
//     (fit table included), coverage objective.
// Counters: veterans, booths, arcs (veteran x booth pairs that fit),
// interviews and planned veterans, searches and arcs scanned by the solver;
// for invite the chosen entries, veterans covered and gain evaluations.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <tuple>

#include "datasets/generator/fair_generator.h"
#include "datasets/generator/generator.h"
#include "engine/fair/fair_fits.h"
#include "engine/fair/invite.h"
#include "engine/fair/plan.h"

namespace vetmatch {
namespace {

const Round& district_round() {
  static const Round round = generate_round({Preset::kDistrict, 1});
  return round;
}

// Generated once per shape and kept for the run.
const Fair& district_fair(int booths, int pool, double min_fit) {
  static std::map<std::tuple<int, int, double>, std::unique_ptr<Fair>> cache;
  auto& slot = cache[{booths, pool, min_fit}];
  if (!slot) {
    FairGeneratorOptions options;
    options.booths = booths;
    options.pool = pool;
    options.settings.min_fit = min_fit;
    slot = std::make_unique<Fair>(generate_fair(district_round(), options));
  }
  return *slot;
}

void plan_counters(benchmark::State& state, const Fair& fair,
                   const FairFits& fits, const FairPlan& plan) {
  state.counters["veterans"] = double(fair.round.veterans.size());
  state.counters["booths"] = double(fair.booths.size());
  state.counters["arcs"] = double(fits.entries.size());
  state.counters["interviews"] = double(plan.stats.interviews);
  state.counters["planned"] = double(plan.stats.all.planned);
  state.counters["searches"] = double(plan.stats.work.searches);
  state.counters["scanned"] = double(plan.stats.work.arcs_scanned);
  if (!plan.stats.proven_optimal || plan.visits.empty()) {
    state.SkipWithError("plan not proven or empty");
  }
}

void BM_FairPlan(benchmark::State& state) {
  const Fair& fair = district_fair(100, 0, state.range(0) / 100.0);
  FairFits fits;
  FairPlan plan;
  for (auto _ : state) {
    fits = compute_fair_fits(fair);
    plan = plan_fair(fair, fits);
    benchmark::DoNotOptimize(plan.visits.data());
  }
  plan_counters(state, fair, fits, plan);
}
BENCHMARK(BM_FairPlan)->Arg(60)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_FairFits(benchmark::State& state) {
  const Fair& fair = district_fair(100, 0, state.range(0) / 100.0);
  FairFits fits;
  for (auto _ : state) {
    fits = compute_fair_fits(fair);
    benchmark::DoNotOptimize(fits.entries.data());
  }
  state.counters["arcs"] = double(fits.entries.size());
}
BENCHMARK(BM_FairFits)->Arg(60)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_FairPlanSolve(benchmark::State& state) {
  const Fair& fair = district_fair(100, 0, state.range(0) / 100.0);
  const FairFits fits = compute_fair_fits(fair);
  FairPlan plan;
  for (auto _ : state) {
    plan = plan_fair(fair, fits);
    benchmark::DoNotOptimize(plan.visits.data());
  }
  plan_counters(state, fair, fits, plan);
}
BENCHMARK(BM_FairPlanSolve)->Arg(60)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_FairInvite(benchmark::State& state) {
  const Fair& fair = district_fair(40, 60, 0.6);
  const auto budget = static_cast<std::int32_t>(state.range(0));
  InviteResult result;
  for (auto _ : state) {
    const FairFits fits = compute_fair_fits(fair);
    result = choose_invites(fair, fits, budget, InviteObjective::kCoverage);
    benchmark::DoNotOptimize(result.chosen.data());
  }
  state.counters["pool"] = double(fair.pool.size());
  state.counters["chosen"] = double(result.chosen.size());
  state.counters["covered"] = double(result.covered);
  state.counters["evaluations"] = double(result.evaluations);
  if (result.chosen.empty()) state.SkipWithError("nothing chosen");
}
BENCHMARK(BM_FairInvite)->Arg(20)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vetmatch

BENCHMARK_MAIN();
