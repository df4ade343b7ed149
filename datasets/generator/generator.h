// The seeded round generator: realistic rounds at the users' scales, held in
// memory (generate_round) or drawn block by block for streaming
// (RoundGenerator), so that a province (3 million veterans) or the nation
// (57 million) never has to fit in memory.
//
// Contract: every record is a pure function of the options and its number:
// the same preset, seed and sizes give the same Round on every machine and
// build (the generator uses its own integer-based random draws, never the
// standard library's implementation-defined distributions), and
// RoundGenerator's blocks, concatenated in order, are exactly
// generate_round()'s records, whichever threads drew them in whatever
// order. Every generated Round passes validate().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

namespace gen {
struct Context;
struct EmployerPlan;
}  // namespace gen

enum class Preset {
  kDistrict,  ///< A recruitment fair: 1,000 veterans x 500 postings.
  kCity,      ///< Handan: 265,000 veterans x 10,000 postings.
  kProvince,  ///< Hebei: 3,000,000 veterans x 100,000 postings.
  kNational,  ///< All of China: 57,000,000 veterans x 1,000,000 postings.
};

std::string_view to_string(Preset p);
std::optional<Preset> parse_preset(std::string_view name);
/// Every preset, smallest first.
const std::vector<Preset>& all_presets();

struct GeneratorOptions {
  GeneratorOptions(Preset preset_in = Preset::kDistrict,
                   std::uint64_t seed_in = 1)
      : preset(preset_in), seed(seed_in) {}

  Preset preset = Preset::kDistrict;
  std::uint64_t seed = 1;
  /// Overrides of the preset's sizes, to sample a big preset at a smaller
  /// size (same places and distributions). When postings is overridden
  /// and employers is not, employers keep the preset's ratio to postings
  /// (at least 1, at most the postings).
  std::optional<std::int64_t> veterans;
  std::optional<std::int64_t> postings;
  std::optional<std::int64_t> employers;
};

/// A round drawn on demand. Employers are drawn up front (they are few);
/// postings and veterans in blocks of kBlockSize records, each block a pure
/// function of the options and its index, safe to draw from several
/// threads at once. A couple (a spouse and her veteran partner) always lies
/// within one block, on adjacent numbers.
class RoundGenerator {
 public:
  static constexpr std::int64_t kBlockSize = 4096;  ///< Even: couples fit.

  explicit RoundGenerator(const GeneratorOptions& options);
  ~RoundGenerator();
  RoundGenerator(const RoundGenerator&) = delete;
  RoundGenerator& operator=(const RoundGenerator&) = delete;

  /// The default config (onet_share included).
  const RoundConfig& config() const { return config_; }
  const std::vector<Employer>& employers() const { return employers_; }
  std::int64_t posting_count() const;
  std::int64_t veteran_count() const;
  std::size_t posting_blocks() const;
  std::size_t veteran_blocks() const;
  /// Replaces `out` with block `block`'s postings / veterans.
  void postings(std::size_t block, std::vector<Posting>& out) const;
  void veterans(std::size_t block, std::vector<Veteran>& out) const;

 private:
  std::unique_ptr<gen::Context> ctx_;
  std::vector<gen::EmployerPlan> plans_;
  std::vector<int> owners_;  ///< Per posting: index of its employer.
  RoundConfig config_;
  std::vector<Employer> employers_;
};

/// The whole round in memory (small presets, tests): the generator's
/// blocks in order; `taken` and `declined` empty.
Round generate_round(const GeneratorOptions& options);

}  // namespace vetmatch
