#include "tests/reference/reference_points_order.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "tests/reference/brute_force.h"

namespace vetmatch::test {
namespace {

struct Turn {
  int number;
  std::vector<ScoredPair> eligible;  ///< at the start, best first
};

class Reference {
 public:
  explicit Reference(const Round& round) : round_(round), ref_(round) {
    for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
      left_.push_back(ref_.openings_left(p));
    }
    std::map<std::string, VeteranIndex> by_id;
    for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
      by_id[round.veterans[v].id] = v;
    }
    std::map<std::string, PostingIndex> posting_by_id;
    for (PostingIndex p = 0; p < PostingIndex(round.postings.size()); ++p) {
      posting_by_id[round.postings[p].id] = p;
    }
    std::map<std::string, PostingIndex> taken_at;
    for (const PairRef& t : round.taken) {
      taken_at.emplace(t.veteran, posting_by_id.at(t.posting));
    }
    partner_.assign(round.veterans.size(), -1);
    anchor_.assign(round.veterans.size(), -1);
    if (round.config.couples != CouplesRule::kTogether) return;
    for (VeteranIndex v = 0; v < VeteranIndex(round.veterans.size()); ++v) {
      const Veteran& self = round.veterans[v];
      if (self.partner.empty() || !by_id.count(self.partner)) continue;
      const VeteranIndex w = by_id.at(self.partner);
      if (round.veterans[w].partner != self.id) continue;
      if (!ref_.is_out(w)) {
        partner_[v] = w;
      } else if (taken_at.count(round.veterans[w].id)) {
        anchor_[v] = taken_at.at(round.veterans[w].id);
      }
    }
  }

  ReferenceOutcome run() {
    std::vector<VeteranIndex> turns;
    for (VeteranIndex v = 0; v < VeteranIndex(round_.veterans.size()); ++v) {
      if (!ref_.is_out(v)) turns.push_back(v);
    }
    std::sort(turns.begin(), turns.end(), [&](VeteranIndex a, VeteranIndex b) {
      const Veteran& va = round_.veterans[a];
      const Veteran& vb = round_.veterans[b];
      if (va.points != vb.points) return va.points > vb.points;
      return va.id < vb.id;
    });
    std::vector<bool> done(round_.veterans.size(), false);
    for (std::size_t t = 0; t < turns.size(); ++t) {
      const VeteranIndex v = turns[t];
      if (done[v]) continue;
      const int turn = int(t) + 1;
      done[v] = true;
      if (partner_[v] >= 0) {
        done[partner_[v]] = true;
        together(v, partner_[v], turn);
      } else if (anchor_[v] >= 0) {
        near(v, anchor_[v], turn);
      } else {
        alone(v, turn);
      }
    }
    std::sort(out_.unassigned.begin(), out_.unassigned.end(),
              [&](const Unassigned& a, const Unassigned& b) {
                return round_.veterans[a.veteran].id <
                       round_.veterans[b.veteran].id;
              });
    return out_;
  }

 private:
  int open_count(const std::vector<ScoredPair>& eligible) const {
    int open = 0;
    for (const ScoredPair& e : eligible) open += left_[e.index] > 0;
    return open;
  }

  double km_between(PostingIndex p, PostingIndex q) const {
    return reference_distance_km(round_.postings[p].location,
                                 round_.postings[q].location);
  }

  void assign(VeteranIndex v, const std::vector<ScoredPair>& eligible,
              std::size_t r, int turn, int open) {
    Assignment a;
    a.veteran = v;
    a.posting = eligible[r].index;
    a.score = eligible[r].score;
    a.turn = turn;
    a.rank = int(r) + 1;
    a.open_postings = open;
    out_.assignments.push_back(a);
    --left_[a.posting];
  }

  void miss(VeteranIndex v, UnassignedReason reason, int turn) {
    out_.unassigned.push_back({v, reason, turn, std::nullopt});
  }

  // The reason for someone not placed; `could` = could have been placed
  // alone.
  void miss_with(VeteranIndex v, const std::vector<ScoredPair>& eligible,
                 int turn) {
    if (eligible.empty()) {
      miss(v, UnassignedReason::kNoEligiblePosting, turn);
    } else if (open_count(eligible) == 0) {
      miss(v, UnassignedReason::kEligiblePostingsFull, turn);
    } else {
      miss(v, UnassignedReason::kNoJointPlacement, turn);
    }
  }

  void alone(VeteranIndex v, int turn) {
    const std::vector<ScoredPair> eligible = ref_.eligible_postings(v);
    const int open = open_count(eligible);
    for (std::size_t r = 0; r < eligible.size(); ++r) {
      if (left_[eligible[r].index] > 0)
        return assign(v, eligible, r, turn, open);
    }
    miss(v,
         eligible.empty() ? UnassignedReason::kNoEligiblePosting
                          : UnassignedReason::kEligiblePostingsFull,
         turn);
  }

  void near(VeteranIndex v, PostingIndex anchor, int turn) {
    const std::vector<ScoredPair> eligible = ref_.eligible_postings(v);
    const int open = open_count(eligible);
    const double max_km = round_.config.couple_max_km;
    for (std::size_t r = 0; r < eligible.size(); ++r) {
      const PostingIndex p = eligible[r].index;
      if (left_[p] > 0 && km_between(p, anchor) <= max_km) {
        return assign(v, eligible, r, turn, open);
      }
    }
    miss_with(v, eligible, turn);
  }

  void together(VeteranIndex a, VeteranIndex b, int turn) {
    const std::vector<ScoredPair> ea = ref_.eligible_postings(a);
    const std::vector<ScoredPair> eb = ref_.eligible_postings(b);
    const int open_a = open_count(ea), open_b = open_count(eb);
    const double max_km = round_.config.couple_max_km;
    std::optional<std::pair<std::size_t, std::size_t>> best;
    double best_sum = 0.0;
    for (std::size_t i = 0; i < ea.size(); ++i) {
      const PostingIndex p = ea[i].index;
      if (left_[p] <= 0) continue;
      for (std::size_t j = 0; j < eb.size(); ++j) {
        const PostingIndex q = eb[j].index;
        if (left_[q] <= 0 || (p == q && left_[p] < 2)) continue;
        if (km_between(p, q) > max_km) continue;
        const double sum = ea[i].score.score + eb[j].score.score;
        bool better = !best || sum > best_sum;
        if (best && sum == best_sum) {
          const std::string& bp = round_.postings[ea[best->first].index].id;
          const std::string& bq = round_.postings[eb[best->second].index].id;
          const std::string& pp = round_.postings[p].id;
          const std::string& qq = round_.postings[q].id;
          better = pp < bp || (pp == bp && qq < bq);
        }
        if (better) {
          best = {i, j};
          best_sum = sum;
        }
      }
    }
    if (best) {
      assign(a, ea, best->first, turn, open_a);
      assign(b, eb, best->second, turn, open_b);
      return;
    }
    miss_with(a, ea, turn);
    miss_with(b, eb, turn);
  }

  const Round& round_;
  const ReferenceRound ref_;
  std::vector<int> left_;
  std::vector<VeteranIndex> partner_;  ///< both in the round
  std::vector<PostingIndex> anchor_;   ///< partner taken there
  ReferenceOutcome out_;
};

}  // namespace

ReferenceOutcome reference_points_order(const Round& round) {
  return Reference(round).run();
}

}  // namespace vetmatch::test
