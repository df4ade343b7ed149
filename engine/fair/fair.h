// A recruitment fair as the engine sees it: the registered veterans and the
// postings offered there (one Round), the booths with their interview
// capacity, the pool of enterprises that could still be invited, and the
// fair's settings. What the fair file says (adapters/json/fair_reader.h),
// after ids are resolved and capacities computed.
//
// Contract:
//  * round.veterans are the registered veterans, in the file's order (a
//    veteran's index there is its VeteranIndex everywhere in engine/fair);
//    round.postings are every booth's postings and then every pool entry's,
//    in the file's order; round.taken is empty (a fair plans interviews,
//    not places). The round passes validate() and has its skills resolved.
//  * Every posting belongs to exactly one booth or one pool entry, and its
//    employer is that booth's (entry's) employer. Booths and pool entries
//    each have at least one posting.
//  * visit_limit[v] >= 1 is the most booths veteran v may be sent to.
//  * Booth capacity >= 0 is the number of interviews the booth can hold.
//    Booth ids are unique, and so are the pool entries' employers.
// check_fair() throws std::invalid_argument when any of this fails; every
// engine/fair entry point calls it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/round.h"

namespace vetmatch {

/// What `fair invite` maximises (engine/fair/invite.h).
enum class InviteObjective {
  /// The number of veterans with at least one good posting at the fair;
  /// equal gains are ranked by the gain in total best fit.
  kCoverage,
  /// The sum over veterans of their best good posting's score.
  kTotalFit,
};
std::string_view to_string(InviteObjective o);
std::optional<InviteObjective> parse_invite_objective(std::string_view name);

struct FairSettings {
  /// Default visit limit: booths one veteran may be sent to, in [1, 100].
  std::int32_t max_booths_per_veteran = 3;
  /// A pair counts (as a good posting for invite, as an interview worth
  /// planning) only when its score is at least this, in [0, 1].
  double min_fit = 0.6;
  /// `fair invite`: the most enterprises to choose; unset: the CLI must
  /// give --budget.
  std::optional<std::int32_t> invite_budget;
  InviteObjective invite_objective = InviteObjective::kCoverage;
};

/// The fair itself, for people and the report; nothing here is computed
/// with. Strings are empty when the file gives none.
struct FairEvent {
  std::string id;
  std::string name;
  std::string venue;
  std::string region;  ///< 6-digit code the location came from, if any.
  std::optional<GeoPoint> location;
  std::string date;   ///< YYYY-MM-DD
  std::string start;  ///< HH:MM
  std::string end;    ///< HH:MM
};

struct Booth {
  std::string id;
  std::string employer;  ///< employer id
  std::string name;      ///< for people; may be empty
  std::string stand;     ///< the stand's place in the hall, e.g. "A12"
  std::vector<PostingIndex> postings;
  std::int32_t capacity = 0;  ///< interviews the booth can hold
  /// How capacity was given: interviewers x hours x interviews_per_hour
  /// (all > 0), or directly (all 0).
  std::int32_t interviewers = 0;
  double hours = 0.0;
  double interviews_per_hour = 0.0;
};

/// An enterprise `fair invite` may choose.
struct PoolEntry {
  std::string employer;
  std::vector<PostingIndex> postings;
};

struct Fair {
  FairEvent event;
  FairSettings settings;
  Round round;
  std::vector<std::int32_t> visit_limit;  ///< by VeteranIndex
  std::vector<Booth> booths;
  std::vector<PoolEntry> pool;
};

/// Interviews from interviewers x hours x interviews per hour, rounded
/// down (a product within 1e-9 of an integer counts as that integer, so
/// 3 x 2.5 x 2.4 is 18). Preconditions: all > 0 and finite.
std::int32_t booth_capacity(std::int32_t interviewers, double hours,
                            double interviews_per_hour);

/// Throws std::invalid_argument naming the first broken condition of the
/// contract above (validate() aside, which the reader has run).
void check_fair(const Fair& fair);

}  // namespace vetmatch
