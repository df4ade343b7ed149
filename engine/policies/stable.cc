#include "engine/policies/stable.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>

#include "engine/policies/candidate_lists.h"
#include "engine/policies/couples_stable.h"
#include "engine/policies/deferred_acceptance.h"
#include "engine/policies/points_order.h"
#include "engine/policies/stable_certificate.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/deeper_lists.h"

namespace vetmatch {
namespace {

PolicyOutcome stable_by_score(const IndexedRound& ir,
                              const Shortlists& shortlists,
                              const ShortlistDepth& depth,
                              const PartnerAnchors& anchors,
                              const ProgressFn& progress) {
  CandidateLists lists(ir, shortlists, depth);
  ListDeepener deepener(ir);
  StabilityReport report;
  report.method = StabilityReport::Method::kDeferredAcceptance;
  const std::vector<double> no_points;
  CandidateGraph graph = lists.graph();
  for (;;) {
    const DeferredAcceptanceOutcome da =
        deferred_acceptance(graph, ir.posting_open, PostingRanking::kScore,
                            no_points, anchors.any() ? &anchors : nullptr);
    report.proposals += da.proposals;
    const PostingHolds holds(ir, graph, da.held_arc, PostingRanking::kScore,
                             no_points);
    const Failing failing = certify(ir, lists, graph, da.held_arc, holds,
                                    PostingRanking::kScore, no_points, {});
    if (failing.certified()) {
      report.candidate_arcs = static_cast<std::int64_t>(graph.arcs.size());
      PolicyOutcome out = outcome_of(ir, graph, da.held_arc, lists);
      out.stability = report;
      if (progress) progress("policy", 1.0);
      return out;
    }
    deepen(ir, failing, deepener, lists, graph, report);
    if (progress) progress("policy", 0.5);
  }
}

// posting_ranking points: serial dictatorship in points order, which is
// the unique stable matching; points_order computes it exactly.
PolicyOutcome stable_by_points(const RoundConfig& config,
                               const IndexedRound& ir,
                               const Shortlists& shortlists,
                               const ShortlistDepth& depth,
                               const ProgressFn& progress) {
  // points_order reads the lists at the depth they were built with. No
  // couple is in the round (else couples_stable runs); with couples
  // together points_order keeps a veteran whose partner was taken before
  // near the partner's posting, as serial dictatorship over the pairs
  // partner_anchors.h allows does.
  RoundConfig singles = config;
  singles.veteran_shortlist_k = depth.veteran_k;
  singles.posting_shortlist_k = depth.posting_k;
  PolicyOutcome out = points_order(singles, ir, shortlists, progress);
  for (Assignment& a : out.assignments) a.turn = a.rank = a.open_postings = 0;
  for (Unassigned& u : out.unassigned) u.turn = 0;
  std::sort(out.assignments.begin(), out.assignments.end(),
            [&](const Assignment& a, const Assignment& b) {
              return ir.veteran_slot[a.veteran] < ir.veteran_slot[b.veteran];
            });
  StabilityReport report;
  report.method = StabilityReport::Method::kSerialDictatorship;
  out.stability = report;
  return out;
}

}  // namespace

ShortlistDepth stable_shortlist_depth(const RoundConfig& config) {
  if (config.posting_ranking == PostingRanking::kPoints &&
      config.couples != CouplesRule::kTogether) {
    return {config.veteran_shortlist_k, config.posting_shortlist_k};
  }
  return {std::max(config.veteran_shortlist_k, 1),
          std::max(config.posting_shortlist_k, kStablePostingDepth)};
}

PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists, const ProgressFn& progress) {
  return stable(config, ir, shortlists, stable_shortlist_depth(config),
                progress);
}

PolicyOutcome stable(const RoundConfig& config, const IndexedRound& ir,
                     const Shortlists& shortlists, const ShortlistDepth& depth,
                     const ProgressFn& progress) {
  if (config.couples == CouplesRule::kTogether && has_couples(ir)) {
    return couples_stable(config, ir, shortlists, depth, progress);
  }
  if (config.posting_ranking == PostingRanking::kPoints) {
    return stable_by_points(config, ir, shortlists, depth, progress);
  }
  return stable_by_score(ir, shortlists, depth, PartnerAnchors(ir, config),
                         progress);
}

}  // namespace vetmatch
