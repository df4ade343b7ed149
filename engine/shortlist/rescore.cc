#include "engine/shortlist/rescore.h"

#include <algorithm>
#include <cmath>

#include "engine/scoring/pair_eval.h"

namespace vetmatch {
namespace {

std::int32_t skill_count(const IndexedRound& ir) {
  std::int32_t top = -1;
  for (const auto& e : ir.veteran_skills.entries) top = std::max(top, e.skill);
  for (const auto& e : ir.posting_skills.entries) top = std::max(top, e.skill);
  return top + 1;
}

void keep_best(std::vector<Rescored>& list, int k) {
  auto before = [](const Rescored& a, const Rescored& b) {
    return a.score.score > b.score.score ||
           (a.score.score == b.score.score && a.slot < b.slot);
  };
  const std::size_t keep = std::min<std::size_t>(list.size(), k);
  std::partial_sort(list.begin(), list.begin() + keep, list.end(), before);
  list.resize(keep);
}

}  // namespace

Rescorer::Rescorer(const IndexedRound& ir) : ir_(ir), dense_(skill_count(ir)) {}

void Rescorer::scatter(const SparseRows& rows, std::int32_t r) {
  for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
    dense_[rows.entries[e].skill] = rows.entries[e].weight;
  }
}

void Rescorer::clear(const SparseRows& rows, std::int32_t r) {
  for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
    dense_[rows.entries[e].skill] = 0.0;
  }
}

double Rescorer::dot_with(const SparseRows& rows, std::int32_t r) const {
  double dot = 0.0;
  for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
    dot += dense_[rows.entries[e].skill] * rows.entries[e].weight;
  }
  return dot;
}

std::vector<Rescored> Rescorer::top_postings(
    std::int32_t v, std::span<const CandidateList::Item> candidates, int k) {
  std::vector<Rescored> out;
  out.reserve(candidates.size());
  const bool empty_row =
      ir_.veteran_skills.offsets[v] == ir_.veteran_skills.offsets[v + 1];
  scatter(ir_.veteran_skills, v);
  for (const CandidateList::Item& c : candidates) {
    const std::int32_t p = c.id;
    const double km = exact_distance_km(ir_, v, p);
    PairScore s = exact_score_with_skill(
        ir_, v, p, km,
        empty_row || ir_.posting_skills.offsets[p] ==
                         ir_.posting_skills.offsets[p + 1]
            ? 0.0
            : dot_with(ir_.posting_skills, p) /
                  (ir_.veteran_skills.norms[v] * ir_.posting_skills.norms[p]));
    out.push_back({p, s});
  }
  clear(ir_.veteran_skills, v);
  keep_best(out, k);
  return out;
}

std::vector<Rescored> Rescorer::top_veterans(
    std::int32_t p, std::span<const CandidateList::Item> candidates, int k) {
  std::vector<Rescored> out;
  out.reserve(candidates.size());
  const bool empty_row =
      ir_.posting_skills.offsets[p] == ir_.posting_skills.offsets[p + 1];
  scatter(ir_.posting_skills, p);
  for (const CandidateList::Item& c : candidates) {
    const std::int32_t v = c.id;
    const double km = exact_distance_km(ir_, v, p);
    PairScore s = exact_score_with_skill(
        ir_, v, p, km,
        empty_row || ir_.veteran_skills.offsets[v] ==
                         ir_.veteran_skills.offsets[v + 1]
            ? 0.0
            : dot_with(ir_.veteran_skills, v) /
                  (ir_.veteran_skills.norms[v] * ir_.posting_skills.norms[p]));
    out.push_back({v, s});
  }
  clear(ir_.posting_skills, p);
  keep_best(out, k);
  return out;
}

}  // namespace vetmatch
