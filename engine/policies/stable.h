// stable: veteran-proposing deferred acceptance with capacities (the
// hospitals / residents problem), certified over all eligible pairs.
//
// Problem: veterans rank their eligible postings by score (desc, posting
// id asc: the shortlists' order); postings rank eligible veterans by
// config.posting_ranking: `score` (the pair's score desc, veteran id asc)
// or `points` (placement points desc, veteran id asc). A posting takes at
// most its openings left. The result is the veteran-optimal stable
// matching: no eligible pair (v, p) where v prefers p to their assignment
// (or is unassigned) and p has an opening left or prefers v to its worst
// assignee. Both rankings make every posting's order agree with one order
// of pairs (score) or of veterans (points), so the stable matching is
// unique: the veteran-optimal one, the posting-optimal one, and (score) the
// greedy matching over pairs by score or (points) serial dictatorship in
// points order are the same matching.
//
// Method (posting_ranking score): deferred acceptance on a candidate graph,
// each veteran's shortlist (a prefix of their preference list) plus each
// posting's (a prefix of its list), then a certificate over all eligible
// pairs that needs no scan: a pair outside the graph can block only if
//   * its veteran is unassigned or placed below their own list's last
//     entry (a veteran placed within their list prefers only postings on
//     it, all proposed to and refused; refusals stay refusals, because a
//     posting's worst assignee only improves), and
//   * its posting is short of openings or its worst assignee ranks after
//     the last veteran on its list (everyone off the list ranks after that
//     one), and neither side's list holds all its eligible partners.
// Where both kinds remain, the cheaper side's failing lists are deepened
// exactly (deeper_lists.h: four times the depth; a posting's list costs a
// pass over the veterans, a veteran's over the postings; postings whose
// worst assignee sits in the last tenth of their list go along, as the
// next round would likely fail them) and deferred acceptance runs again on
// the larger graph (rebuilt only for the veterans the deepening touched),
// until the certificate holds: at the latest when the lists are complete.
// The report says how many proposals and rounds of deepening it took;
// blocking_pairs is 0.
// posting_ranking points: the unique stable matching is serial
// dictatorship in points order (points_order.h computes it exactly); its
// assignments are returned without the turn fields.
// Couples: see couples_stable.h (config.couples == together). A veteran
// whose partner was taken in an earlier round takes only postings at most
// couple_max_km from the partner's (partner_anchors.h): deferred acceptance
// passes over the other pairs, and the matching is stable over the pairs
// allowed.
//
// Same input, same outcome, whatever the thread count. Assignments come in
// veteran id order, unassigned veterans in id order.
#pragma once

#include "engine/policies/policy.h"

namespace vetmatch {

/// The posting-side depth `stable` asks the shortlist stage for with
/// posting_ranking score: deep enough that most postings fill from their
/// list. On the city preset (10,000 postings, 56,332 openings) 38 postings
/// fail the certificate at depth 200 (225 at 100, 1,975 at 20) and one
/// round of deepening settles it.
inline constexpr int kStablePostingDepth = 200;

/// {max(veteran_shortlist_k, 1), max(posting_shortlist_k,
/// kStablePostingDepth)} for posting_ranking score (or couples together);
/// the config's for points.
ShortlistDepth stable_shortlist_depth(const RoundConfig& config);

/// `shortlists` were built at stable_shortlist_depth(config).
PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists,
                     const ProgressFn& progress = {});

/// The same on shortlists built at `depth` (veteran_k >= 1): any depth
/// gives the same outcome, only the work differs (tests use shallow lists
/// to make the deepening run).
PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists, const ShortlistDepth& depth,
                     const ProgressFn& progress = {});

}  // namespace vetmatch
