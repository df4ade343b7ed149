// `fair record`: after the fair, the next matching round's input from the
// round the fair was drawn from and the outcomes recorded at the booths.
//
// An outcome is (veteran, posting, what came of it):
//   hired     the veteran takes a place: the pair goes to `taken` (the
//             veteran leaves the next round, the posting loses an opening);
//   intent    an employment intent (意向): taken as well by default, so the
//             next round does not offer the place again; with
//             RecordOptions::intent_takes_place false it is left open;
//   declined  either side said no: the pair goes to `declined` (never
//             proposed again; the veteran stays in the next round);
//   no_show   the interview did not happen: nothing is recorded.
// A veteran may talk to several booths, so unlike next_round() (one
// proposal per veteran) any number of outcomes may name one veteran, but
// at most one of them may take a place.
//
// Contract: record_fair_outcomes() never throws for bad outcomes. It
// returns every problem (issues, each with the outcome's index and the
// field it is about, "veteran", "posting" or "outcome") and then an empty
// round; otherwise `round` with the new pairs appended to taken and to
// declined in the outcomes' order (a declined pair the round already lists
// is not repeated). Errors: an id that is not the round's; a pair named twice;
// a veteran taking two places; a veteran already taken or not looking in the
// round, taking a place; a withdrawn posting taking one; more places taken at a
// posting than its openings left. Warnings (the outcome is still recorded): a
// veteran not registered at the fair (a walk-in), a posting not offered at any
// booth. The result passes validate(). Preconditions: validate(round) is empty;
// `fair` is the fair drawn from it (only its veteran and booth posting ids are
// read).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/fair/fair.h"
#include "engine/model/round.h"

namespace vetmatch {

enum class FairOutcome { kHired, kIntent, kDeclined, kNoShow };
std::string_view to_string(FairOutcome o);
std::optional<FairOutcome> parse_fair_outcome(std::string_view name);
/// "hired", "intent", "declined", "no_show", in enum order.
std::span<const std::string_view> fair_outcome_names();

struct FairIntent {
  std::string veteran;
  std::string posting;
  FairOutcome outcome = FairOutcome::kIntent;
};

struct RecordOptions {
  /// An intent takes the place (goes to taken); false: left open.
  bool intent_takes_place = true;
};

struct RecordIssue {
  int index = 0;         ///< The outcome's position in the list.
  std::string field;     ///< "veteran", "posting" or "outcome".
  std::string expected;  ///< What a sound value would be.
  std::string found;     ///< What was there, printed for a person.
  bool warning = false;  ///< Recorded anyway.
  /// The earlier outcome the problem is with (a repeated pair, a second
  /// place for one veteran), or -1; the adapter says where it is.
  int other = -1;
};

struct RecordCounts {
  std::int64_t taken = 0;     ///< pairs added to taken
  std::int64_t declined = 0;  ///< pairs added to declined
  std::int64_t open = 0;      ///< intents left open, no-shows
  std::int64_t already = 0;   ///< declined pairs the round listed before
};

struct FairRecord {
  Round round;  ///< Empty when an issue is an error.
  std::vector<RecordIssue> issues;
  RecordCounts counts;
  bool ok() const;  ///< No issue is an error.
};

FairRecord record_fair_outcomes(const Round& round, const Fair& fair,
                                std::span<const FairIntent> outcomes,
                                const RecordOptions& options = {});

}  // namespace vetmatch
