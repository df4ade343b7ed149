#include "engine/fair/plan.h"

#include <algorithm>
#include <stdexcept>

#include "engine/assignment/covering_bmatching.h"
#include "engine/policies/optimal_costs.h"

namespace vetmatch {
namespace {

constexpr std::int64_t kMaxWeight = std::int64_t{1} << 60;

// A veteran's booth fits (fits entries with unit < booths), best first:
// fit descending, ties by booth id.
std::vector<const UnitFit*> ranked_booths(const Fair& fair,
                                          const FairFits& fits,
                                          VeteranIndex v) {
  std::vector<const UnitFit*> out;
  for (const UnitFit& f : fits.of(v)) {
    if (fits.is_booth(f.unit)) out.push_back(&f);
  }
  std::sort(out.begin(), out.end(), [&](const UnitFit* a, const UnitFit* b) {
    if (a->score.score != b->score.score) {
      return a->score.score > b->score.score;
    }
    return fair.booths[a->unit].id < fair.booths[b->unit].id;
  });
  return out;
}

// A fitting pair's weight: its score in units, at least 1.
std::int64_t weight_of(const UnitFit& f) {
  return std::max<std::int64_t>(1, score_units(f.score.score));
}

// The graph: booths on the left (their interviews are the scarce side,
// where the solver's searches start), veterans on the right; each
// veteran's first depth[v] booths of ranked[v]; a booth's arcs by veteran
// index.
void build_graph(const Fair& fair,
                 const std::vector<std::vector<const UnitFit*>>& ranked,
                 const std::vector<std::int32_t>& depth, BMatchingGraph* graph,
                 std::vector<const UnitFit*>* arc_fit) {
  const std::int32_t booths = static_cast<std::int32_t>(fair.booths.size());
  const std::int32_t n = static_cast<std::int32_t>(ranked.size());
  BMatchingGraph& g = *graph;
  g.left_count = booths;
  g.right_count = n;
  g.left_capacity.clear();
  for (const Booth& b : fair.booths) g.left_capacity.push_back(b.capacity);
  g.right_capacity = fair.visit_limit;
  g.arc_begin.assign(std::size_t(booths) + 1, 0);
  for (VeteranIndex v = 0; v < n; ++v) {
    for (std::int32_t r = 0; r < depth[v]; ++r) {
      ++g.arc_begin[ranked[v][r]->unit + 1];
    }
  }
  for (std::int32_t b = 0; b < booths; ++b) {
    g.arc_begin[b + 1] += g.arc_begin[b];
  }
  const std::int64_t arcs = g.arc_begin[booths];
  g.arc_right.resize(arcs);
  g.arc_weight.resize(arcs);
  arc_fit->resize(arcs);
  std::vector<std::int64_t> next(g.arc_begin.begin(), g.arc_begin.end() - 1);
  for (VeteranIndex v = 0; v < n; ++v) {
    for (std::int32_t r = 0; r < depth[v]; ++r) {
      const UnitFit* f = ranked[v][r];
      const std::int64_t a = next[f->unit]++;
      g.arc_right[a] = v;
      g.arc_weight[a] = weight_of(*f);
      (*arc_fit)[a] = f;
    }
  }
}

void count(PlanCoverage& c, bool eligible, bool planned) {
  ++c.registered;
  c.with_eligible_booth += eligible ? 1 : 0;
  c.planned += planned ? 1 : 0;
}

}  // namespace

std::string_view to_string(ShortReason r) {
  switch (r) {
    case ShortReason::kNone:
      return "none";
    case ShortReason::kNoEligibleBooth:
      return "no_eligible_booth";
    case ShortReason::kFewerEligibleBooths:
      return "fewer_eligible_booths";
    case ShortReason::kBoothsFull:
      return "booths_full";
  }
  return "?";
}

std::int64_t floor_bonus(std::int64_t usable_pairs, std::int64_t largest) {
  largest = std::max<std::int64_t>(0, largest);
  usable_pairs = std::max<std::int64_t>(0, usable_pairs);
  if (largest > 0 && usable_pairs > (kMaxWeight / 2) / largest) {
    throw std::invalid_argument("fair plan: too many pairs for exact weights");
  }
  return usable_pairs * largest + 1;
}

FairPlan plan_fair(const Fair& fair, const FairFits& fits,
                   const PlanOptions& options) {
  check_fair(fair);
  const std::int32_t booths = static_cast<std::int32_t>(fair.booths.size());
  const std::int32_t n = static_cast<std::int32_t>(fair.round.veterans.size());
  if (fits.booth_count != booths || fits.veteran_count() != n) {
    throw std::invalid_argument("plan_fair: fits of another fair");
  }
  const std::vector<Veteran>& vets = fair.round.veterans;

  // Each veteran's booths, best first; eligible and requested counts and
  // every fit's rank.
  std::vector<std::vector<const UnitFit*>> ranked(n);
  std::vector<std::int32_t> eligible(booths, 0), requested(booths, 0);
  std::vector<std::int32_t> fit_rank(fits.entries.size(), 0);
  std::int64_t largest = 0;
  for (VeteranIndex v = 0; v < n; ++v) {
    ranked[v] = ranked_booths(fair, fits, v);
    for (std::size_t r = 0; r < ranked[v].size(); ++r) {
      const UnitFit* f = ranked[v][r];
      ++eligible[f->unit];
      if (r < std::size_t(fair.visit_limit[v])) ++requested[f->unit];
      fit_rank[f - fits.entries.data()] = std::int32_t(r + 1);
      largest = std::max(largest, weight_of(*f));
    }
  }
  // The bonus from the whole graph (every fitting pair).
  std::int64_t usable_booths = 0, usable_veterans = 0;
  for (std::int32_t b = 0; b < booths; ++b) {
    usable_booths += std::min(fair.booths[b].capacity, eligible[b]);
  }
  for (VeteranIndex v = 0; v < n; ++v) {
    usable_veterans += std::min<std::int64_t>(fair.visit_limit[v],
                                              std::int64_t(ranked[v].size()));
  }
  const std::int64_t bonus =
      floor_bonus(std::min(usable_booths, usable_veterans), largest);

  // Every fitting pair in one graph.
  std::vector<std::int32_t> depth(n);
  for (VeteranIndex v = 0; v < n; ++v) {
    depth[v] = std::int32_t(ranked[v].size());
  }
  BMatchingGraph graph;
  std::vector<const UnitFit*> arc_fit;
  build_graph(fair, ranked, depth, &graph, &arc_fit);
  const CoveringSolution solution =
      solve_covering_bmatching(graph, bonus, CoverSide::kRight);
  FairPlan plan;
  plan.stats.work = solution.work;
  const std::int64_t arcs = graph.arc_count();
  plan.stats.pairs = arcs;
  plan.stats.proven_optimal = solution.proven;
  plan.stats.total_fit_units = static_cast<std::int64_t>(solution.weight);

  // Visits, by booth; the booth's invite order.
  std::vector<std::vector<Visit>> by_booth(booths);
  for (std::int64_t a = 0; a < arcs; ++a) {
    if (!solution.arc_used[a]) continue;
    const UnitFit& f = *arc_fit[a];
    Visit visit;
    visit.booth = f.unit;
    visit.veteran = graph.arc_right[a];
    visit.posting = f.posting;
    visit.score = f.score;
    visit.rank = fit_rank[arc_fit[a] - fits.entries.data()];
    by_booth[f.unit].push_back(visit);
  }
  plan.booths.resize(booths);
  for (std::int32_t b = 0; b < booths; ++b) {
    std::vector<Visit>& list = by_booth[b];
    std::sort(list.begin(), list.end(), [&](const Visit& x, const Visit& y) {
      if (x.score.score != y.score.score) return x.score.score > y.score.score;
      return vets[x.veteran].id < vets[y.veteran].id;
    });
    BoothPlan& bp = plan.booths[b];
    bp.booth = b;
    bp.capacity = fair.booths[b].capacity;
    bp.eligible = eligible[b];
    bp.requested = requested[b];
    for (const Visit& visit : list) {
      bp.invites.push_back(static_cast<std::int32_t>(plan.visits.size()));
      plan.visits.push_back(visit);
    }
  }

  // Routes, in veteran id order.
  std::vector<std::vector<std::int32_t>> route_of(n);
  for (std::size_t i = 0; i < plan.visits.size(); ++i) {
    route_of[plan.visits[i].veteran].push_back(static_cast<std::int32_t>(i));
  }
  std::vector<VeteranIndex> order(n);
  for (VeteranIndex v = 0; v < n; ++v) order[v] = v;
  std::sort(order.begin(), order.end(), [&](VeteranIndex a, VeteranIndex b) {
    return vets[a].id < vets[b].id;
  });
  FairPlanStats& stats = plan.stats;
  CongestionStats& cong = plan.congestion;
  for (VeteranIndex v : order) {
    VeteranRoute route;
    route.veteran = v;
    route.limit = fair.visit_limit[v];
    for (const UnitFit& f : fits.of(v)) {
      route.eligible_booths += fits.is_booth(f.unit) ? 1 : 0;
    }
    route.route = std::move(route_of[v]);
    std::sort(route.route.begin(), route.route.end(),
              [&](std::int32_t x, std::int32_t y) {
                const Visit& a = plan.visits[x];
                const Visit& b = plan.visits[y];
                if (a.score.score != b.score.score) {
                  return a.score.score > b.score.score;
                }
                return fair.booths[a.booth].id < fair.booths[b.booth].id;
              });
    const std::int32_t got = static_cast<std::int32_t>(route.route.size());
    if (got < route.limit) {
      ++cong.veterans_short;
      if (route.eligible_booths == 0) {
        route.short_reason = ShortReason::kNoEligibleBooth;
        ++cong.short_no_eligible_booth;
      } else if (got == route.eligible_booths) {
        route.short_reason = ShortReason::kFewerEligibleBooths;
        ++cong.short_fewer_eligible_booths;
      } else {
        route.short_reason = ShortReason::kBoothsFull;
        ++cong.short_booths_full;
      }
    }
    const bool has_eligible = route.eligible_booths > 0;
    const bool planned = got > 0;
    count(stats.all, has_eligible, planned);
    count(stats.by_group[static_cast<int>(vets[v].group)], has_eligible,
          planned);
    for (int flag = 0; flag < 4; ++flag) {
      if (vets[v].priority & (1u << flag)) {
        count(stats.by_priority[flag], has_eligible, planned);
      }
    }
    stats.visit_slots += route.limit;
    for (std::int32_t i : route.route) {
      stats.total_fit += plan.visits[i].score.score;
    }
    plan.routes.push_back(std::move(route));
  }
  stats.interviews = static_cast<std::int64_t>(plan.visits.size());

  // Booth congestion.
  std::vector<BoothDemand> demand;
  for (const BoothPlan& bp : plan.booths) {
    const std::int32_t invited = static_cast<std::int32_t>(bp.invites.size());
    stats.capacity += bp.capacity;
    demand.push_back({bp.booth, bp.requested, bp.capacity, invited});
    cong.booths_over_requested += bp.requested > bp.capacity ? 1 : 0;
    cong.booths_full += invited == bp.capacity ? 1 : 0;
    cong.booths_empty += invited == 0 ? 1 : 0;
  }
  auto by_id = [&](const BoothDemand& a, const BoothDemand& b) {
    return fair.booths[a.booth].id < fair.booths[b.booth].id;
  };
  const std::size_t list = std::min<std::size_t>(
      demand.size(), std::size_t(std::max(0, options.congestion_list)));
  std::vector<BoothDemand> most = demand;
  std::partial_sort(most.begin(), most.begin() + list, most.end(),
                    [&](const BoothDemand& a, const BoothDemand& b) {
                      if (a.requested != b.requested) {
                        return a.requested > b.requested;
                      }
                      return by_id(a, b);
                    });
  cong.most_requested.assign(most.begin(), most.begin() + list);
  std::vector<BoothDemand> least = demand;
  std::partial_sort(least.begin(), least.begin() + list, least.end(),
                    [&](const BoothDemand& a, const BoothDemand& b) {
                      if (a.requested != b.requested) {
                        return a.requested < b.requested;
                      }
                      return by_id(a, b);
                    });
  cong.least_requested.assign(least.begin(), least.begin() + list);
  return plan;
}

}  // namespace vetmatch
