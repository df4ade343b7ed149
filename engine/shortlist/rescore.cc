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
    // The next four rows' first lines: the rows lie anywhere in memory.
    for (std::size_t j = i + 4; j < std::min(i + 8, candidates.size()); ++j) {
      const SparseRows::Entry* row = entries + rows.offsets[candidates[j].id];
      __builtin_prefetch(row);
      __builtin_prefetch(row + 4);
      __builtin_prefetch(row + 8);
    }
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

std::vector<Rescored> Rescorer::top(
    bool owner_is_veteran, std::int32_t owner,
    std::span<const CandidateList::Item> candidates, int k) {
  const SparseRows& mine =
      owner_is_veteran ? ir_.veteran_skills : ir_.posting_skills;
  const SparseRows& theirs =
      owner_is_veteran ? ir_.posting_skills : ir_.veteran_skills;
  scored_.clear();
  keys_.clear();
  const bool empty_row = mine.offsets[owner] == mine.offsets[owner + 1];
  scatter(mine, owner);
  dots_with(theirs, candidates);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::int32_t other = candidates[i].id;
    const std::int32_t v = owner_is_veteran ? owner : other;
    const std::int32_t p = owner_is_veteran ? other : owner;
    const double km = exact_distance_km(ir_, v, p);
    // exact_skill(): 0 for an empty map, else dot / (|v| |p|).
    const bool empty =
        empty_row || theirs.offsets[other] == theirs.offsets[other + 1];
    const double skill = empty ? 0.0
                               : dots_[i] / (ir_.veteran_skills.norms[v] *
                                             ir_.posting_skills.norms[p]);
    scored_.push_back(exact_score_with_skill(ir_, v, p, km, skill));
    keys_.push_back({scored_.back().score, other, std::int32_t(i)});
  }
  clear(mine, owner);
  // The k best keys (score desc, slot asc; slots are distinct), sorted;
  // the scores themselves are moved once, at the end.
  auto before = [](const Key& a, const Key& b) {
    return a.score > b.score || (a.score == b.score && a.slot < b.slot);
  };
  const std::size_t keep = std::min<std::size_t>(keys_.size(), k);
  if (keep < keys_.size()) {
    std::nth_element(keys_.begin(), keys_.begin() + keep, keys_.end(), before);
  }
  std::sort(keys_.begin(), keys_.begin() + keep, before);
  std::vector<Rescored> out(keep);
  for (std::size_t j = 0; j < keep; ++j) {
    out[j] = {keys_[j].slot, scored_[keys_[j].at]};
  }
  return out;
}

std::vector<Rescored> Rescorer::top_postings(
    std::int32_t v, std::span<const CandidateList::Item> candidates, int k) {
  return top(true, v, candidates, k);
}

std::vector<Rescored> Rescorer::top_veterans(
    std::int32_t p, std::span<const CandidateList::Item> candidates, int k) {
  return top(false, p, candidates, k);
}

}  // namespace vetmatch
