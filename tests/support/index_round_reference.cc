#include "tests/support/index_round_reference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "engine/scoring/geo.h"

namespace vetmatch::test {
namespace {

// A vocabulary of strings numbered in ascending byte-wise order.
class Vocabulary {
 public:
  void add(std::string_view s) { index_.emplace(s, 0); }
  void finish() {
    std::vector<std::string_view> keys;
    keys.reserve(index_.size());
    for (const auto& [k, unused] : index_) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      index_[keys[i]] = static_cast<std::int32_t>(i);
    }
  }
  std::int32_t at(std::string_view s) const { return index_.at(s); }
  std::int32_t find(std::string_view s) const {
    auto it = index_.find(s);
    return it == index_.end() ? -1 : it->second;
  }
  std::size_t size() const { return index_.size(); }

 private:
  std::unordered_map<std::string_view, std::int32_t> index_;
};

template <typename Record>
std::vector<std::int32_t> slots_in_id_order(const std::vector<Record>& records,
                                            const std::vector<bool>& skip) {
  std::vector<std::int32_t> order;
  order.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (skip.empty() || !skip[i]) order.push_back(static_cast<std::int32_t>(i));
  }
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return records[a].id < records[b].id;
  });
  return order;
}

void append_sparse_row(const std::vector<SkillWeight>& skills,
                       const Vocabulary& vocabulary, SparseRows& rows) {
  const std::size_t start = rows.entries.size();
  for (const SkillWeight& s : skills) {
    rows.entries.push_back({vocabulary.at(s.skill), s.weight});
  }
  std::sort(rows.entries.begin() + start, rows.entries.end(),
            [](const SparseRows::Entry& a, const SparseRows::Entry& b) {
              return a.skill < b.skill;
            });
  double sum = 0.0;
  for (std::size_t i = start; i < rows.entries.size(); ++i) {
    sum += rows.entries[i].weight * rows.entries[i].weight;
  }
  rows.norms.push_back(std::sqrt(sum));
  rows.offsets.push_back(rows.entries.size());
}

void append_id_set(const std::vector<std::string>& names,
                   const Vocabulary& vocabulary, IdSets& sets,
                   std::uint64_t* mask) {
  const std::size_t start = sets.ids.size();
  for (const std::string& name : names) {
    const std::int32_t id = vocabulary.at(name);
    sets.ids.push_back(id);
    if (mask) *mask |= std::uint64_t{1} << (id % 64);
  }
  std::sort(sets.ids.begin() + start, sets.ids.end());
  sets.ids.erase(std::unique(sets.ids.begin() + start, sets.ids.end()),
                 sets.ids.end());
  sets.offsets.push_back(sets.ids.size());
}

IndexedRound::Place place_of(const GeoPoint& p) {
  const double lat_rad = p.lat * kDegToRad;
  return {lat_rad, std::cos(lat_rad), p.lon};
}

void append_xyz(const GeoPoint& p, std::vector<float>& xyz) {
  const double lat = p.lat * kDegToRad;
  const double lon = p.lon * kDegToRad;
  xyz.push_back(static_cast<float>(std::cos(lat) * std::cos(lon)));
  xyz.push_back(static_cast<float>(std::cos(lat) * std::sin(lon)));
  xyz.push_back(static_cast<float>(std::sin(lat)));
}

// Dense, L2-normalised float rows over the shared skill columns.
FloatMatrix dense_rows(const SparseRows& rows, std::int32_t n_rows,
                       const std::vector<std::int32_t>& column_of_skill,
                       std::int32_t n_columns) {
  FloatMatrix m = FloatMatrix::Zero(n_rows, n_columns);
  for (std::int32_t r = 0; r < n_rows; ++r) {
    if (rows.norms[r] == 0.0) continue;
    for (std::size_t e = rows.offsets[r]; e < rows.offsets[r + 1]; ++e) {
      const std::int32_t column = column_of_skill[rows.entries[e].skill];
      if (column >= 0) {
        m(r, column) =
            static_cast<float>(rows.entries[e].weight / rows.norms[r]);
      }
    }
  }
  return m;
}

}  // namespace

IndexedRound reference_index_round(const Round& round) {
  IndexedRound ir;
  ir.round = &round;
  ir.weights = round.config.weights;
  ir.distance_scale_km = round.config.distance_scale_km;

  std::unordered_map<std::string_view, std::int32_t> veteran_by_id;
  std::unordered_map<std::string_view, std::int32_t> posting_by_id;
  for (std::size_t i = 0; i < round.veterans.size(); ++i) {
    veteran_by_id.emplace(round.veterans[i].id, static_cast<std::int32_t>(i));
  }
  for (std::size_t i = 0; i < round.postings.size(); ++i) {
    posting_by_id.emplace(round.postings[i].id, static_cast<std::int32_t>(i));
  }

  // Taken: the veteran leaves the round, the posting loses an opening.
  std::vector<bool> taken(round.veterans.size(), false);
  std::vector<Openings> used(round.postings.size(), 0);
  for (const PairRef& t : round.taken) {
    taken[veteran_by_id.at(t.veteran)] = true;
    ++used[posting_by_id.at(t.posting)];
  }
  // Carry-over (added with issue 5): veterans no longer looking leave the
  // round like taken ones; a withdrawn posting keeps its slot with no
  // opening left.
  for (const std::string& id : round.not_looking) {
    taken[veteran_by_id.at(id)] = true;
  }
  std::vector<std::uint8_t> withdrawn(round.postings.size(), 0);
  for (const std::string& id : round.withdrawn) {
    withdrawn[posting_by_id.at(id)] = 1;
  }

  ir.veteran_of = slots_in_id_order(round.veterans, taken);
  ir.posting_of = slots_in_id_order(round.postings, {});
  ir.n_veterans = static_cast<std::int32_t>(ir.veteran_of.size());
  ir.n_postings = static_cast<std::int32_t>(ir.posting_of.size());
  ir.veteran_slot.assign(round.veterans.size(), -1);
  ir.posting_slot.assign(round.postings.size(), -1);
  for (std::int32_t s = 0; s < ir.n_veterans; ++s)
    ir.veteran_slot[ir.veteran_of[s]] = s;
  for (std::int32_t s = 0; s < ir.n_postings; ++s)
    ir.posting_slot[ir.posting_of[s]] = s;

  // Vocabularies, numbered in byte-wise order.
  Vocabulary skills, certificates, industries;
  for (VeteranIndex v : ir.veteran_of) {
    const Veteran& vet = round.veterans[v];
    for (const SkillWeight& s : vet.skills) skills.add(s.skill);
    for (const std::string& c : vet.certificates) certificates.add(c);
    for (const std::string& i : vet.industries) industries.add(i);
  }
  for (const Posting& p : round.postings) {
    for (const SkillWeight& s : p.skills) skills.add(s.skill);
    for (const std::string& c : p.required_certificates) certificates.add(c);
    if (!p.industry.empty()) industries.add(p.industry);
  }
  skills.finish();
  certificates.finish();
  industries.finish();

  const double no_limit = std::numeric_limits<double>::infinity();
  ir.veteran_skills.offsets.push_back(0);
  ir.veteran_certs.offsets.push_back(0);
  ir.veteran_industries.offsets.push_back(0);
  for (VeteranIndex v : ir.veteran_of) {
    const Veteran& vet = round.veterans[v];
    append_sparse_row(vet.skills, skills, ir.veteran_skills);
    ir.veteran_place.push_back(place_of(vet.location));
    append_xyz(vet.location, ir.veteran_xyz);
    ir.veteran_wants.push_back(vet.wants);
    ir.veteran_is_spouse.push_back(vet.group == Group::kSpouse);
    ir.veteran_education.push_back(static_cast<std::uint8_t>(vet.education));
    std::uint64_t mask = 0;
    append_id_set(vet.certificates, certificates, ir.veteran_certs, &mask);
    ir.veteran_cert_mask.push_back(mask);
    append_id_set(vet.industries, industries, ir.veteran_industries, nullptr);
    ir.veteran_commute_km.push_back(
        vet.max_commute_km ? *vet.max_commute_km
                           : round.config.max_commute_km.value_or(no_limit));
  }

  ir.posting_skills.offsets.push_back(0);
  ir.posting_certs.offsets.push_back(0);
  for (PostingIndex p : ir.posting_of) {
    const Posting& post = round.postings[p];
    append_sparse_row(post.skills, skills, ir.posting_skills);
    ir.posting_place.push_back(place_of(post.location));
    append_xyz(post.location, ir.posting_xyz);
    ir.posting_kind_bit.push_back(kind_bit(post.kind));
    ir.posting_admits_spouses.push_back(!post.veterans_only &&
                                        post.spouses_welcome);
    ir.posting_min_education.push_back(
        static_cast<std::uint8_t>(post.min_education));
    std::uint64_t mask = 0;
    append_id_set(post.required_certificates, certificates, ir.posting_certs,
                  &mask);
    ir.posting_cert_mask.push_back(mask);
    ir.posting_industry.push_back(
        post.industry.empty() ? -1 : industries.at(post.industry));
    ir.posting_withdrawn.push_back(withdrawn[p]);
    ir.posting_open.push_back(withdrawn[p] ? 0 : post.openings - used[p]);
  }

  // Dense columns: only skills that occur on both sides can add to a dot
  // product; rows stay normalised over the whole map.
  std::vector<std::uint8_t> side(skills.size(), 0);
  for (const auto& e : ir.veteran_skills.entries) side[e.skill] |= 1;
  for (const auto& e : ir.posting_skills.entries) side[e.skill] |= 2;
  std::vector<std::int32_t> column_of_skill(skills.size(), -1);
  std::int32_t n_columns = 0;
  for (std::size_t s = 0; s < side.size(); ++s) {
    if (side[s] == 3) column_of_skill[s] = n_columns++;
  }
  ir.veteran_matrix =
      dense_rows(ir.veteran_skills, ir.n_veterans, column_of_skill, n_columns);
  ir.posting_matrix =
      dense_rows(ir.posting_skills, ir.n_postings, column_of_skill, n_columns);
  ir.column_of_skill = std::move(column_of_skill);
  ir.skill_columns = n_columns;

  for (const PairRef& d : round.declined) {
    const std::int32_t v = ir.veteran_slot[veteran_by_id.at(d.veteran)];
    if (v < 0) continue;  // out of the round anyway
    const std::int32_t p = ir.posting_slot[posting_by_id.at(d.posting)];
    ir.declined.push_back((std::uint64_t(std::uint32_t(v)) << 32) |
                          std::uint32_t(p));
  }
  std::sort(ir.declined.begin(), ir.declined.end());
  ir.declined.erase(std::unique(ir.declined.begin(), ir.declined.end()),
                    ir.declined.end());
  return ir;
}

}  // namespace vetmatch::test
