#include "engine/scoring/indexed_round_builder.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "engine/scoring/geo.h"

namespace vetmatch {
namespace detail {

std::int32_t Names::id(std::string_view s) {
  const auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<std::int32_t>(names_.size());
  names_.emplace_back(s);
  index_.emplace(names_.back(), id);
  return id;
}

std::int32_t Names::find(std::string_view s) const {
  const auto it = index_.find(s);
  return it == index_.end() ? -1 : it->second;
}

VeteranColumns::VeteranColumns() {
  skills.offsets.push_back(0);
  certificates.offsets.push_back(0);
  industries.offsets.push_back(0);
}

VeteranCounts VeteranColumns::counts() const {
  return {index.size(), skills.entries.size(), certificates.ids.size(),
          industries.ids.size(), id_chars.size()};
}

}  // namespace detail

namespace {

using detail::Names;
using detail::VeteranColumns;

std::string_view id_of(const VeteranColumns& c, std::size_t row) {
  return {c.id_chars.data() + c.id_offsets[row],
          c.id_offsets[row + 1] - c.id_offsets[row]};
}

// Provisional id -> final id, the final ids numbering the names in
// ascending byte-wise order (as index_round always numbered them).
std::vector<std::int32_t> final_numbering(const Names& names) {
  std::vector<std::int32_t> by_name(names.size());
  std::iota(by_name.begin(), by_name.end(), 0);
  std::sort(by_name.begin(), by_name.end(),
            [&](std::int32_t a, std::int32_t b) {
              return std::string_view(names.name(a)) <
                     std::string_view(names.name(b));
            });
  std::vector<std::int32_t> final_id(names.size());
  for (std::size_t i = 0; i < by_name.size(); ++i) {
    final_id[by_name[i]] = static_cast<std::int32_t>(i);
  }
  return final_id;
}

std::int32_t final_id_of(const Names& names,
                         const std::vector<std::int32_t>& final_id,
                         std::string_view s) {
  return final_id[names.find(s)];
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

bool by_skill(const SparseRows::Entry& a, const SparseRows::Entry& b) {
  return a.skill < b.skill;
}

// Sorts one row by skill index (std::sort, as index_round always did; a row
// already strictly ascending is left as it is, which is what std::sort
// gives) and returns its norm, summed in row order.
double sort_row_and_norm(SparseRows::Entry* first, SparseRows::Entry* last) {
  bool ascending = true;
  for (SparseRows::Entry* e = first; e + 1 < last; ++e) {
    if (!(e[0].skill < e[1].skill)) {
      ascending = false;
      break;
    }
  }
  if (!ascending) std::sort(first, last, by_skill);
  double sum = 0.0;
  for (SparseRows::Entry* e = first; e < last; ++e) {
    sum += e->weight * e->weight;
  }
  return std::sqrt(sum);
}

// One row of postings' skills from the record, final ids.
void append_sparse_row(const std::vector<SkillWeight>& skills,
                       const Names& names,
                       const std::vector<std::int32_t>& final_id,
                       SparseRows& rows) {
  const std::size_t start = rows.entries.size();
  for (const SkillWeight& s : skills) {
    rows.entries.push_back({final_id_of(names, final_id, s.skill), s.weight});
  }
  rows.norms.push_back(sort_row_and_norm(
      rows.entries.data() + start, rows.entries.data() + rows.entries.size()));
  rows.offsets.push_back(rows.entries.size());
}

// Remaps provisional ids to final ones, sorts and deduplicates each set in
// place (compacting), and fills one certificate mask per row if asked.
void finish_id_sets(IdSets& sets, const std::vector<std::int32_t>& final_id,
                    std::vector<std::uint64_t>* masks) {
  const std::size_t rows = sets.offsets.size() - 1;
  if (masks) masks->resize(rows);
  std::size_t read = 0;
  std::size_t write = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t end = sets.offsets[r + 1];
    std::uint64_t mask = 0;
    for (std::size_t i = read; i < end; ++i) {
      const std::int32_t id = final_id[sets.ids[i]];
      sets.ids[i] = id;
      mask |= std::uint64_t{1} << (id % 64);
    }
    std::sort(sets.ids.begin() + read, sets.ids.begin() + end);
    const auto last =
        std::unique(sets.ids.begin() + read, sets.ids.begin() + end);
    for (auto it = sets.ids.begin() + read; it != last; ++it) {
      sets.ids[write++] = *it;
    }
    sets.offsets[r + 1] = write;
    if (masks) (*masks)[r] = mask;
    read = end;
  }
  sets.ids.resize(write);
}

// The same for one posting's certificates (from strings, final ids).
void append_id_set(const std::vector<std::string>& names_in, const Names& names,
                   const std::vector<std::int32_t>& final_id, IdSets& sets,
                   std::uint64_t* mask) {
  const std::size_t start = sets.ids.size();
  for (const std::string& name : names_in) {
    const std::int32_t id = final_id_of(names, final_id, name);
    sets.ids.push_back(id);
    if (mask) *mask |= std::uint64_t{1} << (id % 64);
  }
  std::sort(sets.ids.begin() + start, sets.ids.end());
  sets.ids.erase(std::unique(sets.ids.begin() + start, sets.ids.end()),
                 sets.ids.end());
  sets.offsets.push_back(sets.ids.size());
}

template <typename T>
std::vector<T> permuted(const std::vector<T>& v,
                        const std::vector<std::int32_t>& order,
                        std::size_t width = 1) {
  std::vector<T> out;
  out.reserve(v.size());
  for (std::int32_t r : order) {
    out.insert(out.end(), v.begin() + width * r, v.begin() + width * (r + 1));
  }
  return out;
}

template <typename T>
void permute_rows(std::vector<std::size_t>& offsets, std::vector<T>& items,
                  const std::vector<std::int32_t>& order) {
  std::vector<std::size_t> new_offsets;
  new_offsets.reserve(offsets.size());
  new_offsets.push_back(0);
  std::vector<T> new_items;
  new_items.reserve(items.size());
  for (std::int32_t r : order) {
    new_items.insert(new_items.end(), items.begin() + offsets[r],
                     items.begin() + offsets[r + 1]);
    new_offsets.push_back(new_items.size());
  }
  offsets = std::move(new_offsets);
  items = std::move(new_items);
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

template <typename T>
void append_all(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// Appends `from`'s rows to `to`'s, mapping ids through `map`.
template <typename T, typename Map>
void append_rows(std::vector<std::size_t>& to_offsets, std::vector<T>& to,
                 const std::vector<std::size_t>& from_offsets,
                 const std::vector<T>& from, Map map) {
  const std::size_t base = to.size();
  for (const T& item : from) to.push_back(map(item));
  for (std::size_t r = 1; r < from_offsets.size(); ++r) {
    to_offsets.push_back(base + from_offsets[r]);
  }
}

std::vector<std::int32_t> translation(const Names& local, Names& global) {
  std::vector<std::int32_t> out(local.size());
  for (std::size_t i = 0; i < local.size(); ++i) {
    out[i] = global.id(local.name(static_cast<std::int32_t>(i)));
  }
  return out;
}

}  // namespace

IndexedRoundBuilder::IndexedRoundBuilder(
    const Round& round, const IndexedRoundBuildOptions& options)
    : round_(round),
      options_(options),
      default_commute_km_(round.config.max_commute_km.value_or(
          std::numeric_limits<double>::infinity())) {
  for (std::size_t i = 0; i < round.postings.size(); ++i) {
    posting_by_id_.emplace(round.postings[i].id, static_cast<PostingIndex>(i));
  }
  for (const PairRef& t : round.taken) out_.insert(t.veteran);
  for (const std::string& id : round.not_looking) out_.insert(id);
  for (const Posting& p : round.postings) {
    for (const SkillWeight& s : p.skills) skills_.id(s.skill);
    for (const std::string& c : p.required_certificates) certificates_.id(c);
    if (!p.industry.empty()) industries_.id(p.industry);
  }
}

void IndexedRoundBuilder::reserve(const VeteranCounts& totals) {
  VeteranColumns& c = columns_;
  const std::size_t n = totals.veterans;
  c.index.reserve(n);
  c.id_chars.reserve(totals.id_bytes);
  c.id_offsets.reserve(n + 1);
  c.skills.offsets.reserve(n + 1);
  c.skills.entries.reserve(totals.skill_entries);
  c.skills.norms.reserve(n);
  c.certificates.offsets.reserve(n + 1);
  c.certificates.ids.reserve(totals.certificates);
  c.industries.offsets.reserve(n + 1);
  c.industries.ids.reserve(totals.industries);
  c.place.reserve(n);
  c.xyz.reserve(3 * n);
  c.wants.reserve(n);
  c.is_spouse.reserve(n);
  c.education.reserve(n);
  c.commute_km.reserve(n);
}

void IndexedRoundBuilder::encode_into(const Veteran& vet, VeteranIndex index,
                                      Names& skills, Names& certificates,
                                      Names& industries,
                                      VeteranColumns& out) const {
  if (!out_.empty() && out_.contains(vet.id)) {
    out.out_index.push_back(index);
    return;
  }
  out.index.push_back(index);
  out.id_chars.insert(out.id_chars.end(), vet.id.begin(), vet.id.end());
  out.id_offsets.push_back(out.id_chars.size());
  for (const SkillWeight& s : vet.skills) {
    out.skills.entries.push_back({skills.id(s.skill), s.weight});
  }
  out.skills.offsets.push_back(out.skills.entries.size());
  for (const std::string& name : vet.certificates) {
    out.certificates.ids.push_back(certificates.id(name));
  }
  out.certificates.offsets.push_back(out.certificates.ids.size());
  for (const std::string& name : vet.industries) {
    out.industries.ids.push_back(industries.id(name));
  }
  out.industries.offsets.push_back(out.industries.ids.size());
  out.place.push_back(place_of(vet.location));
  append_xyz(vet.location, out.xyz);
  out.wants.push_back(vet.wants);
  out.is_spouse.push_back(vet.group == Group::kSpouse);
  out.education.push_back(static_cast<std::uint8_t>(vet.education));
  out.commute_km.push_back(vet.max_commute_km ? *vet.max_commute_km
                                              : default_commute_km_);
}

void IndexedRoundBuilder::add_veteran(const Veteran& veteran,
                                      VeteranIndex index) {
  encode_into(veteran, index, skills_, certificates_, industries_, columns_);
}

VeteranBatch IndexedRoundBuilder::encode(std::span<const Veteran> veterans,
                                         VeteranIndex first_index) const {
  VeteranBatch batch;
  for (std::size_t i = 0; i < veterans.size(); ++i) {
    encode_into(veterans[i], first_index + static_cast<VeteranIndex>(i),
                batch.skills_, batch.certificates_, batch.industries_,
                batch.columns_);
  }
  return batch;
}

void IndexedRoundBuilder::add(VeteranBatch&& batch) {
  const VeteranColumns& b = batch.columns_;
  VeteranColumns& c = columns_;
  const std::vector<std::int32_t> skill = translation(batch.skills_, skills_);
  const std::vector<std::int32_t> cert =
      translation(batch.certificates_, certificates_);
  const std::vector<std::int32_t> industry =
      translation(batch.industries_, industries_);
  append_all(c.index, b.index);
  append_all(c.out_index, b.out_index);
  append_rows(c.id_offsets, c.id_chars, b.id_offsets, b.id_chars,
              [](char ch) { return ch; });
  append_rows(c.skills.offsets, c.skills.entries, b.skills.offsets,
              b.skills.entries, [&](const SparseRows::Entry& e) {
                return SparseRows::Entry{skill[e.skill], e.weight};
              });
  append_rows(c.certificates.offsets, c.certificates.ids,
              b.certificates.offsets, b.certificates.ids,
              [&](std::int32_t id) { return cert[id]; });
  append_rows(c.industries.offsets, c.industries.ids, b.industries.offsets,
              b.industries.ids, [&](std::int32_t id) { return industry[id]; });
  append_all(c.place, b.place);
  append_all(c.xyz, b.xyz);
  append_all(c.wants, b.wants);
  append_all(c.is_spouse, b.is_spouse);
  append_all(c.education, b.education);
  append_all(c.commute_km, b.commute_km);
  batch = VeteranBatch();
}

IndexedRound IndexedRoundBuilder::finish() {
  const Round& round = round_;
  VeteranColumns& c = columns_;
  IndexedRound ir;
  ir.round = &round;
  ir.weights = round.config.weights;
  ir.distance_scale_km = round.config.distance_scale_km;

  const std::size_t records = c.index.size() + c.out_index.size();
  if (records > std::size_t(std::numeric_limits<std::int32_t>::max())) {
    throw std::invalid_argument("index_round: too many veterans");
  }
  if (c.out_index.size() != out_.size()) {
    throw std::invalid_argument(
        "index_round: a taken or not looking veteran is not among the "
        "veterans");
  }

  // Vocabularies, numbered in byte-wise order.
  const std::vector<std::int32_t> skill_id = final_numbering(skills_);
  const std::vector<std::int32_t> cert_id = final_numbering(certificates_);
  const std::vector<std::int32_t> industry_id = final_numbering(industries_);

  // Slots in ascending id order: rows fed in that order stay where they are.
  const std::size_t n = c.index.size();
  bool in_id_order = true;
  for (std::size_t r = 1; r < n && in_id_order; ++r) {
    in_id_order = id_of(c, r - 1) < id_of(c, r);
  }
  std::vector<std::int32_t> order;  // slot -> row, when not the identity
  if (!in_id_order) {
    order.resize(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
      return id_of(c, a) < id_of(c, b);
    });
  }

  // Skills rows: final ids, sorted, normed (rows are independent).
  SparseRows& rows = c.skills;
  rows.norms.resize(n);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, n, 4096),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t r = range.begin(); r != range.end(); ++r) {
          SparseRows::Entry* first = rows.entries.data() + rows.offsets[r];
          SparseRows::Entry* last = rows.entries.data() + rows.offsets[r + 1];
          for (SparseRows::Entry* e = first; e < last; ++e) {
            e->skill = skill_id[e->skill];
          }
          rows.norms[r] = sort_row_and_norm(first, last);
        }
      });
  finish_id_sets(c.certificates, cert_id, &ir.veteran_cert_mask);
  finish_id_sets(c.industries, industry_id, nullptr);

  if (!order.empty()) {
    permute_rows(rows.offsets, rows.entries, order);
    rows.norms = permuted(rows.norms, order);
    permute_rows(c.certificates.offsets, c.certificates.ids, order);
    ir.veteran_cert_mask = permuted(ir.veteran_cert_mask, order);
    permute_rows(c.industries.offsets, c.industries.ids, order);
    c.index = permuted(c.index, order);
    c.place = permuted(c.place, order);
    c.xyz = permuted(c.xyz, order, 3);
    c.wants = permuted(c.wants, order);
    c.is_spouse = permuted(c.is_spouse, order);
    c.education = permuted(c.education, order);
    c.commute_km = permuted(c.commute_km, order);
    permute_rows(c.id_offsets, c.id_chars, order);
  }

  ir.n_veterans = static_cast<std::int32_t>(n);
  ir.veteran_of = std::move(c.index);
  constexpr std::int32_t kUnfed = -2;
  ir.veteran_slot.assign(records, kUnfed);
  auto claim = [&](VeteranIndex index, std::int32_t slot) {
    if (index < 0 || std::size_t(index) >= records ||
        ir.veteran_slot[index] != kUnfed) {
      throw std::invalid_argument(
          "index_round: veteran indices must be 0 .. n - 1, each once");
    }
    ir.veteran_slot[index] = slot;
  };
  for (VeteranIndex index : c.out_index) claim(index, -1);
  for (std::int32_t s = 0; s < ir.n_veterans; ++s) claim(ir.veteran_of[s], s);

  ir.veteran_skills = std::move(c.skills);
  ir.veteran_certs = std::move(c.certificates);
  ir.veteran_industries = std::move(c.industries);
  ir.veteran_place = std::move(c.place);
  ir.veteran_xyz = std::move(c.xyz);
  ir.veteran_wants = std::move(c.wants);
  ir.veteran_is_spouse = std::move(c.is_spouse);
  ir.veteran_education = std::move(c.education);
  ir.veteran_commute_km = std::move(c.commute_km);

  // Postings: few, and all in the Round.
  std::vector<Openings> used(round.postings.size(), 0);
  for (const PairRef& t : round.taken) ++used[posting_by_id_.at(t.posting)];
  std::vector<std::uint8_t> withdrawn(round.postings.size(), 0);
  for (const std::string& id : round.withdrawn) {
    withdrawn[posting_by_id_.at(id)] = 1;
  }
  ir.posting_of.resize(round.postings.size());
  std::iota(ir.posting_of.begin(), ir.posting_of.end(), 0);
  std::sort(ir.posting_of.begin(), ir.posting_of.end(),
            [&](std::int32_t a, std::int32_t b) {
              return round.postings[a].id < round.postings[b].id;
            });
  ir.n_postings = static_cast<std::int32_t>(ir.posting_of.size());
  ir.posting_slot.assign(round.postings.size(), -1);
  for (std::int32_t s = 0; s < ir.n_postings; ++s) {
    ir.posting_slot[ir.posting_of[s]] = s;
  }
  ir.posting_skills.offsets.push_back(0);
  ir.posting_certs.offsets.push_back(0);
  for (PostingIndex p : ir.posting_of) {
    const Posting& post = round.postings[p];
    append_sparse_row(post.skills, skills_, skill_id, ir.posting_skills);
    ir.posting_place.push_back(place_of(post.location));
    append_xyz(post.location, ir.posting_xyz);
    ir.posting_kind_bit.push_back(kind_bit(post.kind));
    ir.posting_admits_spouses.push_back(!post.veterans_only &&
                                        post.spouses_welcome);
    ir.posting_min_education.push_back(
        static_cast<std::uint8_t>(post.min_education));
    std::uint64_t mask = 0;
    append_id_set(post.required_certificates, certificates_, cert_id,
                  ir.posting_certs, &mask);
    ir.posting_cert_mask.push_back(mask);
    ir.posting_industry.push_back(
        post.industry.empty()
            ? -1
            : final_id_of(industries_, industry_id, post.industry));
    ir.posting_withdrawn.push_back(withdrawn[p]);
    ir.posting_open.push_back(withdrawn[p] ? 0 : post.openings - used[p]);
  }

  // Dense columns: only skills that occur on both sides can add to a dot
  // product; rows stay normalised over the whole map.
  std::vector<std::uint8_t> side(skills_.size(), 0);
  for (const auto& e : ir.veteran_skills.entries) side[e.skill] |= 1;
  for (const auto& e : ir.posting_skills.entries) side[e.skill] |= 2;
  std::vector<std::int32_t> column_of_skill(skills_.size(), -1);
  std::int32_t n_columns = 0;
  for (std::size_t s = 0; s < side.size(); ++s) {
    if (side[s] == 3) column_of_skill[s] = n_columns++;
  }
  if (options_.veteran_matrix) {
    ir.veteran_matrix = dense_rows(ir.veteran_skills, ir.n_veterans,
                                   column_of_skill, n_columns);
  }
  ir.posting_matrix =
      dense_rows(ir.posting_skills, ir.n_postings, column_of_skill, n_columns);
  ir.column_of_skill = std::move(column_of_skill);
  ir.skill_columns = n_columns;

  if (!round.declined.empty()) {
    std::unordered_map<std::string_view, std::int32_t> slot_by_id;
    slot_by_id.reserve(n);
    for (std::int32_t s = 0; s < ir.n_veterans; ++s) {
      slot_by_id.emplace(id_of(c, s), s);
    }
    for (const PairRef& d : round.declined) {
      const auto it = slot_by_id.find(d.veteran);
      if (it == slot_by_id.end()) {
        if (out_.contains(d.veteran)) continue;  // out of the round anyway
        throw std::invalid_argument(
            "index_round: a declined veteran is not among the veterans");
      }
      const std::int32_t v = it->second;
      const std::int32_t p = ir.posting_slot[posting_by_id_.at(d.posting)];
      ir.declined.push_back((std::uint64_t(std::uint32_t(v)) << 32) |
                            std::uint32_t(p));
    }
    std::sort(ir.declined.begin(), ir.declined.end());
    ir.declined.erase(std::unique(ir.declined.begin(), ir.declined.end()),
                      ir.declined.end());
  }
  c = VeteranColumns();
  return ir;
}

}  // namespace vetmatch
