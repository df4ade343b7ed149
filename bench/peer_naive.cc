#include "bench/peer_naive.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace vetmatch::peer {
namespace {

constexpr std::int64_t kBlock = 256;

using RowMajorMatrix =
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

bool better(const NaiveCandidate& a, const NaiveCandidate& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

struct ThreadState {
  RowMajorMatrix scores;
  std::vector<NaiveCandidate> heaps;  ///< posting p's heap at p * k
  std::vector<std::int32_t> heap_sizes;
  std::vector<NaiveCandidate> row;
};

// Keeps the k best offers in a heap whose front is the worst kept.
void offer(NaiveCandidate* heap, std::int32_t& size, int k,
           const NaiveCandidate& c) {
  if (size < k) {
    heap[size++] = c;
    std::push_heap(heap, heap + size, better);
  } else if (k > 0 && better(c, heap[0])) {
    std::pop_heap(heap, heap + k, better);
    heap[k - 1] = c;
    std::push_heap(heap, heap + k, better);
  }
}

}  // namespace

NaiveResult naive_shortlists(const PeerData& data, int veteran_k,
                             int posting_k) {
  const std::int64_t n = data.n, m = data.m, d = data.d;
  const Eigen::Map<const RowMajorMatrix> veterans(data.veteran_matrix.data(), n,
                                                  d);
  const Eigen::Map<const RowMajorMatrix> postings(data.posting_matrix.data(), m,
                                                  d);
  const float w_skill = static_cast<float>(data.w_skill);
  const float w_location = static_cast<float>(data.w_location);
  const float w_preference = static_cast<float>(data.w_preference);
  const float w_sum =
      static_cast<float>(data.w_skill + data.w_location + data.w_preference);
  const float inv_scale = static_cast<float>(1.0 / data.distance_scale_km);
  const float two_r = static_cast<float>(2.0 * kEarthRadiusKm);

  NaiveResult out;
  out.veterans.k = veteran_k;
  out.veterans.sizes.assign(n, 0);
  out.veterans.entries.resize(static_cast<std::size_t>(n) * veteran_k);
  out.postings.k = posting_k;
  out.postings.sizes.assign(m, 0);
  out.postings.entries.resize(static_cast<std::size_t>(m) * posting_k);

  tbb::enumerable_thread_specific<ThreadState> states([&] {
    ThreadState s;
    s.heaps.resize(static_cast<std::size_t>(m) * posting_k);
    s.heap_sizes.assign(m, 0);
    s.row.reserve(m);
    return s;
  });

  const std::int64_t n_blocks = (n + kBlock - 1) / kBlock;
  tbb::parallel_for(
      tbb::blocked_range<std::int64_t>(0, n_blocks, 1),
      [&](const tbb::blocked_range<std::int64_t>& range) {
        ThreadState& s = states.local();
        for (std::int64_t b = range.begin(); b != range.end(); ++b) {
          const std::int64_t v0 = b * kBlock;
          const std::int64_t rows = std::min(kBlock, n - v0);
          s.scores.noalias() =
              veterans.middleRows(v0, rows) * postings.transpose();
          for (std::int64_t v = v0; v < v0 + rows; ++v) {
            const float* skill_row = s.scores.data() + (v - v0) * m;
            const std::uint8_t wants = data.veteran_wants[v];
            const bool spouse = data.veteran_is_spouse[v] != 0;
            const std::uint8_t education = data.veteran_education[v];
            const std::uint64_t certs = data.veteran_cert_mask[v];
            const std::int32_t* cert_begin =
                data.veteran_certs.data() + data.veteran_cert_offsets[v];
            const std::int32_t* cert_end =
                data.veteran_certs.data() + data.veteran_cert_offsets[v + 1];
            const std::int32_t* ind_begin = data.veteran_industries.data() +
                                            data.veteran_industry_offsets[v];
            const std::int32_t* ind_end = data.veteran_industries.data() +
                                          data.veteran_industry_offsets[v + 1];
            const float commute =
                static_cast<float>(std::min(data.veteran_commute_km[v], 1e30));
            const float* a = &data.veteran_xyz[3 * v];
            s.row.clear();
            for (std::int64_t p = 0; p < m; ++p) {
              if ((wants & data.posting_kind_bit[p]) == 0) continue;
              if (spouse && !data.posting_admits_spouses[p]) continue;
              if (education < data.posting_min_education[p]) continue;
              if ((data.posting_cert_mask[p] & ~certs) != 0) continue;
              const std::uint64_t pc0 = data.posting_cert_offsets[p];
              const std::uint64_t pc1 = data.posting_cert_offsets[p + 1];
              if (pc0 != pc1 &&
                  !std::includes(cert_begin, cert_end,
                                 data.posting_certs.data() + pc0,
                                 data.posting_certs.data() + pc1)) {
                continue;
              }
              if (data.posting_open[p] <= 0) continue;
              const float* b = &data.posting_xyz[3 * p];
              const float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
              const float chord = std::sqrt(dx * dx + dy * dy + dz * dz);
              const float km = two_r * std::asin(std::min(1.0f, 0.5f * chord));
              if (km > commute) continue;
              if (!data.declined.empty() &&
                  std::binary_search(
                      data.declined.begin(), data.declined.end(),
                      (std::uint64_t(v) << 32) | std::uint64_t(p))) {
                continue;
              }
              float preference = 1.0f;
              if (ind_begin != ind_end) {
                const std::int32_t industry = data.posting_industry[p];
                preference = industry >= 0 && std::binary_search(
                                                  ind_begin, ind_end, industry)
                                 ? 1.0f
                                 : 0.0f;
              }
              const float score = (w_skill * skill_row[p] +
                                   w_location * std::exp(-km * inv_scale) +
                                   w_preference * preference) /
                                  w_sum;
              s.row.push_back({score, static_cast<std::int32_t>(p)});
              offer(s.heaps.data() + p * posting_k, s.heap_sizes[p], posting_k,
                    {score, static_cast<std::int32_t>(v)});
            }
            const std::size_t keep =
                std::min<std::size_t>(s.row.size(), veteran_k);
            std::partial_sort(s.row.begin(), s.row.begin() + keep, s.row.end(),
                              better);
            std::copy_n(s.row.begin(), keep,
                        out.veterans.entries.begin() + v * veteran_k);
            out.veterans.sizes[v] = static_cast<std::int32_t>(keep);
          }
        }
      },
      tbb::simple_partitioner());

  // Merge the per-thread posting heaps.
  tbb::parallel_for(std::int64_t{0}, m, [&](std::int64_t p) {
    std::vector<NaiveCandidate> all;
    for (const ThreadState& s : states) {
      const NaiveCandidate* h = s.heaps.data() + p * posting_k;
      all.insert(all.end(), h, h + s.heap_sizes[p]);
    }
    const std::size_t keep = std::min<std::size_t>(all.size(), posting_k);
    std::partial_sort(all.begin(), all.begin() + keep, all.end(), better);
    std::copy_n(all.begin(), keep,
                out.postings.entries.begin() + p * posting_k);
    out.postings.sizes[p] = static_cast<std::int32_t>(keep);
  });
  return out;
}

}  // namespace vetmatch::peer
