// What every part of the generator shares for one round: the preset, the
// sizes, the vocabularies, the places, and the draw helpers built on them.
//
// Contract: a Context is built once per round from the preset, the sizes
// and the seed alone (no randomness); it is immutable afterwards, so any
// number of threads may draw records from it at once. Each record draws
// from its own counter-based Rng (seed, part, record number), so the parts
// (employers, postings, veterans) are independent and every record is a
// pure function of the options and its number.
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
  kPostingStream = 2,  ///< Counter: the posting's number.
  kVeteranStream = 3,  ///< Counter: the household's number.
  kOwnerStream = 4,    ///< Which employer offers which posting.
};

struct Context {
  Context(const PresetSpec& spec, std::uint64_t seed, std::int64_t veterans,
          std::int64_t postings, std::int64_t employers);

  const PresetSpec& spec;
  std::uint64_t seed;
  std::int64_t veteran_count;
  std::int64_t posting_count;
  std::int64_t employer_count;
  const Catalog& catalog;
  std::vector<Place> places;
  WeightedPicker place_picker;
  /// Per area (Place::area): the indices of its places and their picker.
  std::vector<std::vector<int>> area_places;
  std::vector<WeightedPicker> area_pickers;

  /// Per industry: the specialties whose industries include it.
  std::vector<std::vector<int>> occupations;
  /// Per industry: the csco_onet rows offered in it and their draw weights
  /// (position of the industry in the row's list, doubled for rows a
  /// specialty links to); falls back to the codes of the industry's
  /// specialties when no row names the industry.
  std::vector<std::vector<int>> industry_csco;
  std::vector<WeightedPicker> industry_csco_pickers;
  /// Per csco row: the specialties whose `csco` column lists it with a
  /// weight of at least 0.5 (they give postings of the code their required
  /// certificate), and their weights; empty when none does.
  std::vector<std::vector<int>> csco_specialties;
  std::vector<WeightedPicker> csco_specialty_pickers;
  /// Per csco row: where postings of the code take free tags from: the
  /// specialties above, else those listing a code of the same CSCO small
  /// category (d-dd-dd), else of the same middle category (d-dd); empty
  /// when none does (no tags).
  std::vector<std::vector<int>> tag_specialties;
  std::vector<WeightedPicker> tag_specialty_pickers;
  /// Per csco row: its real job titles that read as titles (at most 10
  /// characters, no digits, brackets or separators: not "机械工程师
  /// (MJ001572)" or "校长/储备校长"); empty when none does.
  std::vector<std::vector<std::string>> csco_titles;
  /// Per specialty: its `csco` column as a picker (empty if none).
  std::vector<WeightedPicker> specialty_csco_pickers;
  /// Per group: military specialties by the group's weight (soldier, nco,
  /// officer); for spouses every row by w_spouse.
  std::vector<WeightedPicker> specialty_pickers;
  /// Per group: civilian profiles by the group's weight (empty picker when
  /// none has weight for the group).
  std::vector<WeightedPicker> civilian_pickers;
  std::vector<int> civilian_profiles;  ///< Specialty indices of the above.
  WeightedPicker industry_picker;      ///< By employer_weight.
  WeightedPicker csco_picker;          ///< Any csco row, uniformly.

  /// An industry index by its id; throws if the table lacks it.
  int industry(std::string_view id) const;
  int certificate(std::string_view id) const;
  int skill(std::string_view id) const;

  std::size_t draw_place(Rng& rng) const { return place_picker.draw(rng); }
  /// A place in the same area (city) as places[place].
  std::size_t draw_place_near(Rng& rng, std::size_t place) const {
    const int area = places[place].area;
    return static_cast<std::size_t>(
        area_places[area][area_pickers[area].draw(rng)]);
  }
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

/// A real job title short and plain enough to print as a posting's title.
bool is_plain_title(std::string_view title);

/// Clamps to [lo, hi].
inline int clamp_int(std::int64_t v, int lo, int hi) {
  return v < lo ? lo : v > hi ? hi : static_cast<int>(v);
}

/// "P" + zero-padded number, width at least `min_width` and wide enough for
/// `count`, so byte order of the ids is numeric order.
std::string make_id(char prefix, std::int64_t number, std::int64_t count,
                    int min_width);

}  // namespace vetmatch::gen
