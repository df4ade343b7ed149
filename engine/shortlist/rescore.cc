#include "engine/shortlist/rescore.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

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

void Rescorer::dots_with(const SparseRows& rows,
                         std::span<const CandidateList::Item> candidates) {
  // Four candidates at a time: four independent chains of adds keep the
  // adder busy, and each chain still sums its row in ascending skill order.
  dots_.resize(candidates.size());
  const SparseRows::Entry* entries = rows.entries.data();
  std::size_t i = 0;
  for (; i + 4 <= candidates.size(); i += 4) {
    std::size_t at[4], end[4];
    double acc[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t common = SIZE_MAX;
    for (int j = 0; j < 4; ++j) {
      at[j] = rows.offsets[candidates[i + j].id];
      end[j] = rows.offsets[candidates[i + j].id + 1];
      common = std::min(common, end[j] - at[j]);
    }
    for (std::size_t t = 0; t < common; ++t) {
      for (int j = 0; j < 4; ++j) {
        const SparseRows::Entry& e = entries[at[j] + t];
        acc[j] += dense_[e.skill] * e.weight;
      }
    }
    for (int j = 0; j < 4; ++j) {
      for (std::size_t t = at[j] + common; t < end[j]; ++t) {
        acc[j] += dense_[entries[t].skill] * entries[t].weight;
      }
      dots_[i + j] = acc[j];
    }
  }
  for (; i < candidates.size(); ++i) {
    double acc = 0.0;
    const std::int32_t r = candidates[i].id;
    for (std::size_t t = rows.offsets[r]; t < rows.offsets[r + 1]; ++t) {
      acc += dense_[entries[t].skill] * entries[t].weight;
    }
    dots_[i] = acc;
  }
}

std::vector<Rescored> Rescorer::top_postings(
    std::int32_t v, std::span<const CandidateList::Item> candidates, int k) {
  std::vector<Rescored> out;
  out.reserve(candidates.size());
  const bool empty_row =
      ir_.veteran_skills.offsets[v] == ir_.veteran_skills.offsets[v + 1];
  scatter(ir_.veteran_skills, v);
  dots_with(ir_.posting_skills, candidates);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::int32_t p = candidates[i].id;
    const double km = exact_distance_km(ir_, v, p);
    PairScore s = exact_score_with_skill(
        ir_, v, p, km,
        empty_row || ir_.posting_skills.offsets[p] ==
                         ir_.posting_skills.offsets[p + 1]
            ? 0.0
            : dots_[i] /
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
  dots_with(ir_.veteran_skills, candidates);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::int32_t v = candidates[i].id;
    const double km = exact_distance_km(ir_, v, p);
    PairScore s = exact_score_with_skill(
        ir_, v, p, km,
        empty_row || ir_.veteran_skills.offsets[v] ==
                         ir_.veteran_skills.offsets[v + 1]
            ? 0.0
            : dots_[i] /
                  (ir_.veteran_skills.norms[v] * ir_.posting_skills.norms[p]));
    out.push_back({v, s});
  }
  clear(ir_.posting_skills, p);
  keep_best(out, k);
  return out;
}

}  // namespace vetmatch
