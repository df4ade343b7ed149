#include "engine/quality/quality_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vetmatch {
namespace {

using CodeSet = std::vector<std::int32_t>;  // Sorted, unique.

// Gives every occupation code (CSCO or O*NET) a small integer.
class CodeIds {
 public:
  std::int32_t id(std::string_view code) {
    const auto it = ids_.find(std::string(code));
    if (it != ids_.end()) return it->second;
    const auto n = static_cast<std::int32_t>(ids_.size());
    ids_.emplace(std::string(code), n);
    return n;
  }

 private:
  std::unordered_map<std::string, std::int32_t> ids_;
};

void normalise(CodeSet& s) {
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
}

bool intersects(const CodeSet& a, const CodeSet& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      return true;
    }
  }
  return false;
}

struct Targets {
  CodeSet codes;    ///< CSCO and O*NET targets.
  CodeSet related;  ///< Targets plus their related O*NET occupations.
};

class TargetBuilder {
 public:
  TargetBuilder(const SkillSpace& space, CodeIds& ids)
      : space_(space), ids_(ids) {}

  /// The veteran's targets (cached per specialty list).
  const Targets& of(const Veteran& v) {
    std::string key;
    for (const std::string& s : v.specialties) key += s + '\n';
    const auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    Targets t;
    CodeSet onet;
    // Every O*NET code a specialty names, whose related occupations count.
    std::vector<const std::string*> named;
    for (const std::string& s : v.specialties) {
      if (s.starts_with("us:")) {
        const auto us = space_.us_military.find(std::string_view(s).substr(3));
        if (us == space_.us_military.end()) continue;
        for (const std::string& code : us->second) {
          named.push_back(&code);
          if (!code.starts_with("55-")) onet.push_back(ids_.id(code));
        }
        continue;
      }
      const auto family = space_.specialties.find(s);
      if (family == space_.specialties.end()) continue;
      for (const WeightedCode& c : family->second.onet) {
        named.push_back(&c.code);
        onet.push_back(ids_.id(c.code));
      }
      for (const WeightedCode& c : family->second.csco) {
        t.codes.push_back(ids_.id(c.code));
      }
    }
    t.codes.insert(t.codes.end(), onet.begin(), onet.end());
    normalise(t.codes);
    t.related = onet;
    for (const std::string* code : named) {
      const auto r = space_.related.find(*code);
      if (r == space_.related.end()) continue;
      for (const std::string& rel : r->second)
        t.related.push_back(ids_.id(rel));
    }
    normalise(t.related);
    return cache_.emplace(std::move(key), std::move(t)).first->second;
  }

 private:
  const SkillSpace& space_;
  CodeIds& ids_;
  std::map<std::string, Targets> cache_;
};

// A posting's occupations: its code and, for a CSCO code, its O*NET mapping.
// `onet_only` keeps only the O*NET codes.
void posting_codes(const Posting& p, const SkillSpace& space, CodeIds& ids,
                   CodeSet* all, CodeSet* onet_only) {
  if (p.occupation.empty()) return;
  const auto csco = space.csco.find(p.occupation);
  if (csco != space.csco.end()) {
    all->push_back(ids.id(p.occupation));
    for (const WeightedCode& c : csco->second.onet) {
      all->push_back(ids.id(c.code));
      onet_only->push_back(ids.id(c.code));
    }
  } else {
    all->push_back(ids.id(p.occupation));
    onet_only->push_back(ids.id(p.occupation));
  }
  normalise(*all);
  normalise(*onet_only);
}

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

}  // namespace

QualityReport quality_report(const Round& round, const RoundResult& result,
                             const SkillSpace& space) {
  QualityReport q;
  CodeIds ids;
  const std::size_t n_postings = round.postings.size();
  std::vector<CodeSet> posting_all(n_postings), posting_onet(n_postings);
  for (std::size_t p = 0; p < n_postings; ++p) {
    posting_codes(round.postings[p], space, ids, &posting_all[p],
                  &posting_onet[p]);
  }
  TargetBuilder targets(space, ids);

  // Recall cut-offs: 1, 5, 10 and the shortlist length, each at most it.
  const int list_k = round.config.veteran_shortlist_k;
  std::vector<int> cutoffs;
  for (int k : {1, 5, 10, list_k}) {
    if (k >= 1 && k <= list_k) cutoffs.push_back(k);
  }
  normalise(cutoffs);
  std::vector<double> recall_sum(cutoffs.size(), 0.0);
  std::vector<double> random_sum(cutoffs.size(), 0.0);
  // Hit postings per distinct target set (many veterans share one).
  std::map<const Targets*, std::int64_t> hits_in_round;

  q.assigned =
      coverage_figures(round, result.veterans_by_id, result.assignments);

  double entry_hits = 0, entry_related = 0;
  double shortlist_km = 0, shortlist_skill = 0, shortlist_count = 0;
  for (const VeteranIndex v : result.veterans_by_id) {
    const Veteran& vet = round.veterans[static_cast<std::size_t>(v)];
    ++q.veterans;
    const auto list = result.shortlists.of_veteran(v);
    for (const ShortlistEntry& e : list) {
      shortlist_km += e.score.distance_km;
      shortlist_skill += e.score.skill;
      ++shortlist_count;
    }
    if (vet.specialties.empty()) continue;
    const Targets& t = targets.of(vet);
    if (t.codes.empty()) continue;
    ++q.veterans_with_targets;
    for (const ShortlistEntry& e : list) {
      const auto p = static_cast<std::size_t>(e.index);
      ++q.shortlist_entries;
      if (intersects(t.codes, posting_all[p])) {
        ++entry_hits;
        ++entry_related;
      } else if (intersects(t.related, posting_onet[p])) {
        ++entry_related;
      }
    }
    auto [it, inserted] = hits_in_round.try_emplace(&t, 0);
    if (inserted) {
      for (std::size_t p = 0; p < n_postings; ++p) {
        if (intersects(t.codes, posting_all[p])) ++it->second;
      }
    }
    if (it->second == 0) continue;
    ++q.veterans_with_hits;
    const double hit_share =
        static_cast<double>(it->second) / static_cast<double>(n_postings);
    int first_hit = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (intersects(t.codes,
                     posting_all[static_cast<std::size_t>(list[i].index)])) {
        first_hit = static_cast<int>(i);
        break;
      }
    }
    for (std::size_t c = 0; c < cutoffs.size(); ++c) {
      if (first_hit >= 0 && first_hit < cutoffs[c]) recall_sum[c] += 1;
      random_sum[c] += 1 - std::pow(1 - hit_share, cutoffs[c]);
    }
  }
  for (std::size_t c = 0; c < cutoffs.size(); ++c) {
    const auto n = static_cast<double>(q.veterans_with_hits);
    q.recall.push_back(
        {cutoffs[c], ratio(recall_sum[c], n), ratio(random_sum[c], n)});
  }
  const auto entries = static_cast<double>(q.shortlist_entries);
  q.crosswalk_hit_rate = ratio(entry_hits, entries);
  q.related_hit_rate = ratio(entry_related, entries);
  q.mean_shortlist_km = ratio(shortlist_km, shortlist_count);
  q.mean_shortlist_skill = ratio(shortlist_skill, shortlist_count);
  return q;
}

}  // namespace vetmatch
