#include "tests/reference/reference_stable.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "tests/reference/brute_force.h"

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
    for (VeteranIndex v : reference_veterans_by_id(round)) {
      for (const ScoredPair& e : ref.eligible_postings(v)) {
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
  for (VeteranIndex v : reference_veterans_by_id(round)) {
    lists[v] = ref.eligible_postings(v);
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

}  // namespace vetmatch::test
