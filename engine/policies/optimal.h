// optimal: a maximum-weight assignment under capacities, exact in integers.
//
// Problem: each veteran at most one posting, each posting at most its
// openings left (IndexedRound::posting_open), eligible pairs only.
// config.objective: coverage_first (the default) places as many veterans
// as any assignment can and, among those, maximises the total score;
// total_score maximises the total score. Scores count in integer units of
// 2^-20 (optimal_costs.h), so "maximum" is exact for those units.
//
// Candidate graph: the solver runs on the pairs of one side's shortlists,
// the side whose places are scarce: when the round's openings (sum of
// posting_open) are at most its veterans, each posting's best
// candidate_k * openings veterans (at most all veterans); otherwise each
// veteran's best candidate_k postings (config.candidate_k, default 50).
// optimal_shortlist_options() asks the shortlist stage for these depths
// (and the config's k), so the lists are built once.
//
// Proof: the solver's duals prove the assignment optimal over the graph;
// they prove it over all eligible pairs when no cut list could hide a pair
// that beats them (optimality_certificate.h, lists_at_risk: a bound from
// each cut list's last score, no scan). The report (OptimalityReport,
// round_result.h) says whether that holds and, if not, how many lists
// could have cost optimality. With config.exact the policy scans every
// eligible pair against the duals (pair_scan.h), adds the pairs that beat
// them to the graph and solves again until none does: the result is then
// proven optimal over all eligible pairs (method pair_scan).
//
// Couples (config.couples == together; optimal_couples.h): partners are
// placed both, in postings at most couple_max_km apart, or neither. That
// is no longer a network flow. The policy solves with everybody on their
// own (the relaxation, proven as above); if that keeps every couple
// together it is the answer. Otherwise it places the couples one by one at
// the relaxation's posting prices and solves again for everybody else on
// the openings left: optimality is then no longer proven (certified is
// false), and the relaxation's value, reported beside the result, bounds
// what the rule can cost. Extra time: one more solve. A veteran whose
// partner was taken in an earlier round is placed only in postings at most
// couple_max_km from the partner's (partner_anchors.h: the pairs it does
// not allow are left out of the graph, and every proof is over the pairs
// it allows).
//
// Output: assignments in veteran id order; unassigned veterans in id order,
// reason no_eligible_posting when no posting is eligible (the veteran's
// shortlist is empty) else eligible_postings_full.
//
// Solver: engine/assignment/bmatching.h (exact successive shortest paths,
// serial augmentations; graph building, dual checks and scans parallel).
// Same input, same outcome, whatever the thread count.
#pragma once

#include "engine/policies/policy.h"

namespace vetmatch {

/// The side whose lists make the candidate graph (see above).
CandidateSide optimal_candidate_side(const IndexedRound& ir);

/// The config's k both ways, deepened on the candidate side; each
/// veteran's list at least 1 long (to tell "no eligible posting").
ShortlistOptions optimal_shortlist_options(const RoundConfig& config,
                                           const IndexedRound& ir);

PolicyOutcome optimal(const RoundConfig& config, const IndexedRound& ir,
                      const Shortlists& shortlists,
                      const ProgressFn& progress = {});

}  // namespace vetmatch
