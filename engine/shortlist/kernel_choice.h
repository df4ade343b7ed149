// Which multiply kernel the shortlist pass and the pair scans use when the
// caller does not say: bfloat16 products or float ones.
//
// Both give the same results, exactly: the bfloat16 pass widens every
// bound by its products' proven error, and every pair that matters is
// rescored in double precision. Only the speed differs, and that depends on
// the CPU: on AMD Zen 4 the bfloat16 dot-product instruction runs at twice
// the float rate, on some Intel Xeons more slowly than float FMA, while
// their AMX tiles multiply bfloat16 many times faster than either.
//
// Contract: bf16_pass_pays_off() is false where the build has no AVX-512
// BF16 kernel (micro_kernel_has_bf16()). Otherwise its first call times the
// float and the bfloat16 micro-kernels (the bfloat16 one on AMX tiles where
// micro_kernel_has_amx(), as the scan runs it) on the same synthetic tiles
// (depth 256, no pair passing; best of 7 alternating runs, under a millisecond
// (BM_KernelChoice), on the calling thread) and answers true when the bfloat16
// one takes at most kBf16TimeRatio of the float one's time: the wider bound
// costs more hits and more rescoring, which the margin pays for. Later calls
// return the first answer (thread-safe). The choice changes time, never output.
#pragma once

namespace vetmatch {

/// bfloat16 is chosen when it takes at most this share of float's time.
inline constexpr double kBf16TimeRatio = 0.8;

bool bf16_pass_pays_off();

/// One measurement as bf16_pass_pays_off() makes it (not cached; for
/// benchmarks): the best of the runs of one pass over the synthetic tiles,
/// each kernel. valid is false without a bfloat16 kernel.
struct KernelTimes {
  bool valid = false;
  double float_seconds = 0.0;
  double bf16_seconds = 0.0;
};
KernelTimes time_kernels();

}  // namespace vetmatch
