// The matching policies on a generated round, and the `optimal` policy's
// solver against LEMON on the same candidate graph, in one run.
//
//   build/release/bench/policy_benchmark [--preset city|district]
//       [--veterans N] [--postings N] [--objective coverage_first|
//       total_score|both] [--candidate-k K] [--repeat R] [--no-others]
//       [--no-scan]
//
// (`make bench-policies`: the city preset, 265,000 x 10,000, both
// objectives.) Steps, each timed:
//  1. generate the round (seed 1), resolve its codes, index it;
//  2. build the shortlists the optimal policy asks for
//     (optimal_shortlist_options: the config's k, and each posting's best
//     candidate_k x openings veterans when openings are scarce);
//  3. per objective: build the candidate graph once (integer weights,
//     engine/policies/optimal_costs.h), then solve it R times each with
//     vetmatch's solver (engine/assignment/bmatching.h), LEMON
//     NetworkSimplex and LEMON CostScaling (LEMON's run() only, its
//     network built before the clock); print the best of R, the ratio of
//     the faster LEMON to vetmatch, and each one's objective (they must be
//     equal: the program fails otherwise);
//  4. run the whole policy (optimal(), graph building + solve + proof),
//     without and with exact mode, and with couples kept together (the
//     repair of optimal_couples.h), and print its report: certified or
//     not, by which method, solve and certificate seconds, deepenings;
//     then scan every eligible pair against the first solve's duals (the
//     exact mode's pass, forced on every list; --no-scan skips it) and
//     print its time and how many pairs beat the duals;
//  5. time each other policy through run_policy() on the same lists
//     (points_order, stable; a policy that throws is reported as such).
// Times are wall-clock seconds on however many cores oneTBB finds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/generator/generator.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/assignment/bmatching.h"
#include "engine/assignment/bmatching_check.h"
#include "engine/policies/candidate_graph.h"
#include "engine/policies/optimal.h"
#include "engine/policies/optimal_costs.h"
#include "engine/policies/optimality_certificate.h"
#include "engine/scoring/indexed_round.h"
#include "engine/skills/resolve_skills.h"
#include "tests/support/lemon_bmatching.h"

namespace vetmatch {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Args {
  Preset preset = Preset::kCity;
  std::optional<std::int64_t> veterans, postings;
  std::vector<OptimalObjective> objectives = {OptimalObjective::kCoverageFirst,
                                              OptimalObjective::kTotalScore};
  int repeat = 3;
  int candidate_k = 0;  ///< 0: the preset's config
  bool others = true;
  bool scan = true;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "policy_benchmark: %s\nusage: policy_benchmark [--preset "
               "city|district] [--veterans N] [--postings N] [--objective "
               "coverage_first|total_score|both] [--candidate-k K] [--repeat "
               "R] [--no-others] [--no-scan]\n",
               problem);
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value after " + arg).c_str());
      return argv[++i];
    };
    if (arg == "--preset") {
      const auto p = parse_preset(value());
      if (!p) usage("unknown preset");
      a.preset = *p;
    } else if (arg == "--veterans") {
      a.veterans = std::stoll(value());
    } else if (arg == "--postings") {
      a.postings = std::stoll(value());
    } else if (arg == "--objective") {
      const std::string o = value();
      if (o == "both") continue;
      const auto parsed = parse_optimal_objective(o);
      if (!parsed) usage("unknown objective");
      a.objectives = {*parsed};
    } else if (arg == "--candidate-k") {
      a.candidate_k = std::stoi(value());
      if (a.candidate_k < 1 || a.candidate_k > 1000) usage("bad candidate k");
    } else if (arg == "--repeat") {
      a.repeat = std::max(1, std::stoi(value()));
    } else if (arg == "--no-others") {
      a.others = false;
    } else if (arg == "--no-scan") {
      a.scan = false;
    } else {
      usage(("unknown argument " + arg).c_str());
    }
  }
  return a;
}

std::string text(__int128 x) {
  std::string digits;
  const bool negative = x < 0;
  unsigned __int128 u = negative ? -x : x;
  do {
    digits.insert(digits.begin(), char('0' + int(u % 10)));
    u /= 10;
  } while (u != 0);
  return negative ? "-" + digits : digits;
}

__int128 weight_of(const BMatchingGraph& g, const BMatchingSolution& s) {
  __int128 total = 0;
  for (std::int64_t a = 0; a < g.arc_count(); ++a) {
    if (s.arc_used[a]) total += g.arc_weight[a];
  }
  return total;
}

struct Timed {
  double best = 0.0;
  __int128 weight = 0;
  std::int64_t used = 0;
};

template <typename Run>
Timed best_of(int repeat, Run run) {
  Timed t;
  t.best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const Timed one = run();
    t.best = std::min(t.best, one.best);
    t.weight = one.weight;
    t.used = one.used;
  }
  return t;
}

void compare_solvers(const IndexedRound& ir, const Shortlists& lists,
                     const RoundConfig& config, const Args& args) {
  const CandidateSide side = optimal_candidate_side(ir);
  std::int64_t openings = 0;
  for (Openings o : ir.posting_open) openings += std::max<Openings>(o, 0);
  const std::int64_t bonus =
      placement_bonus(config.objective, ir.n_veterans, openings);
  Clock::time_point start = Clock::now();
  const CandidateGraph graph =
      build_candidate_graph(ir, lists, side, bonus, {});
  const BMatchingGraph& g = graph.graph;
  std::printf(
      "\n## objective %s: candidate graph from the %s' lists, %lld arcs, "
      "%d left and %d right nodes, built in %.3f s\n\n",
      std::string(to_string(config.objective)).c_str(),
      std::string(to_string(side)).c_str(), (long long)g.arc_count(),
      g.left_count, g.right_count, seconds_since(start));

  BMatchingSolution ours_solution;
  const Timed ours = best_of(args.repeat, [&] {
    const Clock::time_point t = Clock::now();
    ours_solution = solve_bmatching(g);
    const double s = seconds_since(t);
    return Timed{s, weight_of(g, ours_solution), ours_solution.used_arcs};
  });
  if (!check_bmatching(g, ours_solution).ok) {
    throw std::logic_error("vetmatch's solution fails its own check");
  }
  auto lemon = [&](test::LemonAlgorithm algorithm) {
    return best_of(args.repeat, [&] {
      const test::LemonSolution s = test::lemon_bmatching(g, algorithm);
      return Timed{s.run_seconds, s.weight, s.used_arcs};
    });
  };
  const Timed ns = lemon(test::LemonAlgorithm::kNetworkSimplex);
  const Timed cs = lemon(test::LemonAlgorithm::kCostScaling);
  const double faster = std::min(ns.best, cs.best);
  std::printf(
      "| solver (best of %d) | seconds | LEMON best / this | placed | "
      "objective (integer weight) |\n|---|---:|---:|---:|---|\n",
      args.repeat);
  auto row = [&](const char* name, const Timed& t) {
    std::printf("| %s | %.4f | %.1f | %lld | %s |\n", name, t.best,
                faster / t.best, (long long)t.used, text(t.weight).c_str());
  };
  row("vetmatch solve_bmatching", ours);
  row("LEMON NetworkSimplex", ns);
  row("LEMON CostScaling", cs);
  std::printf(
      "\nvetmatch work (last run): %lld searches, %lld left nodes settled, "
      "%lld arcs scanned; set-up %.4f s, searches %.4f s\n",
      (long long)ours_solution.work.searches,
      (long long)ours_solution.work.left_settled,
      (long long)ours_solution.work.arcs_scanned,
      ours_solution.work.setup_seconds, ours_solution.work.search_seconds);
  if (ours.weight != ns.weight || ours.weight != cs.weight) {
    throw std::logic_error("objectives differ between the solvers");
  }
  std::printf("objectives equal: yes\n");

  // The whole policy, and its proof, without and with exact mode, and with
  // couples kept together.
  std::string couples_line;
  std::printf(
      "\n| optimal() | seconds | solve | certificate | certified | "
      "method | lists at risk | deepenings | pairs added | placed | "
      "total score |\n|---|---:|---:|---:|---|---|---:|---:|---:|---:|"
      "---:|\n");
  const char* const runs[] = {"default", "exact", "couples together"};
  for (int run = 0; run < 3; ++run) {
    const bool exact = run == 1;
    RoundConfig run_config = config;
    run_config.exact = exact;
    if (run == 2) run_config.couples = CouplesRule::kTogether;
    start = Clock::now();
    const PolicyOutcome outcome = optimal(run_config, ir, lists);
    const double policy_seconds = seconds_since(start);
    const OptimalityReport& r = *outcome.optimality;
    std::printf(
        "| %s | %.3f | %.3f | %.3f | %s | %s | %lld | %d | %lld | %lld | "
        "%.6f |\n",
        runs[run], policy_seconds, r.solve_seconds, r.certificate_seconds,
        r.certified ? "yes" : "no", std::string(to_string(r.method)).c_str(),
        (long long)r.lists_at_risk, r.deepenings, (long long)r.pairs_added,
        (long long)r.placed, r.total_score);
    if (exact && !r.certified) throw std::logic_error("exact: not certified");
    if (run == 2) {
      couples_line = "couples (couple_max_km " +
                     std::to_string(config.couple_max_km) +
                     "): " + std::to_string(r.couples) + " in the round, " +
                     std::to_string(r.couples_placed) + " placed together, " +
                     std::to_string(r.couples_repaired) +
                     " repaired; bound (everybody on their own): " +
                     std::to_string(r.bound_placed) + " placed, " +
                     std::to_string(r.bound_score_units) +
                     " units; kept: " + std::to_string(r.placed) + " placed, " +
                     std::to_string(r.score_units) + " units";
    }
  }
  std::printf("%s\n", couples_line.c_str());
  if (args.scan) {
    const BMatchingDuals folded =
        folded_duals(g, ours_solution, !graph.postings_left());
    const OptimalDuals duals = graph.postings_left()
                                   ? OptimalDuals{folded.left, folded.right}
                                   : OptimalDuals{folded.right, folded.left};
    const std::size_t owners = graph.cut_units.size();
    const std::vector<std::uint8_t> all(owners, 1);
    start = Clock::now();
    const std::vector<ScoredPair> beat =
        violating_pairs(ir, side, all, duals, bonus);
    const double scan_seconds = seconds_since(start);
    std::printf(
        "full reduced-cost scan of all %lld pairs against the duals: %.3f "
        "s, %zu pairs beat them%s\n",
        (long long)(std::int64_t(ir.n_veterans) * ir.n_postings), scan_seconds,
        beat.size(), beat.empty() ? " (optimal over all eligible pairs)" : "");
    std::fflush(stdout);
  }
}

void time_other_policies(const IndexedRound& ir, const Shortlists& lists,
                         RoundConfig config) {
  std::printf("\n| policy | seconds | placed |\n|---|---:|---:|\n");
  for (PolicyKind kind : {PolicyKind::kPointsOrder, PolicyKind::kStable}) {
    config.policy = kind;
    const Clock::time_point start = Clock::now();
    try {
      const PolicyOutcome outcome = run_policy(config, ir, lists);
      std::printf("| %s | %.3f | %zu |\n", std::string(to_string(kind)).c_str(),
                  seconds_since(start), outcome.assignments.size());
    } catch (const std::exception& e) {
      std::printf("| %s | not run: %s | |\n",
                  std::string(to_string(kind)).c_str(), e.what());
    }
  }
}

int run(const Args& args) {
  Clock::time_point start = Clock::now();
  GeneratorOptions generator(args.preset, 1);
  generator.veterans = args.veterans;
  generator.postings = args.postings;
  Round round = generate_round(generator);
  for (const ValidationIssue& issue :
       resolve_skills(round, bundled_skill_space())) {
    if (!issue.warning) throw std::logic_error("generated: " + issue.found);
  }
  const IndexedRound ir = index_round(round);
  std::int64_t openings = 0;
  for (Openings o : ir.posting_open) openings += std::max<Openings>(o, 0);
  std::printf(
      "# policy_benchmark: %s, %d veterans x %d postings, %lld openings; "
      "generated and indexed in %.1f s\n",
      std::string(to_string(args.preset)).c_str(), ir.n_veterans, ir.n_postings,
      (long long)openings, seconds_since(start));

  RoundConfig config = round.config;
  config.policy = PolicyKind::kOptimal;
  if (args.candidate_k > 0) config.candidate_k = args.candidate_k;
  start = Clock::now();
  const Shortlists lists =
      build_shortlists(ir, optimal_shortlist_options(config, ir));
  std::printf(
      "shortlists as optimal asks (candidate_k %d): %.1f s, %zu veteran "
      "entries, %zu posting entries\n",
      config.candidate_k, seconds_since(start), lists.veteran_entries.size(),
      lists.posting_entries.size());

  for (OptimalObjective objective : args.objectives) {
    config.objective = objective;
    compare_solvers(ir, lists, config, args);
  }
  if (args.others) time_other_policies(ir, lists, config);
  return 0;
}

}  // namespace
}  // namespace vetmatch

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines as they come
  try {
    return vetmatch::run(vetmatch::parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "policy_benchmark: %s\n", e.what());
    return 1;
  }
}
