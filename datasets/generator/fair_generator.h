// A seeded recruitment fair drawn from a round: which employers have a
// booth, which wait in the invite pool, each booth's interview capacity,
// who is registered. For the bundled sample fair, `vetmatch fair
// generate`, tests and benchmarks.
//
// Contract: generate_fair(round, options) is a pure function of its
// arguments (the generator's own integer random draws, random.h). Employers
// with at least one posting are shuffled by the seed; the first
// options.booths get booths and the next options.pool form the pool, each
// group then put in employer id order (booths "B001", "B002", ... in that
// order, stands "A01".."A25", "B01", ... as in a hall of 25-stand rows).
// A booth offers all its employer's postings, and holds 1 to 3 interviewers
// x the fair's hours (09:00 to 12:00: 3 h) x 3 to 6 interviews an hour.
// Registered: every veteran not taken in the round, or a seeded sample of
// options.veterans of them, in the round's order. The fair's round has the
// round's config and employers, the registered veterans (partners cleared),
// the offered postings and the declined pairs between them; its skills are
// resolved (resolve_skills with the bundled skill space) when the round's
// were not. The result passes check_fair(). Throws std::invalid_argument
// when booths + pool exceed the employers with postings.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/fair/fair.h"
#include "engine/model/round.h"

namespace vetmatch {

struct FairGeneratorOptions {
  std::uint64_t seed = 1;
  std::int32_t booths = 100;
  std::int32_t pool = 0;
  std::optional<std::int64_t> veterans;  ///< registered; default all
  FairSettings settings;
};

Fair generate_fair(const Round& round, const FairGeneratorOptions& options);

}  // namespace vetmatch
