// What every part of the generator shares for one round: the preset, the
// vocabularies, the places, and the draw helpers built on them.
//
// Contract: a Context is built once per generate_round() call from the
// preset alone (no randomness); the parts (employers, postings, veterans)
// each draw from their own Rng stream, so they are independent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/generator/catalog.h"
#include "datasets/generator/presets.h"
#include "datasets/generator/random.h"
#include "engine/model/round.h"

namespace vetmatch::gen {

/// The Rng streams, one per part of the round.
enum Stream : std::uint64_t {
  kEmployerStream = 1,
  kPostingStream = 2,
  kVeteranStream = 3,
  kPartnerStream = 4,
};

struct Context {
  Context(const PresetSpec& spec, std::uint64_t seed);

  const PresetSpec& spec;
  std::uint64_t seed;
  const Catalog& catalog;
  std::vector<Place> places;
  std::vector<int> place_weights;
  /// Per industry: the specialties whose industries include it, and their
  /// draw weights (more for the specialty's first-listed industries).
  std::vector<std::vector<int>> occupations;
  std::vector<std::vector<int>> occupation_weights;
  std::vector<int> industry_weights;  ///< employer_weight per industry.

  /// An industry index by its id; throws if the table lacks it.
  int industry(std::string_view id) const;
  int certificate(std::string_view id) const;
  int skill(std::string_view id) const;

  std::size_t draw_place(Rng& rng) const { return rng.weighted(place_weights); }
};

/// Skill weights in integer hundredths, keyed by catalog skill index.
struct SkillDraft {
  std::vector<std::pair<int, int>> entries;  ///< (skill, hundredths).

  /// Sets a skill's weight, keeping the larger if already present.
  void merge(int skill, int hundredths);
  /// The skills as the Round wants them: sorted by skill id, weights as
  /// hundredths / 100 (exact at 2 decimals).
  std::vector<SkillWeight> finish(const Catalog& catalog) const;
};

/// Clamps to [lo, hi].
inline int clamp_int(std::int64_t v, int lo, int hi) {
  return v < lo ? lo : v > hi ? hi : static_cast<int>(v);
}

/// "P" + zero-padded number, width at least `min_width` and wide enough for
/// `count`, so byte order of the ids is numeric order.
std::string make_id(char prefix, int number, int count, int min_width);

}  // namespace vetmatch::gen
