#include "bench/peer_data.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>

#include "engine/scoring/indexed_round.h"

namespace vetmatch::peer {
namespace {

constexpr char kMagic[8] = {'V', 'M', 'P', 'E', 'E', 'R', '0', '1'};

template <class T>
std::vector<T> copy_of(const std::vector<T>& v) {
  return v;
}

std::vector<std::uint64_t> offsets_of(const IdSets& sets) {
  return {sets.offsets.begin(), sets.offsets.end()};
}

// Every array, in file order, through one visitor: save and load cannot
// disagree on the layout.
template <class Data, class Visit>
void for_each_array(Data& data, Visit&& visit) {
  visit(data.veteran_matrix);
  visit(data.posting_matrix);
  visit(data.veteran_xyz);
  visit(data.posting_xyz);
  visit(data.veteran_place);
  visit(data.posting_place);
  visit(data.veteran_commute_km);
  visit(data.veteran_wants);
  visit(data.veteran_is_spouse);
  visit(data.veteran_education);
  visit(data.veteran_cert_mask);
  visit(data.veteran_cert_offsets);
  visit(data.veteran_certs);
  visit(data.veteran_industry_offsets);
  visit(data.veteran_industries);
  visit(data.posting_kind_bit);
  visit(data.posting_admits_spouses);
  visit(data.posting_min_education);
  visit(data.posting_cert_mask);
  visit(data.posting_cert_offsets);
  visit(data.posting_certs);
  visit(data.posting_industry);
  visit(data.posting_open);
  visit(data.declined);
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

void write_bytes(std::FILE* f, const void* p, std::size_t n,
                 const std::string& path) {
  if (n != 0 && std::fwrite(p, 1, n, f) != n) {
    throw std::runtime_error("cannot write " + path);
  }
}

void read_bytes(std::FILE* f, void* p, std::size_t n, const std::string& path) {
  if (n != 0 && std::fread(p, 1, n, f) != n) {
    throw std::runtime_error("cannot read " + path + " (truncated?)");
  }
}

}  // namespace

bool PeerData::has_commute_limit() const {
  for (double km : veteran_commute_km) {
    if (km < std::numeric_limits<double>::infinity()) return true;
  }
  return false;
}

PeerData from_indexed_round(const IndexedRound& ir) {
  PeerData out;
  out.n = ir.n_veterans;
  out.m = ir.n_postings;
  out.d = ir.veteran_matrix.cols();
  out.veteran_matrix.assign(
      ir.veteran_matrix.data(),
      ir.veteran_matrix.data() + ir.veteran_matrix.size());
  out.posting_matrix.assign(
      ir.posting_matrix.data(),
      ir.posting_matrix.data() + ir.posting_matrix.size());
  out.veteran_xyz = copy_of(ir.veteran_xyz);
  out.posting_xyz = copy_of(ir.posting_xyz);
  for (const IndexedRound::Place& p : ir.veteran_place) {
    out.veteran_place.insert(out.veteran_place.end(),
                             {p.lat_rad, p.cos_lat, p.lon_deg});
  }
  for (const IndexedRound::Place& p : ir.posting_place) {
    out.posting_place.insert(out.posting_place.end(),
                             {p.lat_rad, p.cos_lat, p.lon_deg});
  }
  out.veteran_commute_km = copy_of(ir.veteran_commute_km);
  out.veteran_wants.assign(ir.veteran_wants.begin(), ir.veteran_wants.end());
  out.veteran_is_spouse = copy_of(ir.veteran_is_spouse);
  out.veteran_education = copy_of(ir.veteran_education);
  out.veteran_cert_mask = copy_of(ir.veteran_cert_mask);
  out.veteran_cert_offsets = offsets_of(ir.veteran_certs);
  out.veteran_certs = copy_of(ir.veteran_certs.ids);
  out.veteran_industry_offsets = offsets_of(ir.veteran_industries);
  out.veteran_industries = copy_of(ir.veteran_industries.ids);
  out.posting_kind_bit.assign(ir.posting_kind_bit.begin(),
                              ir.posting_kind_bit.end());
  out.posting_admits_spouses = copy_of(ir.posting_admits_spouses);
  out.posting_min_education = copy_of(ir.posting_min_education);
  out.posting_cert_mask = copy_of(ir.posting_cert_mask);
  out.posting_cert_offsets = offsets_of(ir.posting_certs);
  out.posting_certs = copy_of(ir.posting_certs.ids);
  out.posting_industry = copy_of(ir.posting_industry);
  out.posting_open.assign(ir.posting_open.begin(), ir.posting_open.end());
  out.declined = copy_of(ir.declined);
  out.w_skill = ir.weights.skill;
  out.w_location = ir.weights.location;
  out.w_preference = ir.weights.preference;
  out.distance_scale_km = ir.distance_scale_km;
  return out;
}

void save(const PeerData& data, const std::string& path) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) throw std::runtime_error("cannot create " + path);
  write_bytes(f.get(), kMagic, sizeof kMagic, path);
  const std::int64_t sizes[3] = {data.n, data.m, data.d};
  write_bytes(f.get(), sizes, sizeof sizes, path);
  const double scalars[4] = {data.w_skill, data.w_location, data.w_preference,
                             data.distance_scale_km};
  write_bytes(f.get(), scalars, sizeof scalars, path);
  for_each_array(data, [&](const auto& v) {
    const std::uint64_t count = v.size();
    write_bytes(f.get(), &count, sizeof count, path);
    write_bytes(f.get(), v.data(), count * sizeof(v[0]), path);
  });
  if (std::fflush(f.get()) != 0)
    throw std::runtime_error("cannot write " + path);
}

PeerData load(const std::string& path, std::int64_t slice) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw std::runtime_error("cannot open " + path);
  char magic[sizeof kMagic];
  read_bytes(f.get(), magic, sizeof magic, path);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    throw std::runtime_error(path + ": not a peer data file");
  }
  PeerData data;
  std::int64_t sizes[3];
  read_bytes(f.get(), sizes, sizeof sizes, path);
  data.n = sizes[0];
  data.m = sizes[1];
  data.d = sizes[2];
  double scalars[4];
  read_bytes(f.get(), scalars, sizeof scalars, path);
  data.w_skill = scalars[0];
  data.w_location = scalars[1];
  data.w_preference = scalars[2];
  data.distance_scale_km = scalars[3];
  for_each_array(data, [&](auto& v) {
    std::uint64_t count = 0;
    read_bytes(f.get(), &count, sizeof count, path);
    v.resize(count);
    read_bytes(f.get(), v.data(), count * sizeof(v[0]), path);
  });

  if (slice > 0 && slice < data.n) {
    const std::size_t s = static_cast<std::size_t>(slice);
    const std::size_t d = static_cast<std::size_t>(data.d);
    data.n = slice;
    data.veteran_matrix.resize(s * d);
    data.veteran_xyz.resize(3 * s);
    data.veteran_place.resize(3 * s);
    data.veteran_commute_km.resize(s);
    data.veteran_wants.resize(s);
    data.veteran_is_spouse.resize(s);
    data.veteran_education.resize(s);
    data.veteran_cert_mask.resize(s);
    data.veteran_cert_offsets.resize(s + 1);
    data.veteran_certs.resize(data.veteran_cert_offsets.back());
    data.veteran_industry_offsets.resize(s + 1);
    data.veteran_industries.resize(data.veteran_industry_offsets.back());
    std::erase_if(data.declined,
                  [&](std::uint64_t key) { return (key >> 32) >= s; });
    for_each_array(data, [](auto& v) { v.shrink_to_fit(); });
  }
  return data;
}

std::int64_t peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::strtoll(line.c_str() + 6, nullptr, 10);
    }
  }
  return 0;
}

}  // namespace vetmatch::peer
