// The slow, obviously right reference for eligibility, pair scores and
// shortlists, working directly on a Round.
//
// Contract: written from the text of engine/scoring/eligibility.h,
// engine/scoring/scorer.h and engine/scoring/geo.h only; it uses the
// engine's types but none of its functions (no score_pair, no
// great_circle_km, no index). Every pair is looked at; skill maps become
// std::map<std::string, double> so sums run in ascending skill-id order
// (byte-wise), and expressions are evaluated in the order scorer.h states,
// so exactly tied inputs give bitwise-equal scores. Quadratic time: for
// tests only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/round.h"
#include "engine/round/round_result.h"
#include "engine/scoring/eligibility.h"

namespace vetmatch::test {

/// geo.h's great-circle distance, written out.
double reference_distance_km(const GeoPoint& a, const GeoPoint& b);

/// scorer.h's score and components, written out (no eligibility check).
PairScore reference_score(const Veteran& veteran, const Posting& posting,
                          const RoundConfig& config);

/// One eligible pair with its score, as the references pass them around.
struct ScoredPair {
  std::int32_t index = -1;  ///< The other side's index.
  PairScore score;
};

/// A Round with what the hard rules need looked up by id (std::set / map)
/// and every record's skills as an ordered map.
class ReferenceRound {
 public:
  explicit ReferenceRound(const Round& round);

  const Round& round() const { return round_; }
  /// Listed in round.taken.
  bool is_taken(VeteranIndex v) const;
  /// Listed in round.not_looking.
  bool is_not_looking(VeteranIndex v) const;
  /// Taken or not looking: out of this round.
  bool is_out(VeteranIndex v) const;
  /// Listed in round.withdrawn.
  bool is_withdrawn(PostingIndex p) const;
  /// Openings minus taken places; 0 for a withdrawn posting.
  int openings_left(PostingIndex p) const;

  /// The rules of eligibility.h in order; the first that fails is returned.
  /// Does not look at whether the veteran is out (not a pair rule).
  Ineligibility eligibility(VeteranIndex v, PostingIndex p) const;
  PairScore score(VeteranIndex v, PostingIndex p) const;

  /// Veteran v's eligible postings, all of them, sorted (score desc, posting
  /// id asc). Empty for a veteran out of the round.
  std::vector<ScoredPair> eligible_postings(VeteranIndex v) const;
  /// Posting p's eligible veterans (those out of the round left out),
  /// sorted (score desc, veteran id asc).
  std::vector<ScoredPair> eligible_veterans(PostingIndex p) const;

 private:
  using SkillMap = std::map<std::string, double>;

  const Round& round_;
  std::set<std::string> taken_veterans_;
  std::map<std::string, int> taken_places_;  ///< posting id -> count
  std::set<std::pair<std::string, std::string>> declined_;
  std::set<std::string> not_looking_;
  std::set<std::string> withdrawn_;
  std::vector<SkillMap> veteran_skills_;
  std::vector<SkillMap> posting_skills_;
};

/// Convenience forms (build a ReferenceRound each call).
Ineligibility reference_eligibility(const Round& round, VeteranIndex v,
                                    PostingIndex p);

/// Veterans in the round (not taken, not not_looking), in id order
/// (byte-wise).
std::vector<VeteranIndex> reference_veterans_by_id(const Round& round);
/// Postings not withdrawn, in id order (byte-wise).
std::vector<PostingIndex> reference_postings_by_id(const Round& round);

/// Both-way shortlists: every pair scored, the eligible ones sorted (score
/// desc, id asc) and cut to the config's k. Veterans out of the round get
/// empty lists and appear on no posting's list; so do withdrawn postings.
Shortlists reference_shortlists(const Round& round);

}  // namespace vetmatch::test
