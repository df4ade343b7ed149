#include "tests/reference/reference_stable.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "tests/reference/brute_force.h"
#include "tests/reference/reference_anchors.h"

namespace vetmatch::test {
namespace {

// Every pair's score, NaN where ineligible or the veteran was taken.
class ScoreTable {
 public:
  explicit ScoreTable(const Round& round)
      : round_(round),
        m_(round.postings.size()),
        scores_(round.veterans.size() * m_,
                std::numeric_limits<double>::quiet_NaN()),
        openings_(m_) {
    const ReferenceRound ref(round);
    const ReferenceAnchors anchors(round);
    for (VeteranIndex v : reference_veterans_by_id(round)) {
      for (const ScoredPair& e : ref.eligible_postings(v)) {
        if (!anchors.allowed(v, e.index)) continue;
        scores_[v * m_ + e.index] = e.score.score;
      }
    }
    for (std::size_t p = 0; p < m_; ++p) {
      openings_[p] = ref.openings_left(static_cast<PostingIndex>(p));
    }
  }

  bool eligible(VeteranIndex v, PostingIndex p) const {
    return !std::isnan(score(v, p));
  }
  double score(VeteranIndex v, PostingIndex p) const {
    return scores_[v * m_ + p];
  }
  int openings(PostingIndex p) const { return openings_[p]; }

  bool posting_prefers(PostingRanking ranking, PostingIndex p, VeteranIndex a,
                       VeteranIndex b) const {
    const Veteran& va = round_.veterans[a];
    const Veteran& vb = round_.veterans[b];
    const double ka =
        ranking == PostingRanking::kScore ? score(a, p) : va.points;
    const double kb =
        ranking == PostingRanking::kScore ? score(b, p) : vb.points;
    if (ka != kb) return ka > kb;
    return va.id < vb.id;
  }

  bool veteran_prefers(VeteranIndex v, PostingIndex p, PostingIndex q) const {
    if (score(v, p) != score(v, q)) return score(v, p) > score(v, q);
    return round_.postings[p].id < round_.postings[q].id;
  }

 private:
  const Round& round_;
  std::size_t m_;
  std::vector<double> scores_;
  std::vector<int> openings_;
};

}  // namespace

bool reference_posting_prefers(const Round& round, PostingRanking ranking,
                               PostingIndex p, VeteranIndex a, VeteranIndex b) {
  const ReferenceRound ref(round);
  const Veteran& va = round.veterans[a];
  const Veteran& vb = round.veterans[b];
  const double ka =
      ranking == PostingRanking::kScore ? ref.score(a, p).score : va.points;
  const double kb =
      ranking == PostingRanking::kScore ? ref.score(b, p).score : vb.points;
  if (ka != kb) return ka > kb;
  return va.id < vb.id;
}

Placement reference_deferred_acceptance(const Round& round,
                                        PostingRanking ranking) {
  const ReferenceRound ref(round);
  const ScoreTable table(round);
  const std::size_t n = round.veterans.size();
  std::vector<std::vector<ScoredPair>> lists(n);
  std::vector<std::size_t> next(n, 0);
  std::deque<VeteranIndex> free;
  const ReferenceAnchors anchors(round);
  for (VeteranIndex v : reference_veterans_by_id(round)) {
    lists[v] = ref.eligible_postings(v);
    std::erase_if(lists[v], [&](const ScoredPair& e) {
      return !anchors.allowed(v, e.index);
    });
    free.push_back(v);
  }
  std::vector<std::vector<VeteranIndex>> held(round.postings.size());
  Placement placement(n, -1);
  while (!free.empty()) {
    const VeteranIndex v = free.front();
    free.pop_front();
    if (next[v] >= lists[v].size()) continue;  // list exhausted
    const PostingIndex p = lists[v][next[v]++].index;
    std::vector<VeteranIndex>& h = held[p];
    h.push_back(v);
    std::sort(h.begin(), h.end(), [&](VeteranIndex a, VeteranIndex b) {
      return table.posting_prefers(ranking, p, a, b);
    });
    placement[v] = p;
    if (static_cast<int>(h.size()) > table.openings(p)) {
      const VeteranIndex rejected = h.back();
      h.pop_back();
      placement[rejected] = -1;
      free.push_back(rejected);
    }
  }
  return placement;
}

std::vector<std::int64_t> reference_blocking_pairs_by_veteran(
    const Round& round, const Placement& placement, PostingRanking ranking,
    const std::vector<bool>& skip) {
  const ScoreTable table(round);
  const std::size_t m = round.postings.size();
  std::vector<std::vector<VeteranIndex>> held(m);
  for (VeteranIndex v = 0; v < static_cast<VeteranIndex>(placement.size());
       ++v) {
    if (placement[v] >= 0) held[placement[v]].push_back(v);
  }
  std::vector<std::int64_t> count(round.veterans.size(), 0);
  for (VeteranIndex v : reference_veterans_by_id(round)) {
    if (!skip.empty() && skip[v]) continue;
    for (PostingIndex p = 0; p < static_cast<PostingIndex>(m); ++p) {
      if (p == placement[v] || !table.eligible(v, p)) continue;
      if (placement[v] >= 0 && !table.veteran_prefers(v, p, placement[v])) {
        continue;
      }
      bool takes = static_cast<int>(held[p].size()) < table.openings(p);
      for (VeteranIndex w : held[p]) {
        if (table.posting_prefers(ranking, p, v, w)) takes = true;
      }
      if (takes) ++count[v];
    }
  }
  return count;
}

std::int64_t reference_blocking_pairs(const Round& round,
                                      const Placement& placement,
                                      PostingRanking ranking,
                                      const std::vector<bool>& skip) {
  const std::vector<std::int64_t> by_veteran =
      reference_blocking_pairs_by_veteran(round, placement, ranking, skip);
  std::int64_t total = 0;
  for (std::int64_t c : by_veteran) total += c;
  return total;
}

std::vector<std::pair<VeteranIndex, VeteranIndex>> reference_couples(
    const Round& round) {
  const ReferenceRound ref(round);
  std::vector<std::pair<VeteranIndex, VeteranIndex>> out;
  for (VeteranIndex a : reference_veterans_by_id(round)) {
    const Veteran& va = round.veterans[a];
    if (va.partner.empty()) continue;
    for (VeteranIndex b = 0; b < VeteranIndex(round.veterans.size()); ++b) {
      const Veteran& vb = round.veterans[b];
      if (vb.id == va.partner && vb.partner == va.id && !ref.is_out(b) &&
          va.id < vb.id) {
        out.push_back({a, b});
      }
    }
  }
  return out;
}

std::vector<std::pair<VeteranIndex, VeteranIndex>> reference_blocking_couples(
    const Round& round, const Placement& placement, PostingRanking ranking,
    double max_km) {
  const ScoreTable table(round);
  const std::size_t m = round.postings.size();
  std::vector<std::vector<VeteranIndex>> held(m);
  for (VeteranIndex v = 0; v < static_cast<VeteranIndex>(placement.size());
       ++v) {
    if (placement[v] >= 0) held[placement[v]].push_back(v);
  }
  std::vector<std::pair<VeteranIndex, VeteranIndex>> out;
  for (const auto& [a, b] : reference_couples(round)) {
    const PostingIndex q1 = placement[a], q2 = placement[b];
    const bool placed = q1 >= 0;
    const double sum = placed ? table.score(a, q1) + table.score(b, q2) : 0.0;
    // p takes `who` (and `also`, when not -1) with a and b gone from it.
    auto takes = [&](PostingIndex p, VeteranIndex who, VeteranIndex also) {
      int above = 0;
      for (VeteranIndex w : held[p]) {
        if (w == a || w == b) continue;
        if (table.posting_prefers(ranking, p, w, who)) ++above;
      }
      if (also >= 0 && table.posting_prefers(ranking, p, also, who)) ++above;
      return above < table.openings(p);
    };
    bool blocks = false;
    for (PostingIndex p1 = 0; p1 < PostingIndex(m) && !blocks; ++p1) {
      if (!table.eligible(a, p1)) continue;
      for (PostingIndex p2 = 0; p2 < PostingIndex(m) && !blocks; ++p2) {
        if (!table.eligible(b, p2)) continue;
        if (p1 == p2 && table.openings(p1) < 2) continue;
        if (reference_distance_km(round.postings[p1].location,
                                  round.postings[p2].location) > max_km) {
          continue;
        }
        const double s = table.score(a, p1) + table.score(b, p2);
        if (placed) {
          const std::string& i1 = round.postings[p1].id;
          const std::string& i2 = round.postings[p2].id;
          const std::string& j1 = round.postings[q1].id;
          const std::string& j2 = round.postings[q2].id;
          const bool better =
              s > sum || (s == sum && (i1 < j1 || (i1 == j1 && i2 < j2)));
          if (!better) continue;
        }
        if (p1 == p2) {
          blocks = takes(p1, a, b) && takes(p1, b, a);
        } else {
          blocks = takes(p1, a, -1) && takes(p2, b, -1);
        }
      }
    }
    if (blocks) out.push_back({a, b});
  }
  return out;
}

}  // namespace vetmatch::test
