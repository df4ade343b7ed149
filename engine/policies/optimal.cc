#include "engine/policies/optimal.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <stdexcept>

#include "engine/assignment/bmatching.h"
#include "engine/assignment/bmatching_check.h"
#include "engine/policies/candidate_graph.h"
#include "engine/policies/optimal_costs.h"
#include "engine/policies/optimal_couples.h"
#include "engine/policies/optimality_certificate.h"
#include "engine/policies/partner_anchors.h"

namespace vetmatch {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::int64_t total_openings(const IndexedRound& ir) {
  std::int64_t total = 0;
  for (Openings o : ir.posting_open) total += std::max<Openings>(o, 0);
  return total;
}

// Whether `lists` were built at least as deep as `need` asks.
bool deep_enough(const IndexedRound& ir, const Shortlists& lists,
                 const ShortlistOptions& need) {
  if (lists.veteran_depth < need.veteran_k ||
      lists.veteran_offsets.size() != ir.veteran_slot.size() + 1 ||
      lists.posting_offsets.size() != ir.posting_slot.size() + 1 ||
      lists.posting_depth.size() != ir.posting_slot.size()) {
    return false;
  }
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    const int k =
        need.posting_k_each.empty() ? need.posting_k : need.posting_k_each[p];
    if (lists.posting_depth[ir.posting_of[p]] < k) return false;
  }
  return true;
}

void check_or_throw(const BMatchingGraph& graph,
                    const BMatchingSolution& solution) {
  const BMatchingCheck check = check_bmatching(graph, solution);
  if (!check.ok) {
    throw std::logic_error("optimal: the solver's proof fails: " +
                           check.problem);
  }
}

// Posting and veteran duals, each placed veteran's pair made tight.
OptimalDuals optimal_duals(const CandidateGraph& graph,
                           const BMatchingSolution& solution) {
  const bool postings_left = graph.postings_left();
  BMatchingDuals d = folded_duals(graph.graph, solution, !postings_left);
  if (postings_left) return {std::move(d.left), std::move(d.right)};
  return {std::move(d.right), std::move(d.left)};
}

// Each veteran's posting slot (-1: none) and pair score under an
// assignment: the solved graph's used arcs, plus pairs fixed outside it.
struct Placement {
  std::vector<std::int32_t> posting;
  std::vector<const PairScore*> score;
};

Placement placement_of(const IndexedRound& ir, const CandidateGraph& graph,
                       const BMatchingSolution& solution,
                       std::span<const FixedPair> fixed = {}) {
  const BMatchingGraph& g = graph.graph;
  const bool postings_left = graph.postings_left();
  Placement out{std::vector<std::int32_t>(ir.n_veterans, -1),
                std::vector<const PairScore*>(ir.n_veterans, nullptr)};
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      if (!solution.arc_used[a]) continue;
      const std::int32_t v = postings_left ? g.arc_right[a] : l;
      out.posting[v] = postings_left ? l : g.arc_right[a];
      out.score[v] = &graph.score(a);
    }
  }
  for (const FixedPair& f : fixed) {
    out.posting[f.veteran] = f.posting;
    out.score[f.veteran] = &f.score;
  }
  return out;
}

PolicyOutcome outcome_of(const IndexedRound& ir, const Shortlists& lists,
                         const Placement& placement, OptimalityReport& report) {
  PolicyOutcome out;
  report.score_units = 0;
  report.total_score = 0.0;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (placement.posting[v] >= 0) {
      Assignment assignment;
      assignment.veteran = ir.veteran_of[v];
      assignment.posting = ir.posting_of[placement.posting[v]];
      assignment.score = *placement.score[v];
      out.assignments.push_back(assignment);
      report.score_units += score_units(assignment.score.score);
      report.total_score += assignment.score.score;
    } else {
      const bool none = lists.of_veteran(ir.veteran_of[v]).empty();
      out.unassigned.push_back({ir.veteran_of[v],
                                none ? UnassignedReason::kNoEligiblePosting
                                     : UnassignedReason::kEligiblePostingsFull,
                                0, std::nullopt});
    }
  }
  report.placed = std::int64_t(out.assignments.size());
  return out;
}

struct Solved {
  CandidateGraph graph;
  BMatchingSolution solution;
};

// Solves on the candidate graph and proves what it can (exact mode:
// deepening until the proof holds); fills the report's proof fields.
Solved solve_and_prove(const RoundConfig& config, const IndexedRound& ir,
                       const Shortlists& lists, CandidateSide side,
                       std::int64_t bonus, const PartnerAnchors& anchors,
                       OptimalityReport& report) {
  std::vector<ScoredPair> extra;
  Solved out;
  while (true) {
    Clock::time_point start = Clock::now();
    out.graph = build_candidate_graph(ir, lists, side, bonus, extra);
    // Pairs the couples rule leaves out are left out of the graph; every
    // proof below is then over the pairs it allows.
    drop_disallowed_arcs(out.graph, anchors);
    out.solution = solve_bmatching(out.graph.graph);
    report.solve_seconds += seconds_since(start);

    start = Clock::now();
    check_or_throw(out.graph.graph, out.solution);
    const OptimalDuals duals = optimal_duals(out.graph, out.solution);
    const std::vector<std::uint8_t> risk =
        lists_at_risk(ir, out.graph, side, duals, bonus);
    const std::int64_t at_risk = std::count(risk.begin(), risk.end(), 1);
    if (at_risk == 0) {
      report.certified = true;
      report.method = CertificateMethod::kListBounds;
    } else if (!config.exact) {
      report.lists_at_risk = at_risk;
    } else {
      std::vector<ScoredPair> found =
          violating_pairs(ir, side, risk, duals, bonus);
      std::erase_if(found, [&](const ScoredPair& pair) {
        return !anchors.allows(pair.veteran, pair.posting);
      });
      if (found.empty()) {
        report.certified = true;
        report.method = CertificateMethod::kPairScan;
      } else {
        ++report.deepenings;
        report.pairs_added += std::int64_t(found.size());
        extra.insert(extra.end(), found.begin(), found.end());
      }
    }
    report.certificate_seconds += seconds_since(start);
    if (report.certified || !config.exact) break;
  }
  report.graph_arcs = out.graph.graph.arc_count();
  return out;
}

// couples == together, when the relaxation splits a couple: the repair of
// optimal_couples.h (couples at the relaxation's prices, then everybody
// else solved again on the openings left).
Placement repair_couples(const RoundConfig& config, const IndexedRound& ir,
                         const Shortlists& lists, const Solved& relaxed,
                         std::span<const Couple> couples, std::int64_t bonus,
                         std::vector<FixedPair>& fixed,
                         OptimalityReport& report, Solved& singles) {
  const Clock::time_point start = Clock::now();
  const OptimalDuals duals = optimal_duals(relaxed.graph, relaxed.solution);
  std::vector<Openings> openings = ir.posting_open;
  fixed = place_couples(ir, config, relaxed.graph, lists, couples,
                        duals.posting, bonus, openings);
  std::vector<std::uint8_t> member(ir.n_veterans, 0);
  for (const Couple& c : couples) member[c.first] = member[c.second] = 1;
  singles.graph = relaxed.graph;
  restrict_candidate_graph(singles.graph, member, openings);
  singles.solution = solve_bmatching(singles.graph.graph);
  check_or_throw(singles.graph.graph, singles.solution);
  report.solve_seconds += seconds_since(start);
  return placement_of(ir, singles.graph, singles.solution, fixed);
}

}  // namespace

CandidateSide optimal_candidate_side(const IndexedRound& ir) {
  return total_openings(ir) <= ir.n_veterans ? CandidateSide::kPostings
                                             : CandidateSide::kVeterans;
}

ShortlistOptions optimal_shortlist_options(const RoundConfig& config,
                                           const IndexedRound& ir) {
  ShortlistOptions options;
  options.veteran_k = std::max(config.veteran_shortlist_k, 1);
  options.posting_k = config.posting_shortlist_k;
  if (optimal_candidate_side(ir) == CandidateSide::kVeterans) {
    options.veteran_k = std::max(options.veteran_k, config.candidate_k);
    return options;
  }
  options.posting_k_each.resize(ir.n_postings);
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    const std::int64_t depth =
        std::min<std::int64_t>(std::int64_t(config.candidate_k) *
                                   std::max<Openings>(ir.posting_open[p], 0),
                               ir.n_veterans);
    options.posting_k_each[p] =
        std::max(config.posting_shortlist_k, static_cast<int>(depth));
    options.posting_k = std::max(options.posting_k, options.posting_k_each[p]);
  }
  return options;
}

PolicyOutcome optimal(const RoundConfig& config, const IndexedRound& ir,
                      const Shortlists& shortlists,
                      const ProgressFn& progress) {
  const ShortlistOptions need = optimal_shortlist_options(config, ir);
  Shortlists own;
  const Shortlists* lists = &shortlists;
  if (!deep_enough(ir, shortlists, need)) {
    own = build_shortlists(ir, need);
    lists = &own;
  }
  const CandidateSide side = optimal_candidate_side(ir);
  const std::int64_t bonus =
      placement_bonus(config.objective, ir.n_veterans, total_openings(ir));

  const PartnerAnchors anchors(ir, config);
  OptimalityReport report;
  report.objective = config.objective;
  report.side = side;
  const Solved relaxed =
      solve_and_prove(config, ir, *lists, side, bonus, anchors, report);
  Placement placement = placement_of(ir, relaxed.graph, relaxed.solution);

  // Couples: kept together by the relaxation (then it is optimal under the
  // rule too), or repaired.
  std::vector<FixedPair> fixed;
  Solved singles;
  if (config.couples == CouplesRule::kTogether) {
    const std::vector<Couple> couples = couples_in_round(ir);
    report.couples_together = true;
    report.couples = std::int64_t(couples.size());
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      if (placement.posting[v] < 0) continue;
      ++report.bound_placed;
      report.bound_score_units += score_units(placement.score[v]->score);
    }
    for (const Couple& c : couples) {
      const Couple one[] = {c};
      report.couples_repaired +=
          !keeps_couples(ir, one, placement.posting, config.couple_max_km);
    }
    if (report.couples_repaired > 0) {
      report.certified = false;
      report.method = CertificateMethod::kNone;
      placement = repair_couples(config, ir, *lists, relaxed, couples, bonus,
                                 fixed, report, singles);
    }
    for (const Couple& c : couples) {
      report.couples_placed += placement.posting[c.first] >= 0;
    }
  }
  PolicyOutcome out = outcome_of(ir, *lists, placement, report);
  out.optimality = report;
  if (progress) progress("policy", 1.0);
  return out;
}

}  // namespace vetmatch
