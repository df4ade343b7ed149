// `stable` with couples placed together (config.couples == together): the
// Roth-Peranson approach, the one the US medical residency match (NRMP)
// uses.
//
// Couples: two veterans of the round who name each other as partner. (A
// veteran whose partner was taken in an earlier round, or names someone
// else, is single here; the former takes only postings at most
// couple_max_km from the partner's, partner_anchors.h.) A couple is placed as
// one unit on a pair of postings (p1 for the partner with the lower id, p2 for
// the other), both eligible for their partner, at most config.couple_max_km
// apart (great-circle, posting to posting); p1 == p2 needs two openings. A
// couple ranks its pairs by the sum of the two scores (desc), then p1's
// id, then p2's (asc). Postings rank each partner as they rank anyone
// (config.posting_ranking). One partner is never placed alone.
//
// Method (Roth and Peranson 1999): singles propose first, by deferred
// acceptance; then the couples are added one at a time (by the lower
// partner's id), each applying down its list of pairs until both postings
// take their partner. Whoever that displaces applies again: a displaced
// single goes on down their list; a displaced partner takes the couple out
// of both its postings and the couple applies again from its next pair.
// A couple leaving a posting (or swapping places in it) opens a place
// there, so the applicants who went past that posting and would rather
// have it try it again, best first by the posting's ranking while it could
// take them (one moving up opens another place). Cycles are possible with
// couples: a couple displaced more than 16 times gives up and stays out
// (couples_given_up). The procedure stops when nobody is left to apply, or
// after 8 times as many applications as the graph has arcs and pairs:
// then the last placement stands and `couple_limit_reached` is set.
// The candidate graph and the certificate are stable.h's: lists are
// deepened until no single can block off the graph, then the whole
// procedure runs again on the deeper graph. A stable matching need not
// exist with couples, so the result says what instability is left, over
// all eligible pairs: blocking pairs of singles (StabilityReport::
// blocking_pairs) and couples that would both rather take a pair of
// postings that would take them (blocking_couples, checked against every
// posting either list or the certificate leaves possible). Cost: as
// stable.h's, plus the couples' pairs (at most the product of the two
// partners' list lengths each).
#pragma once

#include <cstdint>

#include "engine/policies/policy.h"

namespace vetmatch {

/// Whether two veterans of the round name each other as partner.
bool has_couples(const IndexedRound& ir);

/// Where Roth-Peranson stops (defaults as documented above; tests make
/// them small to reach those paths).
struct CouplesLimits {
  /// Times a couple may be displaced before it gives up.
  std::int32_t max_displacements = 16;
  /// Applications allowed: this many per arc and pair, plus the extra.
  std::int64_t applications_per_arc = 8;
  std::int64_t applications_extra = 1024;
};

/// `shortlists` built at `depth` (veteran_k >= 1).
PolicyOutcome couples_stable(const RoundConfig& config, const IndexedRound& ir,
                             const Shortlists& shortlists,
                             const ShortlistDepth& depth,
                             const ProgressFn& progress = {},
                             const CouplesLimits& limits = {});

}  // namespace vetmatch
