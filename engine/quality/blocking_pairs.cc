#include "engine/quality/blocking_pairs.h"

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <optional>

#include "engine/policies/deferred_acceptance.h"
#include "engine/scoring/pair_eval.h"
#include "engine/shortlist/pair_scan.h"

namespace vetmatch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Scans of a kPoints count when BlockingPairOptions::veterans_per_scan is 0.
constexpr std::int64_t kPointsChunks = 16;

// The outcome by slot, and what a blocking pair needs of it.
class Outcome {
 public:
  Outcome(const IndexedRound& ir, std::span<const Assignment> assignments,
          PostingRanking ranking, const PartnerAnchors* anchors)
      : ir_(ir),
        ranking_(ranking),
        anchors_(anchors),
        posting_of_(ir.n_veterans, -1),
        score_of_(ir.n_veterans, 0.0),
        points_(ir.n_veterans),
        held_(ir.n_postings, 0),
        worst_(ir.n_postings) {
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      points_[v] = ir.round->veterans[ir.veteran_of[v]].points;
    }
    for (const Assignment& a : assignments) {
      const std::int32_t v = ir.veteran_slot[a.veteran];
      const std::int32_t p = ir.posting_slot[a.posting];
      posting_of_[v] = p;
      // Recomputed: ties are decided on the exact score, bit for bit.
      score_of_[v] = exact_score(ir, v, p, exact_distance_km(ir, v, p)).score;
      const RankKey key = key_of(v, score_of_[v]);
      if (held_[p]++ == 0 || rank_before(worst_[p], key)) worst_[p] = key;
    }
  }

  RankKey key_of(std::int32_t v, double score) const {
    return posting_rank_key(ranking_, v, score, points_);
  }
  std::int32_t posting_of(std::int32_t v) const { return posting_of_[v]; }
  double score_of(std::int32_t v) const { return score_of_[v]; }
  bool full(std::int32_t p) const { return held_[p] >= ir_.posting_open[p]; }
  const RankKey& worst(std::int32_t p) const { return worst_[p]; }

  /// Whether an eligible (v, p) whose exact score is above `low` blocks,
  /// when `low` decides it (`low` above v's own score when placed): true
  /// or false, else nullopt (the exact score is needed).
  std::optional<bool> blocks_above(std::int32_t v, std::int32_t p,
                                   double low) const {
    if (anchors_ != nullptr && !anchors_->allows(v, p)) return false;
    const std::int32_t a = posting_of_[v];
    if (a == p || (a >= 0 && !(low > score_of_[v]))) return std::nullopt;
    if (!full(p)) return true;
    if (ranking_ == PostingRanking::kPoints) {
      return rank_before(key_of(v, low), worst_[p]);
    }
    if (low > worst_[p].primary) return true;
    return std::nullopt;
  }

  /// (v, p) blocks, given that it is eligible and its score is `score`.
  bool blocks(std::int32_t v, std::int32_t p, double score) const {
    const std::int32_t a = posting_of_[v];
    if (a == p) return false;
    if (anchors_ != nullptr && !anchors_->allows(v, p)) return false;
    if (a >= 0 && !(score > score_of_[v] || (score == score_of_[v] && p < a))) {
      return false;
    }
    return !full(p) || rank_before(key_of(v, score), worst_[p]);
  }

 private:
  const IndexedRound& ir_;
  PostingRanking ranking_;
  const PartnerAnchors* anchors_;
  std::vector<std::int32_t> posting_of_;
  std::vector<double> score_of_;
  std::vector<double> points_;
  std::vector<std::int32_t> held_;
  std::vector<RankKey> worst_;
};

// Which veterans and postings the shortlists prove (see the header).
struct Proven {
  std::vector<std::uint8_t> veteran;  ///< by slot
  std::vector<std::uint8_t> posting;  ///< by slot
};

Proven prove(const IndexedRound& ir, const Outcome& outcome,
             const BlockingPairOptions& options) {
  Proven proven{std::vector<std::uint8_t>(ir.n_veterans, 0),
                std::vector<std::uint8_t>(ir.n_postings, 0)};
  const Shortlists* lists = options.shortlists;
  if (lists == nullptr) return proven;
  tbb::parallel_for(std::int32_t{0}, ir.n_veterans, [&](std::int32_t v) {
    const std::span<const ShortlistEntry> own =
        lists->of_veteran(ir.veteran_of[v]);
    if (own.size() < static_cast<std::size_t>(options.veteran_k)) {
      proven.veteran[v] = 1;
      return;
    }
    const std::int32_t a = outcome.posting_of(v);
    if (a < 0 || own.empty()) return;
    const double last = own.back().score.score;
    const std::int32_t last_slot = ir.posting_slot[own.back().index];
    const double s = outcome.score_of(v);
    proven.veteran[v] = s > last || (s == last && a <= last_slot);
  });
  tbb::parallel_for(std::int32_t{0}, ir.n_postings, [&](std::int32_t p) {
    const std::span<const ShortlistEntry> list =
        lists->of_posting(ir.posting_of[p]);
    const int k = options.posting_k_each.empty() ? options.posting_k
                                                 : options.posting_k_each[p];
    if (list.size() < static_cast<std::size_t>(k)) {
      proven.posting[p] = 1;
      return;
    }
    if (options.ranking != PostingRanking::kScore || list.empty() ||
        !outcome.full(p)) {
      return;
    }
    const RankKey last{list.back().score.score,
                       ir.veteran_slot[list.back().index]};
    proven.posting[p] = !rank_before(last, outcome.worst(p));
  });
  return proven;
}

}  // namespace

BlockingPairCount count_blocking_pairs(const IndexedRound& ir,
                                       std::span<const Assignment> assignments,
                                       const BlockingPairOptions& options) {
  const Outcome outcome(ir, assignments, options.ranking, options.anchors);
  const Proven proven = prove(ir, outcome, options);
  std::vector<std::uint8_t> skip(ir.n_veterans, 0);
  if (!options.skip_veteran.empty()) {
    for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
      skip[v] = options.skip_veteran[ir.veteran_of[v]];
    }
  }
  std::vector<std::uint8_t> blocking(ir.n_veterans, 0);
  auto mark = [&](std::int32_t v) {
    std::atomic_ref<std::uint8_t>(blocking[v])
        .store(1, std::memory_order_relaxed);
  };
  tbb::combinable<std::int64_t> pairs([] { return std::int64_t{0}; });

  // Pairs the shortlists prove are all there is: checked one by one.
  if (options.shortlists != nullptr) {
    const Shortlists& lists = *options.shortlists;
    tbb::parallel_for(std::int32_t{0}, ir.n_veterans, [&](std::int32_t v) {
      if (!proven.veteran[v] || skip[v]) return;
      for (const ShortlistEntry& e : lists.of_veteran(ir.veteran_of[v])) {
        if (outcome.blocks(v, ir.posting_slot[e.index], e.score.score)) {
          ++pairs.local();
          mark(v);
        }
      }
    });
    tbb::parallel_for(std::int32_t{0}, ir.n_postings, [&](std::int32_t p) {
      if (!proven.posting[p]) return;
      for (const ShortlistEntry& e : lists.of_posting(ir.posting_of[p])) {
        const std::int32_t v = ir.veteran_slot[e.index];
        if (proven.veteran[v] || skip[v]) continue;
        if (outcome.blocks(v, p, e.score.score)) {
          ++pairs.local();
          mark(v);
        }
      }
    });
  }

  // The rest: veterans and postings neither proves, scanned in chunks.
  std::vector<std::int32_t> veterans;
  for (std::int32_t v = 0; v < ir.n_veterans; ++v) {
    if (!proven.veteran[v] && !skip[v]) veterans.push_back(v);
  }
  std::vector<std::int32_t> postings;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    if (!proven.posting[p] && ir.posting_open[p] > 0) postings.push_back(p);
  }
  BlockingPairCount out;
  if (!veterans.empty() && !postings.empty()) {
    if (options.ranking == PostingRanking::kPoints) {
      // Best first: a chunk's best key bounds whom its postings must fear.
      std::sort(veterans.begin(), veterans.end(),
                [&](std::int32_t a, std::int32_t b) {
                  return rank_before(outcome.key_of(a, 0.0),
                                     outcome.key_of(b, 0.0));
                });
    }
    // kScore: one scan. kPoints: chunks in points order, so that a full
    // posting whose worst assignee outranks a chunk's best is left out.
    std::int64_t per_scan = options.veterans_per_scan;
    if (per_scan <= 0) {
      per_scan = options.ranking == PostingRanking::kPoints
                     ? (std::int64_t(veterans.size()) + kPointsChunks - 1) /
                           kPointsChunks
                     : std::int64_t(veterans.size());
    }
    const std::size_t chunk = static_cast<std::size_t>(per_scan);
    std::vector<double> veteran_floor(ir.n_veterans, kInf);
    std::vector<double> posting_floor(ir.n_postings, kInf);
    for (std::size_t first = 0; first < veterans.size(); first += chunk) {
      const std::size_t last = std::min(veterans.size(), first + chunk);
      for (std::size_t i = first; i < last; ++i) {
        const std::int32_t v = veterans[i];
        veteran_floor[v] =
            outcome.posting_of(v) >= 0 ? outcome.score_of(v) : -kInf;
      }
      const RankKey best = outcome.key_of(veterans[first], 0.0);
      for (std::int32_t p : postings) {
        if (!outcome.full(p)) {
          posting_floor[p] = -kInf;
        } else if (options.ranking == PostingRanking::kScore) {
          posting_floor[p] = outcome.worst(p).primary;
        } else {
          posting_floor[p] = rank_before(best, outcome.worst(p)) ? -kInf : kInf;
        }
      }
      // Each pair is decided as it is found (on the kernel's bound where
      // that is enough, else on its exact score); none is kept.
      for_each_pair_at_or_above(
          ir, veteran_floor, posting_floor,
          [&](const ScoredPair& pair) {
            if (outcome.blocks(pair.veteran, pair.posting, pair.score.score)) {
              ++pairs.local();
              mark(pair.veteran);
            }
          },
          [&](std::int32_t v, std::int32_t p, double low) {
            const std::optional<bool> blocks = outcome.blocks_above(v, p, low);
            if (!blocks) return false;
            if (*blocks) {
              ++pairs.local();
              mark(v);
            }
            return true;
          });
      ++out.scans;
      for (std::size_t i = first; i < last; ++i) {
        veteran_floor[veterans[i]] = kInf;
      }
    }
  }
  out.pairs = pairs.combine(std::plus<std::int64_t>());
  out.veterans =
      std::accumulate(blocking.begin(), blocking.end(), std::int64_t{0});
  return out;
}

}  // namespace vetmatch
