#include "engine/policies/optimal.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "engine/assignment/bmatching.h"
#include "engine/assignment/bmatching_check.h"
#include "engine/policies/candidate_graph.h"
#include "engine/policies/optimal_costs.h"
#include "engine/policies/optimality_certificate.h"

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

// Posting and veteran duals, each placed veteran's pair made tight.
OptimalDuals optimal_duals(const CandidateGraph& graph,
                           const BMatchingSolution& solution) {
  const bool postings_left = graph.postings_left();
  BMatchingDuals d = folded_duals(graph.graph, solution, !postings_left);
  if (postings_left) return {std::move(d.left), std::move(d.right)};
  return {std::move(d.right), std::move(d.left)};
}

PolicyOutcome outcome_of(const IndexedRound& ir, const Shortlists& lists,
                         const CandidateGraph& graph,
                         const BMatchingSolution& solution,
                         OptimalityReport& report) {
  const BMatchingGraph& g = graph.graph;
  const bool postings_left = graph.postings_left();
  // Each placed veteran's arc, and that arc's posting.
  std::vector<std::int64_t> arc_of(ir.n_veterans, -1);
  std::vector<std::int32_t> posting_of_arc(g.arc_count());
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    for (std::int64_t a = g.arc_begin[l]; a < g.arc_begin[l + 1]; ++a) {
      posting_of_arc[a] = postings_left ? l : g.arc_right[a];
      if (solution.arc_used[a]) arc_of[postings_left ? g.arc_right[a] : l] = a;
    }
  }
  PolicyOutcome out;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const std::int64_t a = arc_of[v];
    if (a >= 0) {
      Assignment assignment;
      assignment.veteran = ir.veteran_of[v];
      assignment.posting = ir.posting_of[posting_of_arc[a]];
      assignment.score = graph.score(a);
      out.assignments.push_back(assignment);
      report.score_units += score_units(assignment.score.score);
      report.total_score += assignment.score.score;
    } else {
      const bool none = lists.of_veteran(ir.veteran_of[v]).empty();
      out.unassigned.push_back({ir.veteran_of[v],
                                none ? UnassignedReason::kNoEligiblePosting
                                     : UnassignedReason::kEligiblePostingsFull,
                                0});
    }
  }
  report.placed = std::int64_t(out.assignments.size());
  report.graph_arcs = g.arc_count();
  return out;
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

  OptimalityReport report;
  report.objective = config.objective;
  report.side = side;
  std::vector<ScoredPair> extra;
  CandidateGraph graph;
  BMatchingSolution solution;
  while (true) {
    Clock::time_point start = Clock::now();
    graph = build_candidate_graph(ir, *lists, side, bonus, extra);
    solution = solve_bmatching(graph.graph);
    report.solve_seconds += seconds_since(start);

    start = Clock::now();
    const BMatchingCheck check = check_bmatching(graph.graph, solution);
    if (!check.ok) {
      throw std::logic_error("optimal: the solver's proof fails: " +
                             check.problem);
    }
    const OptimalDuals duals = optimal_duals(graph, solution);
    const std::vector<std::uint8_t> risk =
        lists_at_risk(ir, graph, side, duals, bonus);
    const std::int64_t at_risk = std::count(risk.begin(), risk.end(), 1);
    if (at_risk == 0) {
      report.certified = true;
      report.method = CertificateMethod::kListBounds;
    } else if (!config.exact) {
      report.lists_at_risk = at_risk;
    } else {
      const std::vector<ScoredPair> found =
          violating_pairs(ir, side, risk, duals, bonus);
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

  PolicyOutcome out = outcome_of(ir, *lists, graph, solution, report);
  out.optimality = report;
  if (progress) progress("policy", 1.0);
  return out;
}

}  // namespace vetmatch
