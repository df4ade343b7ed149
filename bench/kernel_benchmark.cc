// Micro-benchmarks of the shortlist pass's parts: the fused micro-kernel
// (micro_kernel.h) and the float candidate list (candidate_list.h).
//
//   build/release/bench/kernel_benchmark
//
// BM_MicroKernel/<d>: one group of 12 veterans against 313 panels of 32
// postings (the city preset's 10,000), thresholds set so that no pair
// passes (the common case once lists have filled). GFLOP/s is
// 2 * 12 * 32 * d per tile over the tiles actually run.
// BM_MicroKernelBf16/<d>: the same with bfloat16 products;
// BM_MicroKernelAmx/<d> with them on AMX tiles, where the CPU has them.
// BM_MicroKernelHits/<d>: the same with every pair passing, the worst
// case of the epilogue. BM_CandidateList/<k>: offers of random estimates
// to one list of k, as the scan makes them; items/s is offers per second.
// BM_KernelChoice: the kernel choice's measurement (kernel_choice.h).
#include <benchmark/benchmark.h>

#include <limits>
#include <random>
#include <vector>

#include "engine/shortlist/candidate_list.h"
#include "engine/shortlist/kernel_choice.h"
#include "engine/shortlist/micro_kernel.h"

namespace vetmatch {
namespace {

constexpr int kPanels = 313;

struct KernelData {
  explicit KernelData(int depth, float threshold)
      : veterans(std::size_t(depth) * kGroupRows),
        postings(std::size_t(depth) * kPanelLanes * kPanels),
        veteran_threshold(kGroupRows, threshold),
        not_capability(kGroupRows, 0),
        veteran_preference(kGroupRows, ~0u),
        posting_threshold(kPanelLanes, threshold),
        requirement(kPanelLanes, 1),
        posting_preference(kPanelLanes, 1),
        veteran_xyz(3 * kGroupRows, 0.5f),
        veteran_commute_km(kGroupRows, std::numeric_limits<float>::infinity()),
        posting_xyz(3 * kPanelLanes, 0.5f),
        veterans_bf16(std::size_t(depth + 1) / 2 * kGroupRows),
        postings_bf16(std::size_t(amx_pairs(depth)) * kPanelLanes * kPanels),
        veterans_amx(std::size_t(amx_pairs(depth)) * kGroupRows) {
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(0.0f, 0.1f);
    for (float& x : veterans) x = u(rng);
    for (float& x : postings) x = u(rng);
    for (std::uint32_t& w : veterans_bf16) w = to_bf16(u(rng)) * 0x10001u;
    for (std::uint32_t& w : postings_bf16) w = to_bf16(u(rng)) * 0x10001u;
    for (std::uint32_t& w : veterans_amx) w = to_bf16(u(rng)) * 0x10001u;
  }
  std::vector<float> veterans, postings, veteran_threshold;
  std::vector<std::uint32_t> not_capability, veteran_preference;
  std::vector<float> posting_threshold;
  std::vector<std::uint32_t> requirement, posting_preference;
  std::vector<float> veteran_xyz, veteran_commute_km, posting_xyz;
  std::vector<std::uint32_t> veterans_bf16, postings_bf16, veterans_amx;
};

void run_kernel(benchmark::State& state, float threshold, bool bf16 = false,
                bool amx = false) {
  if (amx && !micro_kernel_has_amx()) {
    state.SkipWithError("no AMX on this CPU (or the OS refuses it)");
    return;
  }
  const int depth = static_cast<int>(state.range(0));
  KernelData data(depth, threshold);
  TileInput in;
  in.depth = depth;
  in.weight_skill = 0.6f;
  in.weight_preference = 0.1f;
  in.tile_constant = 0.3f;
  in.weight_location = 0.3f;
  in.bound_slack = 1e-6f;
  in.inverse_scale_km = 1.0f / 30.0f;
  in.veteran_xyz = data.veteran_xyz.data();
  in.veteran_commute_km = data.veteran_commute_km.data();
  in.posting_xyz = data.posting_xyz.data();
  in.veterans = data.veterans.data();
  in.veterans_bf16 = data.veterans_bf16.data();
  if (amx) in.veterans_amx = data.veterans_amx.data();
  in.veteran_threshold = data.veteran_threshold.data();
  in.veteran_not_capability = data.not_capability.data();
  in.veteran_preference = data.veteran_preference.data();
  in.posting_threshold = data.posting_threshold.data();
  in.posting_requirement = data.requirement.data();
  in.posting_preference = data.posting_preference.data();
  std::vector<Hit> hits(kGroupRows * kPanelLanes);
  std::int64_t found = 0;
  for (auto _ : state) {
    for (int panel = 0; panel < kPanels; ++panel) {
      in.postings =
          data.postings.data() + std::size_t(panel) * depth * kPanelLanes;
      in.postings_bf16 = data.postings_bf16.data() +
                         std::size_t(panel) * amx_pairs(depth) * kPanelLanes;
      found += bf16 ? run_micro_kernel_bf16(in, hits.data())
                    : run_micro_kernel(in, hits.data());
    }
    benchmark::DoNotOptimize(found);
  }
  const double flops = 2.0 * kGroupRows * kPanelLanes * depth * kPanels;
  state.counters["GFLOP/s"] = benchmark::Counter(
      1e-9 * flops * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["avx512"] = micro_kernel_is_avx512() ? 1 : 0;
  state.counters["bf16"] = bf16 && micro_kernel_has_bf16() ? 1 : 0;
}

void BM_MicroKernel(benchmark::State& state) {
  run_kernel(state, std::numeric_limits<float>::infinity());
}
BENCHMARK(BM_MicroKernel)->Arg(64)->Arg(128)->Arg(238);

// The bfloat16 first pass (micro_kernel.h); where the CPU lacks AVX-512
// BF16 this is the portable emulation and the bf16 counter is 0.
void BM_MicroKernelBf16(benchmark::State& state) {
  run_kernel(state, std::numeric_limits<float>::infinity(), true);
}
BENCHMARK(BM_MicroKernelBf16)->Arg(238);

// The same products on AMX tiles (micro_kernel_has_amx()); skipped with a
// message where the CPU or the OS has none.
void BM_MicroKernelAmx(benchmark::State& state) {
  run_kernel(state, std::numeric_limits<float>::infinity(), true, true);
}
BENCHMARK(BM_MicroKernelAmx)->Arg(238);

void BM_MicroKernelHits(benchmark::State& state) {
  run_kernel(state, -std::numeric_limits<float>::infinity());
}
BENCHMARK(BM_MicroKernelHits)->Arg(238);

// The kernel choice's whole measurement (kernel_choice.h), what the first
// shortlist pass of a process pays; counters: its float / bf16 time ratio.
void BM_KernelChoice(benchmark::State& state) {
  KernelTimes t;
  for (auto _ : state) {
    t = time_kernels();
    benchmark::DoNotOptimize(t.valid);
  }
  state.counters["bf16_over_float"] =
      t.valid ? t.bf16_seconds / t.float_seconds : 0.0;
  state.counters["amx"] = micro_kernel_has_amx() ? 1 : 0;
}
BENCHMARK(BM_KernelChoice)->Unit(benchmark::kMillisecond);

void BM_CandidateList(benchmark::State& state) {
  const int k = static_cast<int>(state.range(0));
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::vector<float> estimates(1 << 16);
  for (float& e : estimates) e = u(rng);
  CandidateList list(k, 1e-4f);
  std::size_t i = 0;
  for (auto _ : state) {
    if (i == estimates.size()) {
      i = 0;
      list.reset(k, 1e-4f);
    }
    list.offer(estimates[i], static_cast<std::int32_t>(i));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CandidateList)->Arg(10)->Arg(50);

}  // namespace
}  // namespace vetmatch

BENCHMARK_MAIN();
