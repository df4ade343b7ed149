// `fair plan`: which veterans each booth invites, and each veteran's route
// of booths.
//
// Problem: a b-matching between veterans and booths. Veteran v may be sent
// to at most visit_limit[v] booths, booth b holds at most its capacity
// interviews, and a pair (v, b) may be planned only when v has a fit there
// (fair_fits.h: an eligible posting of the booth with score >= min_fit).
// Objective, lexicographic:
//   1. the floor: as many veterans as possible get at least one booth
//      (every veteran with an eligible booth gets one, unless capacity makes
//      that impossible);
//   2. then the largest total fit, the sum over planned pairs of fit(v, b)
//      counted in integer units of 2^-20 (optimal_costs.h), at least 1 unit
//      a pair.
// Solved exactly with solve_covering_bmatching() (engine/assignment/
// covering_bmatching.h): booths on the left with their capacities (the
// scarce side, where the solver's searches start), veterans on the right
// with their visit limits and the bonus (CoverSide::kRight), weight = units
// of fit, bonus = (the most pairs any plan can have) x (the largest weight)
// + 1, so one more veteran covered outweighs any total fit.
//
// Output, for people and for the report (nothing depends on thread count):
//  * visits: every planned pair with its why (the booth's best posting for
//    the veteran and the score parts) and its rank among the veteran's
//    eligible booths (1 = their best fit), grouped by booth in the fair's
//    booth order, each booth's in invite order;
//  * booths, in the fair's order: the invite list (fit descending, ties by
//    veteran id), capacity, how many veterans have a fit there (eligible)
//    and how many request it (see congestion);
//  * routes, one per registered veteran in id order: booths by fit
//    descending, ties by booth id; the limit, the eligible booth count and,
//    when the route is shorter than the limit, why:
//      no_eligible_booth      no booth fits the veteran;
//      fewer_eligible_booths  every booth that fits is on the route;
//      booths_full            some booth that fits is not on the route, and
//                             every such booth is full (the optimum never
//                             leaves a fitting booth with room unused by a
//                             veteran short of their limit);
//  * congestion: a booth is requested by a veteran when it is among the
//    veteran's visit_limit best-fitting booths (fit descending, ties by
//    booth id): what the veteran would ask for with no capacity limits. The
//    most and least requested booths (count descending / ascending, ties by
//    booth id), booths requested beyond capacity, full booths, and the
//    veterans short of their limit by reason.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/assignment/bmatching.h"
#include "engine/fair/fair.h"
#include "engine/fair/fair_fits.h"

namespace vetmatch {

enum class ShortReason {
  kNone,  ///< the route has visit_limit booths
  kNoEligibleBooth,
  kFewerEligibleBooths,
  kBoothsFull,
};
std::string_view to_string(ShortReason r);

struct Visit {
  std::int32_t booth = -1;  ///< index into fair.booths
  VeteranIndex veteran = kNoVeteran;
  PostingIndex posting = kNoPosting;  ///< the booth's best posting for v
  PairScore score;
  std::int32_t rank = 0;  ///< among v's eligible booths, 1 = best fit
};

struct BoothPlan {
  std::int32_t booth = -1;
  std::int32_t capacity = 0;
  std::int32_t eligible = 0;          ///< veterans with a fit at the booth
  std::int32_t requested = 0;         ///< see congestion above
  std::vector<std::int32_t> invites;  ///< indices into FairPlan::visits
};

struct VeteranRoute {
  VeteranIndex veteran = kNoVeteran;
  std::int32_t limit = 0;
  std::int32_t eligible_booths = 0;
  std::vector<std::int32_t> route;  ///< indices into FairPlan::visits
  ShortReason short_reason = ShortReason::kNone;
};

struct BoothDemand {
  std::int32_t booth = -1;
  std::int32_t requested = 0;
  std::int32_t capacity = 0;
  std::int32_t invited = 0;
};

struct CongestionStats {
  std::vector<BoothDemand> most_requested;
  std::vector<BoothDemand> least_requested;
  std::int32_t booths_over_requested = 0;  ///< requested > capacity
  std::int32_t booths_full = 0;            ///< invited == capacity
  std::int32_t booths_empty = 0;           ///< no invite
  std::int64_t veterans_short = 0;         ///< route shorter than limit
  std::int64_t short_no_eligible_booth = 0;
  std::int64_t short_fewer_eligible_booths = 0;
  std::int64_t short_booths_full = 0;
};

/// Registered, with an eligible booth, planned (at least one booth).
struct PlanCoverage {
  std::int64_t registered = 0;
  std::int64_t with_eligible_booth = 0;
  std::int64_t planned = 0;
};

struct FairPlanStats {
  PlanCoverage all;
  std::array<PlanCoverage, 4> by_group;     ///< by Group
  std::array<PlanCoverage, 4> by_priority;  ///< by PriorityFlag
  std::int64_t interviews = 0;              ///< planned pairs
  std::int64_t capacity = 0;                ///< sum of booth capacities
  std::int64_t visit_slots = 0;             ///< sum of visit limits
  double total_fit = 0.0;                   ///< sum of planned scores
  std::int64_t total_fit_units = 0;         ///< the objective's units
  /// The solver's duals passed check_bmatching() on the gadget graph.
  bool proven_optimal = false;
  std::int64_t pairs = 0;  ///< fitting (veteran, booth) pairs: the arcs
  BMatchingWork work;
};

struct FairPlan {
  std::vector<Visit> visits;
  std::vector<BoothPlan> booths;
  std::vector<VeteranRoute> routes;
  CongestionStats congestion;
  FairPlanStats stats;
};

struct PlanOptions {
  /// Length of the most / least requested lists.
  std::int32_t congestion_list = 5;
};

/// Preconditions: `fits` is compute_fair_fits(fair) (pool entries are
/// ignored: only booths are planned).
FairPlan plan_fair(const Fair& fair, const FairFits& fits,
                   const PlanOptions& options = {});

/// The lexicographic bonus the plan uses: usable_pairs x largest + 1, where
/// usable_pairs bounds the pairs any plan can have (the smaller, over the
/// two sides, of the sum of min(capacity or limit, fitting pairs)) and
/// largest is the largest pair weight. Throws std::invalid_argument when
/// the weights would pass 2^60 (no real fair comes near).
std::int64_t floor_bonus(std::int64_t usable_pairs, std::int64_t largest);

}  // namespace vetmatch
