#include "tests/reference/brute_force.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vetmatch::test {
namespace {

// geo.h's constants, restated.
constexpr double kRadiusKm = 6371.0088;
constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;

std::map<std::string, double> as_map(const std::vector<SkillWeight>& skills) {
  std::map<std::string, double> out;
  for (const SkillWeight& s : skills) out[s.skill] = s.weight;
  return out;
}

// Cosine of two skill maps; every sum runs in ascending skill-id order.
double cosine(const std::map<std::string, double>& a,
              const std::map<std::string, double>& b) {
  if (a.empty() || b.empty()) return 0.0;
  double dot = 0.0;
  for (const auto& [skill, weight] : a) {
    auto it = b.find(skill);
    if (it != b.end()) dot += weight * it->second;
  }
  double a2 = 0.0;
  for (const auto& entry : a) a2 += entry.second * entry.second;
  double b2 = 0.0;
  for (const auto& entry : b) b2 += entry.second * entry.second;
  return dot / (std::sqrt(a2) * std::sqrt(b2));
}

PairScore score_with_maps(const Veteran& veteran,
                          const std::map<std::string, double>& veteran_skills,
                          const Posting& posting,
                          const std::map<std::string, double>& posting_skills,
                          const RoundConfig& config) {
  PairScore s;
  s.skill = cosine(veteran_skills, posting_skills);
  s.distance_km = reference_distance_km(veteran.location, posting.location);
  s.location = std::exp(-s.distance_km / config.distance_scale_km);
  bool wanted = veteran.industries.empty();
  if (!posting.industry.empty()) {
    for (const std::string& industry : veteran.industries) {
      if (industry == posting.industry) wanted = true;
    }
  }
  s.preference = wanted ? 1.0 : 0.0;
  const ScoreWeights& w = config.weights;
  s.score = (w.skill * s.skill + w.location * s.location +
             w.preference * s.preference) /
            (w.skill + w.location + w.preference);
  return s;
}

// Score descending, then the id of the other side ascending (byte-wise).
template <typename Records>
void sort_best_first(std::vector<ScoredPair>& pairs, const Records& records) {
  std::sort(pairs.begin(), pairs.end(),
            [&](const ScoredPair& a, const ScoredPair& b) {
              if (a.score.score != b.score.score) {
                return a.score.score > b.score.score;
              }
              return records[a.index].id < records[b.index].id;
            });
}

template <typename Records>
std::vector<std::int32_t> by_id(const Records& records) {
  std::vector<std::int32_t> order(records.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return records[a].id < records[b].id;
  });
  return order;
}

}  // namespace

double reference_distance_km(const GeoPoint& a, const GeoPoint& b) {
  const double lat1 = a.lat * kRadiansPerDegree;
  const double lat2 = b.lat * kRadiansPerDegree;
  const double dlon = (b.lon - a.lon) * kRadiansPerDegree;
  const double sin_half_dlat = std::sin((lat2 - lat1) / 2.0);
  const double sin_half_dlon = std::sin(dlon / 2.0);
  const double h =
      sin_half_dlat * sin_half_dlat +
      std::cos(lat1) * std::cos(lat2) * sin_half_dlon * sin_half_dlon;
  return 2.0 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

PairScore reference_score(const Veteran& veteran, const Posting& posting,
                          const RoundConfig& config) {
  return score_with_maps(veteran, as_map(veteran.skills), posting,
                         as_map(posting.skills), config);
}

ReferenceRound::ReferenceRound(const Round& round) : round_(round) {
  for (const PairRef& t : round.taken) {
    taken_veterans_.insert(t.veteran);
    ++taken_places_[t.posting];
  }
  for (const PairRef& d : round.declined) {
    declined_.insert({d.veteran, d.posting});
  }
  not_looking_.insert(round.not_looking.begin(), round.not_looking.end());
  withdrawn_.insert(round.withdrawn.begin(), round.withdrawn.end());
  for (const Veteran& v : round.veterans) {
    veteran_skills_.push_back(as_map(v.skills));
  }
  for (const Posting& p : round.postings) {
    posting_skills_.push_back(as_map(p.skills));
  }
}

bool ReferenceRound::is_taken(VeteranIndex v) const {
  return taken_veterans_.count(round_.veterans[v].id) > 0;
}

bool ReferenceRound::is_not_looking(VeteranIndex v) const {
  return not_looking_.count(round_.veterans[v].id) > 0;
}

bool ReferenceRound::is_out(VeteranIndex v) const {
  return is_taken(v) || is_not_looking(v);
}

bool ReferenceRound::is_withdrawn(PostingIndex p) const {
  return withdrawn_.count(round_.postings[p].id) > 0;
}

int ReferenceRound::openings_left(PostingIndex p) const {
  const Posting& posting = round_.postings[p];
  if (is_withdrawn(p)) return 0;
  auto it = taken_places_.find(posting.id);
  return posting.openings - (it == taken_places_.end() ? 0 : it->second);
}

Ineligibility ReferenceRound::eligibility(VeteranIndex v,
                                          PostingIndex p) const {
  const Veteran& veteran = round_.veterans[v];
  const Posting& posting = round_.postings[p];
  // 1. The posting's kind must be one the veteran wants.
  const unsigned kind_mask = 1u << static_cast<unsigned>(posting.kind);
  if ((veteran.wants & kind_mask) == 0) return Ineligibility::kKindNotWanted;
  // 2. Spouses only where spouses are welcome and the posting is not
  //    veterans-only.
  if (veteran.group == Group::kSpouse &&
      (posting.veterans_only || !posting.spouses_welcome)) {
    return Ineligibility::kSpouseNotAdmitted;
  }
  // 3. Education.
  if (static_cast<int>(veteran.education) <
      static_cast<int>(posting.min_education)) {
    return Ineligibility::kEducationTooLow;
  }
  // 4. Every required certificate held.
  const std::set<std::string> held(veteran.certificates.begin(),
                                   veteran.certificates.end());
  for (const std::string& required : posting.required_certificates) {
    if (held.count(required) == 0) return Ineligibility::kMissingCertificate;
  }
  // 5. Commute: the veteran's limit, else the round's, else none.
  std::optional<double> limit = veteran.max_commute_km;
  if (!limit) limit = round_.config.max_commute_km;
  if (limit &&
      reference_distance_km(veteran.location, posting.location) > *limit) {
    return Ineligibility::kBeyondCommute;
  }
  // 6. Declined before.
  if (declined_.count({veteran.id, posting.id}) > 0) {
    return Ineligibility::kDeclined;
  }
  // 7. An opening left after the taken places (none when withdrawn).
  if (openings_left(p) <= 0) return Ineligibility::kNoOpeningLeft;
  return Ineligibility::kEligible;
}

PairScore ReferenceRound::score(VeteranIndex v, PostingIndex p) const {
  return score_with_maps(round_.veterans[v], veteran_skills_[v],
                         round_.postings[p], posting_skills_[p], round_.config);
}

std::vector<ScoredPair> ReferenceRound::eligible_postings(
    VeteranIndex v) const {
  std::vector<ScoredPair> out;
  if (is_out(v)) return out;
  for (PostingIndex p = 0;
       p < static_cast<PostingIndex>(round_.postings.size()); ++p) {
    if (eligibility(v, p) == Ineligibility::kEligible) {
      out.push_back({p, score(v, p)});
    }
  }
  sort_best_first(out, round_.postings);
  return out;
}

std::vector<ScoredPair> ReferenceRound::eligible_veterans(
    PostingIndex p) const {
  std::vector<ScoredPair> out;
  for (VeteranIndex v = 0;
       v < static_cast<VeteranIndex>(round_.veterans.size()); ++v) {
    if (is_out(v)) continue;
    if (eligibility(v, p) == Ineligibility::kEligible) {
      out.push_back({v, score(v, p)});
    }
  }
  sort_best_first(out, round_.veterans);
  return out;
}

Ineligibility reference_eligibility(const Round& round, VeteranIndex v,
                                    PostingIndex p) {
  return ReferenceRound(round).eligibility(v, p);
}

std::vector<VeteranIndex> reference_veterans_by_id(const Round& round) {
  const ReferenceRound ref(round);
  std::vector<VeteranIndex> out;
  for (VeteranIndex v : by_id(round.veterans)) {
    if (!ref.is_out(v)) out.push_back(v);
  }
  return out;
}

std::vector<PostingIndex> reference_postings_by_id(const Round& round) {
  const ReferenceRound ref(round);
  std::vector<PostingIndex> out;
  for (PostingIndex p : by_id(round.postings)) {
    if (!ref.is_withdrawn(p)) out.push_back(p);
  }
  return out;
}

Shortlists reference_shortlists(const Round& round) {
  const ReferenceRound ref(round);
  const std::size_t veteran_k = round.config.veteran_shortlist_k;
  const std::size_t posting_k = round.config.posting_shortlist_k;
  Shortlists out;
  out.veteran_offsets.push_back(0);
  for (VeteranIndex v = 0; v < static_cast<VeteranIndex>(round.veterans.size());
       ++v) {
    const std::vector<ScoredPair> list = ref.eligible_postings(v);
    for (std::size_t i = 0; i < list.size() && i < veteran_k; ++i) {
      out.veteran_entries.push_back({list[i].index, list[i].score});
    }
    out.veteran_offsets.push_back(out.veteran_entries.size());
  }
  out.posting_offsets.push_back(0);
  for (PostingIndex p = 0; p < static_cast<PostingIndex>(round.postings.size());
       ++p) {
    const std::vector<ScoredPair> list = ref.eligible_veterans(p);
    for (std::size_t i = 0; i < list.size() && i < posting_k; ++i) {
      out.posting_entries.push_back({list[i].index, list[i].score});
    }
    out.posting_offsets.push_back(out.posting_entries.size());
  }
  return out;
}

}  // namespace vetmatch::test
