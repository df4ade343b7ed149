#include "engine/shortlist/kernel_choice.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/shortlist/micro_kernel.h"

namespace vetmatch {
namespace {

constexpr int kDepth = 256;  // amx_pairs(kDepth) == kDepth / 2: no padding
constexpr int kPanels = 48;
constexpr int kRuns = 7;

// One group of veterans against kPanels panels, thresholds (10, finite, so
// that the products are computed) that no score reaches: the kernel's
// common case once lists have filled.
class Calibration {
 public:
  Calibration()
      : veterans_(std::size_t(kDepth) * kGroupRows, 0.05f),
        postings_(std::size_t(kDepth) * kPanelLanes * kPanels, 0.05f),
        veterans_bf16_(std::size_t(kDepth) / 2 * kGroupRows,
                       to_bf16(0.05f) * 0x10001u),
        postings_bf16_(std::size_t(kDepth) / 2 * kPanelLanes * kPanels,
                       to_bf16(0.05f) * 0x10001u),
        veterans_amx_(std::size_t(kDepth) / 2 * kGroupRows,
                      to_bf16(0.05f) * 0x10001u),
        never_(kPanelLanes, 10.0f),
        zero_words_(kPanelLanes, 0),
        xyz_(3 * kPanelLanes, 0.5f),
        commute_(kPanelLanes, std::numeric_limits<float>::infinity()),
        hits_(kGroupRows * kPanelLanes) {
    in_.depth = kDepth;
    in_.weight_skill = 0.6f;
    in_.weight_location = 0.3f;
    in_.weight_preference = 0.1f;
    in_.tile_constant = 0.3f;
    in_.bound_slack = 1e-6f;
    in_.inverse_scale_km = 1.0f / 30.0f;
    in_.veterans = veterans_.data();
    in_.veterans_bf16 = veterans_bf16_.data();
    // The bfloat16 kernel the scan would run: on AMX tiles where it can.
    if (micro_kernel_has_amx()) in_.veterans_amx = veterans_amx_.data();
    in_.veteran_threshold = never_.data();
    in_.posting_threshold = never_.data();
    in_.veteran_not_capability = zero_words_.data();
    in_.veteran_preference = zero_words_.data();
    in_.posting_requirement = zero_words_.data();
    in_.posting_preference = zero_words_.data();
    in_.veteran_xyz = xyz_.data();
    in_.posting_xyz = xyz_.data();
    in_.veteran_commute_km = commute_.data();
  }

  // Seconds for one pass over the panels.
  double time(bool bf16) {
    const auto start = std::chrono::steady_clock::now();
    for (int panel = 0; panel < kPanels; ++panel) {
      in_.postings =
          postings_.data() + std::size_t(panel) * kDepth * kPanelLanes;
      in_.postings_bf16 =
          postings_bf16_.data() + std::size_t(panel) * kDepth / 2 * kPanelLanes;
      found_ += bf16 ? run_micro_kernel_bf16(in_, hits_.data())
                     : run_micro_kernel(in_, hits_.data());
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  }

  std::int64_t found() const { return found_; }

 private:
  std::vector<float> veterans_, postings_;
  std::vector<std::uint32_t> veterans_bf16_, postings_bf16_, veterans_amx_;
  std::vector<float> never_;
  std::vector<std::uint32_t> zero_words_;
  std::vector<float> xyz_, commute_;
  std::vector<Hit> hits_;
  TileInput in_;
  std::int64_t found_ = 0;
};

}  // namespace

KernelTimes time_kernels() {
  KernelTimes out;
  if (!micro_kernel_has_bf16()) return out;
  Calibration calibration;
  calibration.time(false);  // warm the caches and the clock
  calibration.time(true);
  out.float_seconds = std::numeric_limits<double>::infinity();
  out.bf16_seconds = out.float_seconds;
  for (int run = 0; run < kRuns; ++run) {
    out.float_seconds = std::min(out.float_seconds, calibration.time(false));
    out.bf16_seconds = std::min(out.bf16_seconds, calibration.time(true));
  }
  // No pair can pass; a hit would mean the inputs were not what they seem.
  out.valid = calibration.found() == 0;
  return out;
}

namespace {

bool measure() {
  const KernelTimes t = time_kernels();
  return t.valid && t.bf16_seconds <= kBf16TimeRatio * t.float_seconds;
}

}  // namespace

bool bf16_pass_pays_off() {
  static const bool answer = measure();
  return answer;
}

}  // namespace vetmatch
