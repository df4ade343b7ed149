#include "bench/peer_faiss.h"

#include <faiss/IndexFlat.h>
#include <faiss/utils/distances.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace vetmatch::peer {
namespace {

using Clock = std::chrono::steady_clock;
using idx_t = faiss::Index::idx_t;  // faiss::idx_t from 1.7.4 on

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Per query: up to k (label, score), best first; count = how many.
struct Lists {
  std::int64_t k = 0;
  std::vector<std::int32_t> labels;
  std::vector<float> scores;
  std::vector<std::int32_t> counts;
  std::int64_t searched_again = 0;
  std::int64_t max_k = 0;
};

// Searches `nq` queries of `x` in `index` for k results each; with
// `filter`, keeps only the candidates `eligible(query, label)` accepts,
// over-fetching and searching the short queries again as the header says.
template <class Eligible>
Lists search(const faiss::IndexFlatIP& index, const float* x, std::int64_t nq,
             std::int64_t d, std::int64_t k, bool filter, int overfetch,
             const Eligible& eligible) {
  Lists out;
  const std::int64_t nb = index.ntotal;
  out.k = k;
  out.labels.assign(nq * k, -1);
  out.scores.assign(nq * k, -std::numeric_limits<float>::infinity());
  out.counts.assign(nq, 0);
  std::int64_t kp = std::min(nb, filter ? k * overfetch : k);
  out.max_k = kp;
  std::vector<std::int64_t> pending(nq);
  std::iota(pending.begin(), pending.end(), 0);
  std::vector<float> gathered;
  std::vector<float> distances;
  std::vector<idx_t> labels;
  bool first = true;
  while (!pending.empty() && kp > 0) {
    const std::int64_t np = static_cast<std::int64_t>(pending.size());
    if (!first) out.searched_again += np;
    // Queries go to FAISS in chunks whose results take at most 512 MiB
    // (FAISS itself works through 4096 queries at a time, so this adds no
    // work); the first pass reads the queries in place.
    const std::int64_t chunk = std::max<std::int64_t>(
        4096, (std::int64_t{512} << 20) / (kp * std::int64_t{12}));
    std::vector<char> short_of_k(np, 0);
    for (std::int64_t c0 = 0; c0 < np; c0 += chunk) {
      const std::int64_t nc = std::min(chunk, np - c0);
      const float* queries = x + c0 * d;
      if (!first) {
        gathered.resize(nc * d);
#pragma omp parallel for
        for (std::int64_t i = 0; i < nc; ++i) {
          std::copy_n(x + pending[c0 + i] * d, d, gathered.data() + i * d);
        }
        queries = gathered.data();
      }
      distances.resize(nc * kp);
      labels.resize(nc * kp);
      index.search(nc, queries, kp, distances.data(), labels.data());
#pragma omp parallel for schedule(dynamic, 256)
      for (std::int64_t i = 0; i < nc; ++i) {
        const std::int64_t q = pending[c0 + i];
        std::int64_t kept = 0;
        for (std::int64_t j = 0; j < kp && kept < k; ++j) {
          const idx_t label = labels[i * kp + j];
          if (label < 0) break;
          if (filter && !eligible(q, label)) continue;
          out.labels[q * k + kept] = static_cast<std::int32_t>(label);
          out.scores[q * k + kept] = distances[i * kp + j];
          ++kept;
        }
        out.counts[q] = static_cast<std::int32_t>(kept);
        short_of_k[c0 + i] = filter && kept < k && kp < nb;
      }
    }
    std::vector<std::int64_t> still;
    for (std::int64_t i = 0; i < np; ++i) {
      if (short_of_k[i]) still.push_back(pending[i]);
    }
    pending.swap(still);
    first = false;
    if (!pending.empty()) {
      kp = std::min(nb, kp * 4);
      out.max_k = kp;
    }
  }
  return out;
}

double dot(const float* a, const float* b, std::int64_t d) {
  double s = 0.0;
  for (std::int64_t i = 0; i < d; ++i) s += double(a[i]) * double(b[i]);
  return s;
}

// Brute force for sampled queries: the best eligible database row by the
// double inner product (ties by lower label) and the number eligible,
// against the FAISS lists.
template <class Eligible>
void check(const Lists& lists, const float* x, std::int64_t nq, const float* y,
           std::int64_t nb, std::int64_t d, int samples, bool filter,
           const Eligible& eligible, FaissOutcome& out) {
  if (samples <= 0 || nq == 0) return;
  const std::int64_t count = std::min<std::int64_t>(samples, nq);
  for (std::int64_t s = 0; s < count; ++s) {
    const std::int64_t q = s * nq / count;
    double best = -std::numeric_limits<double>::infinity();
    std::int64_t best_label = -1, n_eligible = 0;
    for (std::int64_t b = 0; b < nb; ++b) {
      if (filter && !eligible(q, b)) continue;
      ++n_eligible;
      const double ip = dot(x + q * d, y + b * d, d);
      if (ip > best) {
        best = ip;
        best_label = b;
      }
    }
    ++out.checked;
    if (lists.counts[q] != std::min(lists.k, n_eligible)) ++out.length_errors;
    const std::int32_t got =
        lists.counts[q] > 0 ? lists.labels[q * lists.k] : -1;
    if (got == best_label) {
      ++out.matched;
    } else if (got >= 0 && best_label >= 0 &&
               std::abs(dot(x + q * d, y + got * d, d) - best) <= 1e-5) {
      ++out.near_ties;
    }
  }
}

}  // namespace

FaissOutcome run_faiss(const PeerData& data, const FaissOptions& options) {
  FaissOutcome out;
  if (options.query_bs > 0) {
    faiss::distance_compute_blas_query_bs = options.query_bs;
  }
  if (options.database_bs > 0) {
    faiss::distance_compute_blas_database_bs = options.database_bs;
  }
  out.query_bs = faiss::distance_compute_blas_query_bs;
  out.database_bs = faiss::distance_compute_blas_database_bs;
  out.omp_threads = omp_get_max_threads();
  out.filtered = data.has_commute_limit();
  const std::int64_t d = data.d;
  const float* veterans = data.veteran_matrix.data();
  const float* postings = data.posting_matrix.data();

  // Direction 1: every veteran searches the postings.
  const auto veteran_near = [&](std::int64_t v, std::int64_t p) {
    return haversine_km(data, v, p) <= data.veteran_commute_km[v];
  };
  const auto t1 = Clock::now();
  Lists by_veteran;
  {
    faiss::IndexFlatIP index(static_cast<idx_t>(d));
    index.add(data.m, postings);
    by_veteran = search(index, veterans, data.n, d, options.k, out.filtered,
                        options.overfetch, veteran_near);
  }
  out.seconds_veterans = seconds_since(t1);

  // Direction 2: every posting searches the veterans.
  const auto posting_near = [&](std::int64_t p, std::int64_t v) {
    return haversine_km(data, v, p) <= data.veteran_commute_km[v];
  };
  const auto t2 = Clock::now();
  Lists by_posting;
  {
    faiss::IndexFlatIP index(static_cast<idx_t>(d));
    index.add(data.n, veterans);
    by_posting = search(index, postings, data.m, d, options.k, out.filtered,
                        options.overfetch, posting_near);
  }
  out.seconds_postings = seconds_since(t2);

  out.searched_again_veterans = by_veteran.searched_again;
  out.searched_again_postings = by_posting.searched_again;
  out.max_k_veterans = by_veteran.max_k;
  out.max_k_postings = by_posting.max_k;
  for (std::int32_t c : by_veteran.counts) out.entries += c;
  for (std::int32_t c : by_posting.counts) out.entries += c;

  check(by_veteran, veterans, data.n, postings, data.m, d,
        options.verify_veterans, out.filtered, veteran_near, out);
  check(by_posting, postings, data.m, veterans, data.n, d,
        options.verify_postings, out.filtered, posting_near, out);
  return out;
}

}  // namespace vetmatch::peer
