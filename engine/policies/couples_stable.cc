#include "engine/policies/couples_stable.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "engine/policies/candidate_lists.h"
#include "engine/policies/deferred_acceptance.h"
#include "engine/policies/stable_certificate.h"
#include "engine/scoring/geo.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/deeper_lists.h"

namespace vetmatch {
namespace {

// Rounds of deepening for postings off a couple's graph through which it
// blocks (singles' certificate rounds are not counted).
constexpr int kCoupleDeepenings = 2;

struct Couple {
  std::int32_t a = -1;  ///< slot of the partner with the lower id
  std::int32_t b = -1;
};

std::vector<Couple> find_couples(const IndexedRound& ir) {
  const Round& round = *ir.round;
  std::unordered_map<std::string_view, std::int32_t> slot_of;
  slot_of.reserve(static_cast<std::size_t>(ir.n_veterans));
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    slot_of.emplace(round.veterans[ir.veteran_of[v]].id, v);
  }
  std::vector<Couple> couples;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    const Veteran& me = round.veterans[ir.veteran_of[v]];
    if (me.partner.empty()) continue;
    const auto it = slot_of.find(me.partner);
    if (it == slot_of.end() || it->second <= v) continue;
    const Veteran& other = round.veterans[ir.veteran_of[it->second]];
    if (other.partner == me.id) couples.push_back({v, it->second});
  }
  return couples;
}

// Great-circle distance between two postings, as geo.h computes it.
double posting_distance_km(const IndexedRound& ir, std::int32_t p,
                           std::int32_t q) {
  const IndexedRound::Place& a = ir.posting_place[p];
  const IndexedRound::Place& b = ir.posting_place[q];
  const double half_dlat = (b.lat_rad - a.lat_rad) * 0.5;
  const double half_dlon = (b.lon_deg - a.lon_deg) * kDegToRad * 0.5;
  const double s_lat = std::sin(half_dlat);
  const double s_lon = std::sin(half_dlon);
  const double h = s_lat * s_lat + a.cos_lat * b.cos_lat * s_lon * s_lon;
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

// One pair of postings a couple may take: arcs of the graph for each
// partner (so both pairs are eligible), and the couple's sum.
struct CoupleOption {
  std::size_t arc_a;
  std::size_t arc_b;
  double sum;
};

// A couple's pairs from its partners' graph lists, best first.
std::vector<CoupleOption> couple_options(const IndexedRound& ir,
                                         const CandidateGraph& graph,
                                         const Couple& c, double max_km) {
  std::vector<CoupleOption> out;
  for (std::size_t x = graph.offsets[c.a]; x < graph.offsets[c.a + 1]; ++x) {
    const std::int32_t p1 = graph.arcs[x].posting;
    for (std::size_t y = graph.offsets[c.b]; y < graph.offsets[c.b + 1]; ++y) {
      const std::int32_t p2 = graph.arcs[y].posting;
      if (p1 == p2 && ir.posting_open[p1] < 2) continue;
      if (posting_distance_km(ir, p1, p2) > max_km) continue;
      out.push_back({x, y, graph.arcs[x].score + graph.arcs[y].score});
    }
  }
  std::sort(out.begin(), out.end(),
            [&](const CoupleOption& l, const CoupleOption& r) {
              if (l.sum != r.sum) return l.sum > r.sum;
              const std::int32_t l1 = graph.arcs[l.arc_a].posting;
              const std::int32_t r1 = graph.arcs[r.arc_a].posting;
              if (l1 != r1) return l1 < r1;
              return graph.arcs[l.arc_b].posting < graph.arcs[r.arc_b].posting;
            });
  return out;
}

// Roth-Peranson on one candidate graph. Units: veteran slots for singles,
// n_veterans + c for couple c.
class Matcher {
 public:
  Matcher(const IndexedRound& ir, const CandidateGraph& graph,
          const std::vector<Couple>& couples,
          std::vector<std::vector<CoupleOption>> options,
          PostingRanking ranking, std::span<const double> points,
          const CouplesLimits& limits, const PartnerAnchors* anchors)
      : ir_(ir),
        limits_(limits),
        anchors_(anchors),
        graph_(graph),
        couples_(couples),
        options_(std::move(options)),
        ranking_(ranking),
        points_(points),
        n_(ir.n_veterans),
        couple_of_(ir.n_veterans, -1),
        holders_(ir.n_postings),
        worst_(ir.n_postings, -1),
        next_(n_ + couples.size(), 0),
        held_(n_ + couples.size(), -1),
        queued_(n_ + couples.size(), 0),
        opened_flag_(ir.n_postings, 0),
        where_(ir.n_veterans, -1),
        displacements_(couples.size(), 0),
        gave_up_(couples.size(), 0) {
    std::int64_t work = static_cast<std::int64_t>(graph.arcs.size());
    for (std::size_t c = 0; c < couples.size(); ++c) {
      couple_of_[couples[c].a] = couple_of_[couples[c].b] =
          static_cast<std::int32_t>(c);
      work += static_cast<std::int64_t>(options_[c].size());
    }
    budget_ = limits.applications_per_arc * work + limits.applications_extra;
  }

  void run() {
    for (std::int32_t v = n_ - 1; v >= 0; --v) {
      if (couple_of_[v] < 0) push(v);
    }
    drain();
    for (std::size_t c = 0; c < couples_.size() && !limit_reached_; ++c) {
      push(n_ + static_cast<std::int32_t>(c));
      drain();
    }
  }

  ArcPlacement placement() const { return where_; }
  std::int64_t applications() const { return applications_; }
  std::int64_t reexamined() const { return reexamined_; }
  bool limit_reached() const { return limit_reached_; }
  std::int64_t given_up() const { return given_up_; }

 private:
  struct Holder {
    RankKey key;
    std::int32_t veteran;
  };
  // A unit that names a posting in one of its options.
  struct Passer {
    RankKey key;  ///< how the posting ranks the unit's partner there
    std::int32_t unit;
    std::int64_t option;
  };

  std::int32_t capacity(std::int32_t p) const {
    return std::max<std::int32_t>(ir_.posting_open[p], 0);
  }
  RankKey key(std::int32_t v, double score) const {
    return posting_rank_key(ranking_, v, score, points_);
  }

  void push(std::int32_t u) {
    if (queued_[u]) return;
    queued_[u] = 1;
    stack_.push_back(u);
  }

  // Units apply down their lists; when none is left, an opened posting's
  // passers try it again, one option each.
  void drain() {
    while (!stack_.empty() || !opened_.empty()) {
      if (applications_ > budget_) {
        limit_reached_ = true;
        for (std::int32_t u : stack_) queued_[u] = 0;
        stack_.clear();
        for (std::int32_t q : opened_) opened_flag_[q] = 0;
        opened_.clear();
        return;
      }
      if (!stack_.empty()) {
        const std::int32_t u = stack_.back();
        stack_.pop_back();
        queued_[u] = 0;
        if (u < n_) {
          apply_single(u);
        } else {
          apply_couple(u - n_);
        }
        continue;
      }
      const std::int32_t q = opened_.back();
      opened_.pop_back();
      opened_flag_[q] = 0;
      retry_passers(q);
    }
  }

  void refresh_worst(std::int32_t p) {
    const std::vector<Holder>& h = holders_[p];
    std::int32_t w = -1;
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (w < 0 || rank_before(h[w].key, h[i].key)) {
        w = static_cast<std::int32_t>(i);
      }
    }
    worst_[p] = w;
  }

  // Puts v on p (placed on arc `arc`); returns whom p lets go, or -1.
  std::int32_t insert(std::int32_t p, std::int32_t v, std::size_t arc,
                      const RankKey& k) {
    std::vector<Holder>& h = holders_[p];
    std::int32_t out = -1;
    if (static_cast<std::int32_t>(h.size()) >= capacity(p)) {
      out = h[worst_[p]].veteran;
      h[worst_[p]] = h.back();
      h.pop_back();
      where_[out] = -1;
    }
    h.push_back({k, v});
    where_[v] = static_cast<std::int64_t>(arc);
    refresh_worst(p);
    return out;
  }

  void remove(std::int32_t v) {
    if (where_[v] < 0) return;
    const std::int32_t p = graph_.arcs[where_[v]].posting;
    std::vector<Holder>& h = holders_[p];
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (h[i].veteran == v) {
        h[i] = h.back();
        h.pop_back();
        break;
      }
    }
    where_[v] = -1;
    refresh_worst(p);
  }

  // Whether p would take the applicants (one or two keys) with the
  // veterans in `leaving` gone from it.
  bool accepts(std::int32_t p, std::span<const RankKey> applicants,
               std::int32_t leaving_a, std::int32_t leaving_b) const {
    const std::int32_t cap = capacity(p);
    for (std::size_t i = 0; i < applicants.size(); ++i) {
      std::int32_t above = 0;
      for (const Holder& h : holders_[p]) {
        if (h.veteran == leaving_a || h.veteran == leaving_b) continue;
        if (rank_before(h.key, applicants[i])) ++above;
      }
      for (std::size_t j = 0; j < applicants.size(); ++j) {
        if (j != i && rank_before(applicants[j], applicants[i])) ++above;
      }
      if (above >= cap) return false;
    }
    return true;
  }

  // Someone p let go: a single goes on down their list; a partner takes
  // the couple out of the other posting and the couple applies again.
  void displaced(std::int32_t w) {
    // Down the list from just after the option held (a retry may have
    // moved the unit up past options it had been refused by before).
    const std::int32_t c = couple_of_[w];
    if (c < 0) {
      next_[w] = held_[w] + 1;
      held_[w] = -1;
      push(w);
      return;
    }
    const Couple& couple = couples_[c];
    const std::int32_t other = couple.a == w ? couple.b : couple.a;
    const std::int32_t q = where_[other] >= 0
                               ? graph_.arcs[where_[other]].posting
                               : std::int32_t{-1};
    remove(other);
    next_[n_ + c] = held_[n_ + c] + 1;
    held_[n_ + c] = -1;
    // A couple displaced over and over is in a cycle: it gives up (stays
    // out, retries included), which breaks the cycle.
    if (++displacements_[c] > limits_.max_displacements) {
      ++given_up_;
      gave_up_[c] = 1;
    } else {
      push(n_ + c);
    }
    if (q >= 0) opened(q);
  }

  // v applies to option i; true when taken (v leaves what they held).
  bool try_single(std::int32_t v, std::int64_t i) {
    ++applications_;
    const std::size_t arc = graph_.offsets[v] + static_cast<std::size_t>(i);
    const std::int32_t p = graph_.arcs[arc].posting;
    if (capacity(p) == 0) return false;
    // A pair the couples rule leaves out (partner_anchors.h): passed over.
    if (anchors_ != nullptr && !anchors_->allows(v, p)) return false;
    const RankKey k = key(v, graph_.arcs[arc].score);
    const bool room =
        static_cast<std::int32_t>(holders_[p].size()) < capacity(p);
    if (!room && !rank_before(k, holders_[p][worst_[p]].key)) return false;
    std::int32_t left = -1;
    if (held_[v] >= 0) {
      left = graph_.arcs[where_[v]].posting;
      remove(v);
    }
    const std::int32_t out = insert(p, v, arc, k);
    held_[v] = i;
    if (out >= 0) displaced(out);
    if (left >= 0) opened(left);
    return true;
  }

  void apply_single(std::int32_t v) {
    const std::int64_t len =
        static_cast<std::int64_t>(graph_.offsets[v + 1] - graph_.offsets[v]);
    const std::int64_t limit = held_[v] >= 0 ? held_[v] : len;
    while (next_[v] < limit) {
      if (try_single(v, next_[v]++)) return;
    }
    if (held_[v] >= 0) next_[v] = held_[v] + 1;
  }

  // Couple c applies to its pair i (its own places count as free); true
  // when both postings take their partner.
  bool try_couple(std::int32_t c, std::int64_t i) {
    ++applications_;
    const Couple& couple = couples_[c];
    const std::int32_t u = n_ + c;
    const bool placed = held_[u] >= 0;
    const std::int32_t leaving_a = placed ? couple.a : -1;
    const std::int32_t leaving_b = placed ? couple.b : -1;
    const CoupleOption& o = options_[c][i];
    const std::int32_t p1 = graph_.arcs[o.arc_a].posting;
    const std::int32_t p2 = graph_.arcs[o.arc_b].posting;
    const RankKey ka = key(couple.a, graph_.arcs[o.arc_a].score);
    const RankKey kb = key(couple.b, graph_.arcs[o.arc_b].score);
    bool ok;
    if (p1 == p2) {
      const RankKey both[2] = {ka, kb};
      ok = accepts(p1, both, leaving_a, leaving_b);
    } else {
      ok = accepts(p1, std::span(&ka, 1), leaving_a, leaving_b) &&
           accepts(p2, std::span(&kb, 1), leaving_a, leaving_b);
    }
    if (!ok) return false;
    std::int32_t old[2] = {-1, -1};
    if (placed) {
      old[0] = graph_.arcs[where_[couple.a]].posting;
      old[1] = graph_.arcs[where_[couple.b]].posting;
      remove(couple.a);
      remove(couple.b);
    }
    const std::int32_t out_a = insert(p1, couple.a, o.arc_a, ka);
    const std::int32_t out_b = insert(p2, couple.b, o.arc_b, kb);
    held_[u] = i;
    if (out_a >= 0) displaced(out_a);
    if (out_b >= 0) displaced(out_b);
    // A place the couple left is open, or taken by its other partner (a
    // swap): either way its worst holder may now rank lower.
    for (std::int32_t q : old) {
      if (q >= 0) opened(q);
    }
    // The couple's own places may make a better pair possible (one partner
    // stays, or they swap): it tries the better pairs again.
    if (i > 0) {
      next_[u] = 0;
      push(u);
    }
    return true;
  }

  void apply_couple(std::int32_t c) {
    const std::int32_t u = n_ + c;
    const std::int64_t limit =
        held_[u] >= 0 ? held_[u]
                      : static_cast<std::int64_t>(options_[c].size());
    while (next_[u] < limit) {
      if (try_couple(c, next_[u]++)) return;
    }
    if (held_[u] >= 0) next_[u] = held_[u] + 1;
  }

  // A place opened at q (or its worst holder now ranks lower): q is
  // queued (once) for retry_passers().
  void opened(std::int32_t q) {
    if (opened_flag_[q]) return;
    opened_flag_[q] = 1;
    opened_.push_back(q);
  }

  // Those who went past q and would rather have it than what they hold
  // try that option again (only that one: nothing else changed for them),
  // best (by q's ranking) first, while q could still take them.
  void retry_passers(std::int32_t q) {
    if (reverse_offsets_.empty()) build_reverse();
    for (std::size_t e = reverse_offsets_[q]; e < reverse_offsets_[q + 1];
         ++e) {
      const Passer& passer = reverse_[e];
      const bool full =
          static_cast<std::int32_t>(holders_[q].size()) >= capacity(q);
      if (full && !rank_before(passer.key, holders_[q][worst_[q]].key)) {
        break;  // everyone after ranks lower still
      }
      const std::int32_t u = passer.unit;
      const std::int64_t i = passer.option;
      if (!(i < next_[u] && (held_[u] < 0 || i < held_[u]))) continue;
      if (u >= n_ && gave_up_[u - n_]) continue;
      ++reexamined_;
      if (u < n_) {
        try_single(u, i);
      } else {
        try_couple(u - n_, i);
      }
      if (applications_ > budget_) return;
    }
  }

  // For each posting, the (unit, option) pairs that name it, best first
  // by the posting's ranking of the unit's partner there (a couple with
  // both partners there: the lower-ranked one), built on the first opened
  // place.
  void build_reverse() {
    const std::int32_t m = ir_.n_postings;
    reverse_offsets_.assign(m + 1, 0);
    auto each = [&](auto&& visit) {
      for (std::int32_t v = 0; v < n_; ++v) {
        if (couple_of_[v] >= 0) continue;
        for (std::size_t a = graph_.offsets[v]; a < graph_.offsets[v + 1];
             ++a) {
          visit(graph_.arcs[a].posting,
                Passer{key(v, graph_.arcs[a].score), v,
                       static_cast<std::int64_t>(a - graph_.offsets[v])});
        }
      }
      for (std::size_t c = 0; c < couples_.size(); ++c) {
        const std::int32_t u = n_ + static_cast<std::int32_t>(c);
        for (std::size_t i = 0; i < options_[c].size(); ++i) {
          const CoupleOption& o = options_[c][i];
          const std::int32_t p1 = graph_.arcs[o.arc_a].posting;
          const std::int32_t p2 = graph_.arcs[o.arc_b].posting;
          const RankKey ka = key(couples_[c].a, graph_.arcs[o.arc_a].score);
          const RankKey kb = key(couples_[c].b, graph_.arcs[o.arc_b].score);
          const auto option = static_cast<std::int64_t>(i);
          if (p1 == p2) {
            visit(p1, Passer{rank_before(ka, kb) ? kb : ka, u, option});
          } else {
            visit(p1, Passer{ka, u, option});
            visit(p2, Passer{kb, u, option});
          }
        }
      }
    };
    each([&](std::int32_t p, const Passer&) { ++reverse_offsets_[p + 1]; });
    for (std::int32_t p = 0; p < m; ++p) {
      reverse_offsets_[p + 1] += reverse_offsets_[p];
    }
    reverse_.resize(reverse_offsets_.back());
    std::vector<std::size_t> at(reverse_offsets_.begin(),
                                reverse_offsets_.end() - 1);
    each([&](std::int32_t p, const Passer& passer) {
      reverse_[at[p]++] = passer;
    });
    tbb::parallel_for(std::int32_t{0}, m, [&](std::int32_t p) {
      std::sort(reverse_.begin() + reverse_offsets_[p],
                reverse_.begin() + reverse_offsets_[p + 1],
                [](const Passer& a, const Passer& b) {
                  return rank_before(a.key, b.key) ||
                         (!rank_before(b.key, a.key) &&
                          (a.unit < b.unit ||
                           (a.unit == b.unit && a.option < b.option)));
                });
    });
  }

  const IndexedRound& ir_;
  CouplesLimits limits_;
  const PartnerAnchors* anchors_;
  const CandidateGraph& graph_;
  const std::vector<Couple>& couples_;
  std::vector<std::vector<CoupleOption>> options_;
  PostingRanking ranking_;
  std::span<const double> points_;
  std::int32_t n_;
  std::vector<std::int32_t> couple_of_;
  std::vector<std::vector<Holder>> holders_;
  std::vector<std::int32_t> worst_;  ///< index into holders_[p], or -1
  std::vector<std::int64_t> next_;   ///< by unit: next option to apply to
  std::vector<std::int64_t> held_;   ///< by unit: option held, or -1
  std::vector<std::uint8_t> queued_;
  std::vector<std::int32_t> stack_;
  std::vector<std::int32_t> opened_;  ///< postings to retry_passers()
  std::vector<std::uint8_t> opened_flag_;
  ArcPlacement where_;  ///< by veteran: arc placed on, or -1
  std::vector<std::size_t> reverse_offsets_;
  std::vector<Passer> reverse_;
  std::vector<std::int32_t> displacements_;  ///< by couple
  std::vector<std::uint8_t> gave_up_;        ///< by couple
  std::int64_t given_up_ = 0;
  std::int64_t applications_ = 0;
  std::int64_t reexamined_ = 0;
  std::int64_t budget_ = 0;
  bool limit_reached_ = false;
};

// A partner's postings that might take them if the couple moved: their
// graph arcs, and the eligible postings the certificate leaves unproven.
struct Reachable {
  std::int32_t posting;
  double score;
  bool on_graph;
};

std::vector<Reachable> reachable(const IndexedRound& ir,
                                 const CandidateGraph& graph, std::int32_t v,
                                 const std::vector<std::int32_t>& unproven) {
  std::vector<Reachable> out;
  std::vector<std::int32_t> seen;
  for (std::size_t a = graph.offsets[v]; a < graph.offsets[v + 1]; ++a) {
    out.push_back({graph.arcs[a].posting, graph.arcs[a].score, true});
    seen.push_back(graph.arcs[a].posting);
  }
  std::sort(seen.begin(), seen.end());
  for (std::int32_t p : unproven) {
    if (std::binary_search(seen.begin(), seen.end(), p)) continue;
    seen.insert(std::upper_bound(seen.begin(), seen.end(), p), p);
    const double km = exact_distance_km(ir, v, p);
    if (exact_eligibility(ir, v, p, km) != Ineligibility::kEligible) continue;
    out.push_back({p, exact_score(ir, v, p, km).score, false});
  }
  return out;
}

// The couples' and the singles' instability of a placement, over all
// eligible pairs (given the certificate's unproven postings).
struct Instability {
  std::int64_t single_pairs = 0;
  std::vector<std::int32_t> blocking_couples;
  /// Postings off a partner's graph through which a couple blocks.
  std::vector<std::int32_t> off_graph_postings;
};

Instability instability(const IndexedRound& ir, const CandidateGraph& graph,
                        const ArcPlacement& placement,
                        const PostingHolds& holds,
                        const std::vector<Couple>& couples,
                        const std::vector<std::int32_t>& couple_of,
                        const std::vector<std::int32_t>& unproven,
                        PostingRanking ranking, std::span<const double> points,
                        double max_km, const PartnerAnchors& anchors) {
  Instability out;
  std::vector<std::vector<std::pair<RankKey, std::int32_t>>> holders(
      ir.n_postings);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (placement[v] < 0) continue;
    const CandidateArc& arc = graph.arcs[placement[v]];
    holders[arc.posting].push_back(
        {posting_rank_key(ranking, v, arc.score, points), v});
  }
  const auto takes = [&](std::int32_t p, std::span<const RankKey> applicants,
                         std::int32_t leaving_a, std::int32_t leaving_b) {
    const std::int32_t cap = std::max<std::int32_t>(ir.posting_open[p], 0);
    for (std::size_t i = 0; i < applicants.size(); ++i) {
      std::int32_t above = 0;
      for (const auto& [k, w] : holders[p]) {
        if (w == leaving_a || w == leaving_b) continue;
        if (rank_before(k, applicants[i])) ++above;
      }
      for (std::size_t j = 0; j < applicants.size(); ++j) {
        if (j != i && rank_before(applicants[j], applicants[i])) ++above;
      }
      if (above >= cap) return false;
    }
    return true;
  };

  // Singles: off the graph nobody blocks (the certificate holds); on it,
  // each arc is checked.
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (couple_of[v] >= 0) continue;
    const std::int64_t at = placement[v];
    for (std::size_t a = graph.offsets[v]; a < graph.offsets[v + 1]; ++a) {
      if (at >= 0 && static_cast<std::int64_t>(a) >= at) break;
      const CandidateArc& arc = graph.arcs[a];
      if (!anchors.allows(v, arc.posting)) continue;
      const RankKey k = posting_rank_key(ranking, v, arc.score, points);
      if (!holds.full(ir, arc.posting) ||
          rank_before(k, holds.worst[arc.posting])) {
        ++out.single_pairs;
      }
    }
  }

  for (std::size_t c = 0; c < couples.size(); ++c) {
    const Couple& couple = couples[c];
    const bool placed = placement[couple.a] >= 0;
    double sum = 0.0;
    std::int32_t q1 = -1, q2 = -1;
    if (placed) {
      const CandidateArc& x = graph.arcs[placement[couple.a]];
      const CandidateArc& y = graph.arcs[placement[couple.b]];
      sum = x.score + y.score;
      q1 = x.posting;
      q2 = y.posting;
    }
    // The couple's own postings are not proven for it: with the couple
    // gone they have a free place.
    std::vector<std::int32_t> open_to_them = unproven;
    if (placed) {
      open_to_them.push_back(q1);
      open_to_them.push_back(q2);
    }
    const std::vector<Reachable> for_a =
        reachable(ir, graph, couple.a, open_to_them);
    const std::vector<Reachable> for_b =
        reachable(ir, graph, couple.b, open_to_them);
    bool blocks = false;
    for (const Reachable& x : for_a) {
      const RankKey ka = posting_rank_key(ranking, couple.a, x.score, points);
      if (!takes(x.posting, std::span(&ka, 1), couple.a, couple.b)) continue;
      for (const Reachable& y : for_b) {
        const double s = x.score + y.score;
        if (placed) {
          const bool better =
              s > sum || (s == sum && (x.posting < q1 ||
                                       (x.posting == q1 && y.posting < q2)));
          if (!better) continue;
        }
        if (x.posting == y.posting && ir.posting_open[x.posting] < 2) continue;
        const RankKey kb = posting_rank_key(ranking, couple.b, y.score, points);
        bool ok;
        if (x.posting == y.posting) {
          const RankKey both[2] = {ka, kb};
          ok = takes(x.posting, both, couple.a, couple.b);
        } else {
          ok = takes(y.posting, std::span(&kb, 1), couple.a, couple.b);
        }
        if (!ok) continue;
        if (posting_distance_km(ir, x.posting, y.posting) > max_km) continue;
        blocks = true;
        if (!x.on_graph) out.off_graph_postings.push_back(x.posting);
        if (!y.on_graph) out.off_graph_postings.push_back(y.posting);
        if (x.on_graph && y.on_graph) break;
      }
      if (blocks && x.on_graph) break;
    }
    if (blocks) out.blocking_couples.push_back(static_cast<std::int32_t>(c));
  }
  std::sort(out.off_graph_postings.begin(), out.off_graph_postings.end());
  out.off_graph_postings.erase(
      std::unique(out.off_graph_postings.begin(), out.off_graph_postings.end()),
      out.off_graph_postings.end());
  return out;
}

}  // namespace

bool has_couples(const IndexedRound& ir) { return !find_couples(ir).empty(); }

PolicyOutcome couples_stable(const RoundConfig& config, const IndexedRound& ir,
                             const Shortlists& shortlists,
                             const ShortlistDepth& depth,
                             const ProgressFn& progress,
                             const CouplesLimits& limits) {
  const std::vector<Couple> couples = find_couples(ir);
  std::vector<std::int32_t> couple_of(ir.n_veterans, -1);
  std::vector<std::uint8_t> partnered(ir.n_veterans, 0);
  for (std::size_t c = 0; c < couples.size(); ++c) {
    couple_of[couples[c].a] = couple_of[couples[c].b] =
        static_cast<std::int32_t>(c);
    partnered[couples[c].a] = partnered[couples[c].b] = 1;
  }
  std::vector<double> points(ir.n_veterans);
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    points[v] = ir.round->veterans[ir.veteran_of[v]].points;
  }
  const PostingRanking ranking = config.posting_ranking;

  CandidateLists lists(ir, shortlists, depth);
  ListDeepener deepener(ir);
  CandidateGraph graph = lists.graph();
  const PartnerAnchors anchors(ir, config);
  int couple_deepenings = 0;
  StabilityReport report;
  report.method = StabilityReport::Method::kRothPeranson;
  report.couples = static_cast<std::int64_t>(couples.size());
  for (;;) {
    std::vector<std::vector<CoupleOption>> options(couples.size());
    for (std::size_t c = 0; c < couples.size(); ++c) {
      options[c] = couple_options(ir, graph, couples[c], config.couple_max_km);
    }
    Matcher matcher(ir, graph, couples, std::move(options), ranking, points,
                    limits, anchors.any() ? &anchors : nullptr);
    matcher.run();
    report.proposals += matcher.applications();
    report.couple_reexaminations += matcher.reexamined();
    report.couple_limit_reached = matcher.limit_reached();
    report.couples_given_up = matcher.given_up();
    const ArcPlacement placement = matcher.placement();
    const PostingHolds holds(ir, graph, placement, ranking, points);
    Failing failing =
        certify(ir, lists, graph, placement, holds, ranking, points, partnered);
    if (!failing.certified()) {
      deepen(ir, failing, deepener, lists, graph, report);
      if (progress) progress("policy", 0.5);
      continue;
    }
    const Instability left = instability(ir, graph, placement, holds, couples,
                                         couple_of, failing.postings, ranking,
                                         points, config.couple_max_km, anchors);
    // A couple blocking through a posting off its graph may be served by a
    // deeper list: those are deepened, at most kCoupleDeepenings times.
    Failing more;
    for (std::int32_t p : left.off_graph_postings) {
      if (!lists.posting_complete(p)) more.postings.push_back(p);
    }
    if (!more.postings.empty() && !matcher.limit_reached() &&
        couple_deepenings < kCoupleDeepenings) {
      ++couple_deepenings;
      deepen(ir, more, deepener, lists, graph, report);
      continue;
    }
    report.candidate_arcs = static_cast<std::int64_t>(graph.arcs.size());
    report.blocking_pairs = left.single_pairs;
    for (const Couple& c : couples) {
      if (placement[c.a] >= 0) ++report.couples_placed;
    }
    for (std::int32_t c : left.blocking_couples) {
      report.blocking_couples.push_back(
          {ir.veteran_of[couples[c].a], ir.veteran_of[couples[c].b]});
    }
    PolicyOutcome out = outcome_of(ir, graph, placement, lists);
    out.stability = std::move(report);
    if (progress) progress("policy", 1.0);
    return out;
  }
}

}  // namespace vetmatch
