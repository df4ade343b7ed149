// peer_comparison: vetmatch's both-way shortlists against its peers, in one
// run on the same generated data (issue 4). Rows:
//
//   vetmatch       build_shortlists(ir, {k, k, geo_pruning = true}); the
//                  time excludes generating, resolving and index_round
//                  (index_round's time is reported beside it).
//   naive          the obvious Eigen + oneTBB implementation of the same
//                  shortlists, full score and hard rules (bench/peer_naive.h).
//   FAISS default  IndexFlatIP exact search, k both ways, on the engine's
//                  float matrices (bench/peer_faiss.h), Debian's libfaiss-dev
//                  as installed, no environment tuning. Skill inner product
//                  only; a commute limit is applied afterwards by
//                  over-fetching.
//   FAISS tuned    the same with the fastest set-up found by the tuning
//                  trials (OpenMP wait policy and thread counts, OpenBLAS's
//                  pthreads or OpenMP build, its AVX-512 kernels named by
//                  OPENBLAS_CORETYPE=SkylakeX where the CPU has AVX-512 (a
//                  virtual CPU OpenBLAS does not recognise gets its SSE3
//                  ones), FAISS's BLAS block sizes, over-fetch factor), each
//                  trial on a slice of the veterans (1/16, at least 4,096)
//                  against all postings.
//   sgemm ceiling  OpenBLAS cblas_sgemm of the same N x d times d x M,
//                  blockwise (bench/peer_sgemm.h), the fastest OpenBLAS
//                  build and core type in the trials, best of 3 sweeps.
//
// Repeats. vetmatch and FAISS tuned, the rows the targets compare, each
// run --best-of times (3 by default), each time in a fresh process, and
// the fastest is kept (the notes list every run's seconds): on a shared
// or virtual machine one slow run says more about the neighbours than
// about the code. The naive baseline and FAISS default run once.
//
// Table: seconds, GFLOP/s (2 d per pair multiplied: N M for the naive
// baseline and sgemm; 2 N M for FAISS, which multiplies every pair once per
// direction, plus the queries it searches again; for vetmatch the pairs its
// kernel multiplied, fewer than N M where geo pruning skips tiles, with the
// effective rate over all N M pairs in the notes), the fraction of the
// sgemm ceiling's GFLOP/s, the row's seconds over vetmatch's, peak RSS.
//
// Processes. Every measured thing runs in a process of its own, started
// with posix_spawn on this same executable (/proc/self/exe) with a --child
// role: libgomp and OpenBLAS read their environment (OMP_WAIT_POLICY,
// OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, LD_LIBRARY_PATH for the OpenMP
// build of OpenBLAS) when they are loaded, so each FAISS set-up needs a
// fresh process, and a fresh process per row makes peak RSS a per-row
// figure (the child's VmHWM, which counts only its own address space; the
// parent never holds the data and stays at a few MiB). No two measured
// processes run at once, so no two thread pools ever compete. Each child
// runs under an address-space limit (80% of MemAvailable at the start, or
// --mem-limit-gib), so a round that does not fit fails with bad_alloc and
// a row that says so instead of waking the OOM killer; a child's own output
// goes to a log in the work folder (its tail is printed when it fails).
// The vetmatch and naive children get OMP_NUM_THREADS = OPENBLAS_NUM_THREADS
// = 1 (they use oneTBB only, and OpenBLAS's pthreads build would otherwise
// start idle threads when it is loaded).
//
// Data. A "prepare" child generates the round (seed 1), resolves its skill
// codes as the reader does, applies the case's commute limit, runs
// index_round and writes the arrays the peers read (bench/peer_data.h) to
// a file in a temporary folder; the naive, FAISS and sgemm children load
// that file (untimed), so they run on exactly the engine's matrices. The
// vetmatch child generates the same round itself (deterministic), since
// build_shortlists needs the Round: generate_round, resolve_skills and
// index_round for the city cases, index_generated_round (the same
// IndexedRound, streamed from the generator, no Round of veterans) for the
// province, which does not fit in memory as a Round (--vetmatch-index picks
// either). The peers that cannot run the whole province (naive, FAISS,
// sgemm) run on a slice of the veterans with all postings and are
// extrapolated linearly in N; the table says so. On a slice each posting
// sees a fraction of the veterans, so under a commute limit FAISS's posting
// direction must over-fetch further than on the whole round: its province
// figure is an upper bound.
//
// Cases: city (265,000 x 10,000, no commute limit), city-commute50 (the same
// with a 50 km limit for everyone), province (3,000,000 x 100,000, 60 km;
// peers on a 30,000-veteran slice by default). Every case clears the
// generator's per-veteran limits so that the case's limit is everyone's.
//
// Checks (printed under the table): vetmatch against naive, top-1 of 1,000
// sampled veterans and 100 sampled postings (both compute the full score;
// different picks count as near ties when the two scores are within 1e-5,
// the naive's float rounding); FAISS against a brute-force double inner
// product (with the same commute filter) for 200 sampled veterans and 10
// sampled postings, plus the length of each checked list.
//
//   peer_comparison [--case city|city-commute50|province] [--veterans N]
//       [--postings N] [--peer-slice N] [--k 50] [--rows LIST] [--no-tune]
//       [--faiss-setup NAME] [--json FILE] [--workdir DIR] [--keep-data]
//       [--mem-limit-gib G] [--vetmatch-index round|streamed]
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench/peer_data.h"
#include "bench/peer_naive.h"
#include "datasets/generator/generator.h"
#include "datasets/generator/indexed_generation.h"
#include "datasets/skills/bundled_skill_space.h"
#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/shortlist_builder.h"
#include "engine/skills/resolve_skills.h"
#ifdef VETMATCH_HAVE_FAISS
#include "bench/peer_faiss.h"
#endif
#ifdef VETMATCH_HAVE_OPENBLAS
#include "bench/peer_sgemm.h"
#endif

extern char** environ;

namespace vetmatch::peer {
namespace {

using Clock = std::chrono::steady_clock;
using EnvList = std::vector<std::pair<std::string, std::string>>;

constexpr std::uint64_t kSeed = 1;
constexpr int kSampleVeterans = 1000;
constexpr int kSamplePostings = 10000;  // every posting of the city
constexpr int kFaissCheckVeterans = 200;
constexpr int kFaissCheckPostings = 10;
constexpr double kNearTie = 1e-5;
constexpr const char* kOpenblasOpenmpDir =
    "/usr/lib/x86_64-linux-gnu/openblas-openmp";

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// ---------------------------------------------------------------- cases

struct CaseSpec {
  const char* name;
  Preset preset;
  std::optional<double> commute_km;
  std::int64_t peer_slice;  ///< 0: peers run the whole round
};

const CaseSpec kCases[] = {
    {"city", Preset::kCity, std::nullopt, 0},
    {"city-commute50", Preset::kCity, 50.0, 0},
    {"province", Preset::kProvince, 60.0, 30000},
};

const CaseSpec& find_case(const std::string& name) {
  for (const CaseSpec& c : kCases) {
    if (name == c.name) return c;
  }
  if (name == "city50") return kCases[1];
  throw std::invalid_argument("unknown case '" + name +
                              "' (city, city-commute50, province)");
}

std::string commute_text(const CaseSpec& c) {
  if (!c.commute_km) return "no commute limit";
  std::ostringstream s;
  s << *c.commute_km << " km commute limit for everyone";
  return s.str();
}

// ---------------------------------------------------------------- options

const std::vector<std::string> kAllRows = {"vetmatch", "naive", "faiss-default",
                                           "faiss-tuned", "sgemm"};

struct Options {
  std::string case_name = "city";
  std::optional<std::int64_t> veterans, postings, peer_slice;
  int k = 50;
  std::vector<std::string> rows = kAllRows;
  bool tune = true;
  std::string faiss_setup;  ///< --faiss-setup: use this set-up, no trials
  std::string json_path;
  std::string workdir;
  bool keep_data = false;
  double mem_limit_gib = 0.0;  ///< 0: 80% of MemAvailable at start
  /// Runs of the vetmatch and FAISS tuned rows, the fastest kept (the
  /// sgemm ceiling is always the best of 3 sweeps).
  int best_of = 3;

  // Children.
  std::string child;  ///< role: prepare, vetmatch, naive, faiss, sgemm
  std::string data_path, result_path;
  std::int64_t slice = 0;
  int query_bs = 0, database_bs = 0, overfetch = 2;
  bool verify = false;
  std::int64_t block_rows = 4096;
  int repeats = 1;
  bool streamed = false;       ///< vetmatch: index_generated_round
  std::string vetmatch_index;  ///< round | streamed; empty: by case
};

const char* kUsage =
    "usage: peer_comparison [--case city|city-commute50|province]\n"
    "         [--veterans N] [--postings N] [--peer-slice N] [--k K]\n"
    "         [--rows vetmatch,naive,faiss-default,faiss-tuned,sgemm]\n"
    "         [--no-tune] [--faiss-setup NAME] [--json FILE]\n"
    "         [--workdir DIR] [--keep-data] [--mem-limit-gib G]\n"
    "         [--vetmatch-index round|streamed] [--best-of N]\n";

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    const auto integer = [&]() { return std::stoll(value()); };
    if (a == "--case") {
      o.case_name = value();
    } else if (a == "--veterans") {
      o.veterans = integer();
    } else if (a == "--postings") {
      o.postings = integer();
    } else if (a == "--peer-slice") {
      o.peer_slice = integer();
    } else if (a == "--k") {
      o.k = static_cast<int>(integer());
    } else if (a == "--rows") {
      o.rows.clear();
      for (const std::string& r : split(value(), ',')) {
        if (r == "faiss") {
          o.rows.push_back("faiss-default");
          o.rows.push_back("faiss-tuned");
        } else if (std::find(kAllRows.begin(), kAllRows.end(), r) ==
                   kAllRows.end()) {
          throw std::invalid_argument("unknown row '" + r + "'");
        } else {
          o.rows.push_back(r);
        }
      }
    } else if (a == "--no-tune") {
      o.tune = false;
    } else if (a == "--faiss-setup") {
      o.faiss_setup = value();
      o.tune = false;
    } else if (a == "--json") {
      o.json_path = value();
    } else if (a == "--workdir") {
      o.workdir = value();
    } else if (a == "--keep-data") {
      o.keep_data = true;
    } else if (a == "--mem-limit-gib") {
      o.mem_limit_gib = std::stod(value());
    } else if (a == "--child") {
      o.child = value();
    } else if (a == "--data") {
      o.data_path = value();
    } else if (a == "--result") {
      o.result_path = value();
    } else if (a == "--slice") {
      o.slice = integer();
    } else if (a == "--query-bs") {
      o.query_bs = static_cast<int>(integer());
    } else if (a == "--database-bs") {
      o.database_bs = static_cast<int>(integer());
    } else if (a == "--overfetch") {
      o.overfetch = static_cast<int>(integer());
    } else if (a == "--verify") {
      o.verify = true;
    } else if (a == "--block-rows") {
      o.block_rows = integer();
    } else if (a == "--vetmatch-index") {
      o.vetmatch_index = value();
      if (o.vetmatch_index != "round" && o.vetmatch_index != "streamed") {
        throw std::invalid_argument("--vetmatch-index: round or streamed");
      }
    } else if (a == "--streamed") {
      o.streamed = true;
    } else if (a == "--repeats") {
      o.repeats = static_cast<int>(integer());
    } else if (a == "--best-of") {
      o.best_of = static_cast<int>(integer());
      if (o.best_of < 1) throw std::invalid_argument("--best-of: at least 1");
    } else if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument '" + a + "'");
    }
  }
  if (o.k < 1 || o.k > 1000) throw std::invalid_argument("--k: 1..1000");
  find_case(o.case_name);
  return o;
}

bool wants_row(const Options& o, const std::string& row) {
  return std::find(o.rows.begin(), o.rows.end(), row) != o.rows.end();
}

// ---------------------------------------------------------------- children

/// key=value lines, appended and flushed one by one so that a child that
/// dies still leaves what it got to (its last "stage").
class Report {
 public:
  explicit Report(const std::string& path) : out_(path, std::ios::app) {
    out_ << std::setprecision(10);
  }
  template <class T>
  void put(const std::string& key, const T& value) {
    out_ << key << '=' << value << '\n';
    out_.flush();
  }

 private:
  std::ofstream out_;
};

void apply_memory_limit(double gib) {
  if (gib <= 0) return;
  const rlim_t bytes = static_cast<rlim_t>(gib * 1024.0 * 1024.0 * 1024.0);
  const rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_AS, &limit);
}

GeneratorOptions generator_options(const CaseSpec& spec,
                                   std::optional<std::int64_t> veterans,
                                   std::optional<std::int64_t> postings) {
  GeneratorOptions g(spec.preset, kSeed);
  g.veterans = veterans;
  g.postings = postings;
  return g;
}

// The case's round, resolved as the reader does, with the case's limit.
Round case_round(const CaseSpec& spec, const Options& o, Report& report) {
  report.put("stage", "generate_round");
  auto t = Clock::now();
  Round round = generate_round(generator_options(spec, o.veterans, o.postings));
  report.put("generate_seconds", seconds_since(t));
  report.put("stage", "resolve_skills");
  t = Clock::now();
  for (const ValidationIssue& issue :
       resolve_skills(round, bundled_skill_space())) {
    if (!issue.warning) {
      throw std::logic_error("generated round: " + issue.found);
    }
  }
  report.put("resolve_seconds", seconds_since(t));
  round.config.max_commute_km = spec.commute_km;
  for (Veteran& v : round.veterans) v.max_commute_km.reset();
  round.config.veteran_shortlist_k = o.k;
  round.config.posting_shortlist_k = o.k;
  return round;
}

IndexedRound timed_index(const Round& round, Report& report) {
  report.put("stage", "index_round");
  const auto t = Clock::now();
  IndexedRound ir = index_round(round);
  report.put("index_seconds", seconds_since(t));
  report.put("n", ir.n_veterans);
  report.put("m", ir.n_postings);
  report.put("d", ir.posting_matrix.cols());
  return ir;
}

// The case's round straight from the generator into an IndexedRound
// (index_generated_round: no Veteran structs kept, no dense veteran matrix;
// build_shortlists gives exactly what it gives on index_round of the Round).
IndexedRound streamed_index(const CaseSpec& spec, const Options& o,
                            Round& shell, Report& report) {
  report.put("stage", "index_generated_round");
  IndexedGenerationOptions how;
  how.configure = [&](RoundConfig& c) {
    c.max_commute_km = spec.commute_km;
    c.veteran_shortlist_k = o.k;
    c.posting_shortlist_k = o.k;
  };
  how.round_commute_for_everyone = true;
  const auto t = Clock::now();
  IndexedRound ir =
      index_generated_round(generator_options(spec, o.veterans, o.postings),
                            bundled_skill_space(), shell, how);
  report.put("streamed_seconds", seconds_since(t));
  report.put("n", ir.n_veterans);
  report.put("m", ir.n_postings);
  report.put("d", ir.posting_matrix.cols());
  return ir;
}

std::int64_t sample_slot(int i, int count, std::int64_t n) {
  return static_cast<std::int64_t>(i) * n / count;
}

/// What the checks compare of one list: its first entry (slot -1 when
/// empty), its length and its last entry's score.
struct ListSummary {
  std::int64_t top_slot = -1;
  double top_score = 0.0;
  std::int64_t length = 0;
  double last_score = 0.0;
};

// "slot:score:length:last ..." for the sampled rows.
template <class Summary>
std::string summary_text(std::int64_t n, int samples, const Summary& summary) {
  std::ostringstream s;
  s << std::setprecision(10);
  const int count = static_cast<int>(std::min<std::int64_t>(samples, n));
  for (int i = 0; i < count; ++i) {
    const ListSummary l = summary(sample_slot(i, count, n));
    s << (i ? " " : "") << l.top_slot << ':' << l.top_score << ':' << l.length
      << ':' << l.last_score;
  }
  return s.str();
}

void child_prepare(const Options& o, Report& report) {
  const CaseSpec& spec = find_case(o.case_name);
  Round round = case_round(spec, o, report);
  const IndexedRound ir = timed_index(round, report);
  report.put("stage", "write data");
  save(from_indexed_round(ir), o.data_path);
}

void child_vetmatch(const Options& o, Report& report) {
  const CaseSpec& spec = find_case(o.case_name);
  Round round;
  const IndexedRound ir =
      o.streamed ? streamed_index(spec, o, round, report) : [&] {
        round = case_round(spec, o, report);
        return timed_index(round, report);
      }();
  report.put("stage", "build_shortlists");
  ShortlistWork work;
  ShortlistOptions options;
  options.veteran_k = o.k;
  options.posting_k = o.k;
  options.geo_pruning = true;
  options.work = &work;
  const auto t = Clock::now();
  const Shortlists lists = build_shortlists(ir, options);
  report.put("seconds", seconds_since(t));
  report.put("pairs_scored", work.pairs_scored);
  report.put("entries",
             lists.veteran_entries.size() + lists.posting_entries.size());
  const auto summary = [](std::span<const ShortlistEntry> list,
                          const std::vector<std::int32_t>& slot_of) {
    ListSummary l;
    l.length = static_cast<std::int64_t>(list.size());
    if (!list.empty()) {
      l.top_slot = slot_of[list.front().index];
      l.top_score = list.front().score.score;
      l.last_score = list.back().score.score;
    }
    return l;
  };
  report.put("lists_veterans",
             summary_text(ir.n_veterans, kSampleVeterans, [&](std::int64_t v) {
               return summary(lists.of_veteran(ir.veteran_of[v]),
                              ir.posting_slot);
             }));
  report.put("lists_postings",
             summary_text(ir.n_postings, kSamplePostings, [&](std::int64_t p) {
               return summary(lists.of_posting(ir.posting_of[p]),
                              ir.veteran_slot);
             }));
}

void child_naive(const Options& o, Report& report) {
  report.put("stage", "load data");
  const PeerData data = load(o.data_path, o.slice);
  report.put("n", data.n);
  report.put("stage", "naive");
  const auto t = Clock::now();
  const NaiveResult result = naive_shortlists(data, o.k, o.k);
  report.put("seconds", seconds_since(t));
  std::int64_t entries = 0;
  for (std::int32_t s : result.veterans.sizes) entries += s;
  for (std::int32_t s : result.postings.sizes) entries += s;
  report.put("entries", entries);
  const auto summary = [](const NaiveLists& lists, std::int64_t r) {
    ListSummary l;
    l.length = lists.sizes[r];
    if (l.length > 0) {
      l.top_slot = lists.row(r)[0].id;
      l.top_score = lists.row(r)[0].score;
      l.last_score = lists.row(r)[l.length - 1].score;
    }
    return l;
  };
  report.put("lists_veterans",
             summary_text(data.n, kSampleVeterans, [&](std::int64_t v) {
               return summary(result.veterans, v);
             }));
  report.put("lists_postings",
             summary_text(data.m, kSamplePostings, [&](std::int64_t p) {
               return summary(result.postings, p);
             }));
}

void child_faiss(const Options& o, Report& report) {
#ifdef VETMATCH_HAVE_FAISS
  report.put("stage", "load data");
  const PeerData data = load(o.data_path, o.slice);
  report.put("n", data.n);
  report.put("stage", "faiss");
  FaissOptions options;
  options.k = o.k;
  options.query_bs = o.query_bs;
  options.database_bs = o.database_bs;
  options.overfetch = o.overfetch;
  if (o.verify) {
    options.verify_veterans = kFaissCheckVeterans;
    options.verify_postings = kFaissCheckPostings;
  }
  const FaissOutcome r = run_faiss(data, options);
  report.put("seconds", r.seconds_veterans + r.seconds_postings);
  report.put("seconds_veterans", r.seconds_veterans);
  report.put("seconds_postings", r.seconds_postings);
  report.put("filtered", r.filtered ? 1 : 0);
  report.put("searched_again_veterans", r.searched_again_veterans);
  report.put("searched_again_postings", r.searched_again_postings);
  report.put("max_k_veterans", r.max_k_veterans);
  report.put("max_k_postings", r.max_k_postings);
  report.put("entries", r.entries);
  report.put("omp_threads", r.omp_threads);
  report.put("query_bs", r.query_bs);
  report.put("database_bs", r.database_bs);
  report.put("checked", r.checked);
  report.put("matched", r.matched);
  report.put("near_ties", r.near_ties);
  report.put("length_errors", r.length_errors);
#ifdef VETMATCH_HAVE_OPENBLAS
  report.put("blas", openblas_description());
#endif
#else
  (void)o;
  (void)report;
  throw std::runtime_error("built without FAISS");
#endif
}

void child_sgemm(const Options& o, Report& report) {
#ifdef VETMATCH_HAVE_OPENBLAS
  report.put("stage", "load data");
  const PeerData data = load(o.data_path, o.slice);
  report.put("n", data.n);
  report.put("stage", "sgemm");
  const SgemmOutcome r = run_sgemm(data, o.block_rows, o.repeats);
  report.put("seconds", r.seconds);
  report.put("blas", openblas_description());
  report.put("blas_config", r.config);
#else
  (void)o;
  (void)report;
  throw std::runtime_error("built without OpenBLAS");
#endif
}

int run_child(const Options& o) {
  Report report(o.result_path);
  try {
    apply_memory_limit(o.mem_limit_gib);
    if (o.child == "prepare") {
      child_prepare(o, report);
    } else if (o.child == "vetmatch") {
      child_vetmatch(o, report);
    } else if (o.child == "naive") {
      child_naive(o, report);
    } else if (o.child == "faiss") {
      child_faiss(o, report);
    } else if (o.child == "sgemm") {
      child_sgemm(o, report);
    } else {
      throw std::invalid_argument("unknown child role " + o.child);
    }
    report.put("peak_rss_kib", peak_rss_kib());
    report.put("stage", "done");
    return 0;
  } catch (const std::bad_alloc&) {
    report.put("peak_rss_kib", peak_rss_kib());
    std::ostringstream s;
    s << "out of memory (address-space limit " << std::setprecision(3)
      << o.mem_limit_gib << " GiB)";
    report.put("error", s.str());
  } catch (const std::exception& e) {
    report.put("peak_rss_kib", peak_rss_kib());
    report.put("error", e.what());
  }
  return 3;
}

// ---------------------------------------------------------------- parent

using KeyValues = std::map<std::string, std::string>;

struct ChildRun {
  bool exited = false;
  int code = 0;
  int signal = 0;
  double wall_seconds = 0.0;
  std::int64_t maxrss_kib = 0;
  KeyValues kv;

  bool ok() const { return exited && code == 0 && kv.count("seconds"); }
  double number(const std::string& key, double fallback = NAN) const {
    const auto it = kv.find(key);
    return it == kv.end() ? fallback : std::stod(it->second);
  }
  std::string text(const std::string& key) const {
    const auto it = kv.find(key);
    return it == kv.end() ? std::string() : it->second;
  }
  std::int64_t peak_rss_kib() const {
    const double hwm = number("peak_rss_kib", 0.0);
    return hwm > 0 ? static_cast<std::int64_t>(hwm) : maxrss_kib;
  }
  std::string failure() const {
    std::ostringstream s;
    if (kv.count("error")) {
      s << kv.at("error");
    } else if (!exited) {
      s << "killed by signal " << signal;
      if (signal == SIGKILL) s << " (out of memory?)";
    } else {
      s << "exit code " << code;
    }
    if (kv.count("stage")) s << " during " << kv.at("stage");
    s << " after " << std::fixed << std::setprecision(1) << wall_seconds
      << " s";
    return s.str();
  }
};

class Spawner {
 public:
  Spawner(std::string exe, std::string workdir, double mem_limit_gib)
      : exe_(std::move(exe)),
        workdir_(std::move(workdir)),
        mem_limit_gib_(mem_limit_gib) {}

  const std::string& workdir() const { return workdir_; }

  ChildRun run(const std::string& label, std::vector<std::string> args,
               const EnvList& env_add, const std::string& ld_prefix = {}) {
    std::string file = label;
    for (char& c : file) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '_';
    }
    const std::string result = workdir_ + "/" + file + ".txt";
    std::remove(result.c_str());
    std::ostringstream limit;
    limit << mem_limit_gib_;
    args.insert(args.begin(), exe_);
    args.insert(args.end(),
                {"--result", result, "--mem-limit-gib", limit.str()});
    std::vector<std::string> env = child_env(env_add, ld_prefix);
    std::vector<char*> argv, envp;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    // The child's own output goes to a log beside its report.
    const std::string log = workdir_ + "/" + file + ".log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);

    std::cerr << "peer_comparison: " << label << " ..." << std::flush;
    ChildRun out;
    const auto t0 = Clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, exe_.c_str(), &actions, nullptr,
                                    argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + exe_);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
      if (errno != EINTR) throw std::runtime_error("wait4 failed");
    }
    out.wall_seconds = seconds_since(t0);
    out.maxrss_kib = usage.ru_maxrss;
    out.exited = WIFEXITED(status);
    out.code = out.exited ? WEXITSTATUS(status) : 0;
    out.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    std::ifstream in(result);
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) {
        out.kv[line.substr(0, eq)] = line.substr(eq + 1);
      }
    }
    if (out.exited && out.code == 0) {
      std::cerr << " ";
      if (out.kv.count("seconds")) {
        std::cerr << std::fixed << std::setprecision(2) << out.number("seconds")
                  << " s, ";
      }
      std::cerr << std::fixed << std::setprecision(1) << out.wall_seconds
                << " s in all\n";
    } else {
      std::cerr << " failed: " << out.failure() << "\n";
      std::ifstream tail(log);
      std::vector<std::string> lines;
      for (std::string l; std::getline(tail, l);) lines.push_back(l);
      for (std::size_t i = lines.size() > 10 ? lines.size() - 10 : 0;
           i < lines.size(); ++i) {
        std::cerr << "  | " << lines[i] << "\n";
      }
    }
    return out;
  }

 private:
  static bool tuning_variable(const std::string& entry) {
    for (const char* prefix : {"OMP_", "GOMP_", "KMP_", "OPENBLAS_", "GOTO_"}) {
      if (entry.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

  // This process's environment less every OpenMP / OpenBLAS setting, plus
  // the set-up's own.
  static std::vector<std::string> child_env(const EnvList& add,
                                            const std::string& ld_prefix) {
    std::vector<std::string> env;
    std::string ld_path;
    for (char** e = environ; *e; ++e) {
      const std::string entry = *e;
      if (tuning_variable(entry)) continue;
      if (!ld_prefix.empty() && entry.rfind("LD_LIBRARY_PATH=", 0) == 0) {
        ld_path = entry.substr(16);
        continue;
      }
      env.push_back(entry);
    }
    if (!ld_prefix.empty()) {
      env.push_back("LD_LIBRARY_PATH=" + ld_prefix +
                    (ld_path.empty() ? "" : ":" + ld_path));
    }
    for (const auto& [key, value] : add) env.push_back(key + "=" + value);
    return env;
  }

  std::string exe_;
  std::string workdir_;
  double mem_limit_gib_;
};

// ------------------------------------------------------ FAISS set-ups

struct FaissSetup {
  std::string name;
  EnvList env;
  bool openmp_blas = false;
  int query_bs = 0, database_bs = 0;
  int overfetch = 2;

  std::string describe(bool filtered) const {
    std::vector<std::string> parts;
    for (const auto& [k, v] : env) parts.push_back(k + "=" + v);
    if (env.empty()) parts.push_back("no OMP_/OPENBLAS_ settings");
    parts.push_back(openmp_blas ? "OpenBLAS OpenMP build (LD_LIBRARY_PATH)"
                                : "OpenBLAS pthreads build");
    if (query_bs || database_bs) {
      parts.push_back("BLAS blocks " + std::to_string(query_bs) + "x" +
                      std::to_string(database_bs));
    }
    if (filtered) {
      parts.push_back("over-fetch k'=" + std::to_string(overfetch) + "k");
    }
    std::string s;
    for (const std::string& p : parts) s += (s.empty() ? "" : ", ") + p;
    return s;
  }
};

bool cpu_has_avx512() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) == 0) {
      return line.find(" avx512f") != std::string::npos;
    }
  }
  return false;
}

std::string cores_text() {
  return std::to_string(std::max(1u, std::thread::hardware_concurrency()));
}

bool openmp_blas_installed() {
  return std::filesystem::exists(std::string(kOpenblasOpenmpDir) +
                                 "/libopenblas.so.0");
}

std::vector<FaissSetup> environment_setups() {
  const std::string t = cores_text();
  std::vector<FaissSetup> s = {
      {"default", {}},
      {"passive", {{"OMP_WAIT_POLICY", "PASSIVE"}}},
      {"passive-blas1",
       {{"OMP_WAIT_POLICY", "PASSIVE"},
        {"OMP_NUM_THREADS", t},
        {"OPENBLAS_NUM_THREADS", "1"}}},
  };
  if (openmp_blas_installed()) {
    s.push_back({"omp-blas", {{"OMP_NUM_THREADS", t}}, true});
    s.push_back({"omp-blas-passive",
                 {{"OMP_WAIT_POLICY", "PASSIVE"}, {"OMP_NUM_THREADS", t}},
                 true});
  }
  // OpenBLAS picks its kernels by CPU model; on a virtual CPU it may not
  // know (Debian's 0.3.21 falls back to Prescott, SSE3 only), so the
  // AVX-512 kernels are tried by name too.
  if (cpu_has_avx512()) {
    s.push_back(
        {"passive-skx",
         {{"OMP_WAIT_POLICY", "PASSIVE"}, {"OPENBLAS_CORETYPE", "SkylakeX"}}});
    if (openmp_blas_installed()) {
      s.push_back({"omp-blas-passive-skx",
                   {{"OMP_WAIT_POLICY", "PASSIVE"},
                    {"OMP_NUM_THREADS", t},
                    {"OPENBLAS_CORETYPE", "SkylakeX"}},
                   true});
    }
  }
  return s;
}

FaissSetup named_setup(const std::string& name) {
  // NAME or NAME/QxD or NAME/QxD/oF (blocks, over-fetch), as the trials
  // print them.
  const std::vector<std::string> parts = split(name, '/');
  for (FaissSetup s : environment_setups()) {
    if (parts.empty() || s.name != parts[0]) continue;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const auto x = parts[i].find('x');
      if (parts[i][0] == 'o') {
        s.overfetch = std::stoi(parts[i].substr(1));
      } else if (x != std::string::npos) {
        s.query_bs = std::stoi(parts[i].substr(0, x));
        s.database_bs = std::stoi(parts[i].substr(x + 1));
      }
    }
    s.name = name;
    return s;
  }
  throw std::invalid_argument("unknown FAISS set-up '" + name + "'");
}

// ------------------------------------------------------ machine

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown CPU";
}

double meminfo_gib(const char* key) {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      return std::strtod(line.c_str() + std::strlen(key), nullptr) / 1048576.0;
    }
  }
  return 0.0;
}

/// The 1-minute load average: other work on the machine skews the timings.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

std::string self_exe() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot read /proc/self/exe");
  return p.string();
}

std::string with_commas(std::int64_t x) {
  std::string s = std::to_string(x);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) {
    s.insert(static_cast<std::size_t>(i), ",");
  }
  return s;
}

std::string fixed(double x, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  return s.str();
}

/// "label" for a single run, "label (run i of n)" otherwise.
std::string run_label(const std::string& label, int i, int n) {
  return n == 1 ? label
                : label + " (run " + std::to_string(i + 1) + " of " +
                      std::to_string(n) + ")";
}

/// Runs run(i) for i < n and returns the fastest successful run (by its
/// "seconds"; the first failure when none succeeds). With n > 1, `runs`
/// gets "; best of n runs: a, b, c s" for the row's notes.
template <class Run>
ChildRun best_run(int n, std::string& runs, Run&& run) {
  ChildRun best;
  std::vector<std::string> seconds;
  for (int i = 0; i < n; ++i) {
    ChildRun r = run(i);
    if (!r.ok()) {
      if (!best.ok()) best = r;
      break;  // a failure (memory, a crash) would repeat
    }
    seconds.push_back(fixed(r.number("seconds"), 2));
    if (!best.ok() || r.number("seconds") < best.number("seconds")) {
      best = std::move(r);
    }
  }
  if (n > 1 && !seconds.empty()) {
    runs = "; best of " + std::to_string(n) + " runs:";
    for (std::size_t i = 0; i < seconds.size(); ++i) {
      runs += (i ? ", " : " ") + seconds[i];
    }
    runs += " s";
  }
  return best;
}

// ------------------------------------------------------ table

struct Row {
  explicit Row(std::string name_in) : name(std::move(name_in)) {}
  std::string name;
  std::string skipped;  ///< why it has no figures
  double seconds = NAN;
  double flops = 0.0;
  std::int64_t rss_kib = 0;
  std::string notes;
};

std::vector<ListSummary> parse_summaries(const std::string& text) {
  std::vector<ListSummary> out;
  for (const std::string& item : split(text, ' ')) {
    const std::vector<std::string> f = split(item, ':');
    if (f.size() != 4) throw std::runtime_error("bad list summary " + item);
    out.push_back(
        {std::stoll(f[0]), std::stod(f[1]), std::stoll(f[2]), std::stod(f[3])});
  }
  return out;
}

// Compares the sampled lists of vetmatch (exact scores) and of the naive
// baseline (float scores): lengths must agree, the first entries be the
// same or tie within kNearTie, and the last scores agree within kNearTie.
std::string compare_lists(const std::string& a, const std::string& b,
                          bool& all_ok) {
  const std::vector<ListSummary> x = parse_summaries(a), y = parse_summaries(b);
  if (x.size() != y.size()) {
    all_ok = false;
    return "sample sizes differ";
  }
  int same = 0, near = 0, differ = 0, lengths = 0, lasts = 0;
  double max_diff = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double diff = std::abs(x[i].top_score - y[i].top_score);
    if (x[i].top_slot == y[i].top_slot) {
      ++same;
      if (x[i].top_slot >= 0) max_diff = std::max(max_diff, diff);
    } else if (x[i].top_slot >= 0 && y[i].top_slot >= 0 && diff <= kNearTie) {
      ++near;
    } else {
      ++differ;
    }
    if (x[i].length != y[i].length) ++lengths;
    if (std::abs(x[i].last_score - y[i].last_score) > kNearTie) ++lasts;
  }
  if (differ || lengths || lasts) all_ok = false;
  std::ostringstream s;
  s << x.size() << " sampled: top-1 " << same << " same, " << near
    << " near ties, " << differ << " differ (largest score difference on the "
    << "same pick " << std::setprecision(2) << max_diff << "); " << lengths
    << " lengths differ, " << lasts << " last scores differ";
  return s.str();
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_number(double x) {
  if (!std::isfinite(x)) return "null";
  std::ostringstream s;
  s << std::setprecision(6) << x;
  return s.str();
}

int run_parent(const Options& o) {
  const CaseSpec& spec = find_case(o.case_name);
  const int k = o.k;
  const std::string cores = cores_text();
  const std::string load_before = load_average();

  // Sizes of the case's round and of the peers' slice.
  std::int64_t n_case = 0, m_case = 0;
  {
    const RoundGenerator gen(generator_options(spec, o.veterans, o.postings));
    n_case = gen.veteran_count();
    m_case = gen.posting_count();
  }
  std::int64_t slice = o.peer_slice.value_or(spec.peer_slice);
  if (slice <= 0 || slice >= n_case) slice = 0;
  const double extrapolate = slice ? double(n_case) / double(slice) : 1.0;
  // vetmatch holds the province only through index_generated_round.
  const bool streamed =
      o.vetmatch_index == "streamed" ||
      (o.vetmatch_index.empty() && spec.preset == Preset::kProvince);
  Options peer_round = o;
  if (slice) peer_round.veterans = slice;

  const double mem_limit = o.mem_limit_gib > 0
                               ? o.mem_limit_gib
                               : std::floor(0.8 * meminfo_gib("MemAvailable:"));
  std::string workdir = o.workdir;
  if (workdir.empty()) {
    char tmpl[] = "/tmp/peer_comparison.XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("cannot create a temp dir");
    workdir = tmpl;
  } else {
    std::filesystem::create_directories(workdir);
  }
  Spawner spawner(self_exe(), workdir, mem_limit);
  const std::string data_path = workdir + "/data.bin";
  const EnvList single = {{"OMP_NUM_THREADS", "1"},
                          {"OPENBLAS_NUM_THREADS", "1"}};

  const bool any_peer = wants_row(o, "naive") ||
                        wants_row(o, "faiss-default") ||
                        wants_row(o, "faiss-tuned") || wants_row(o, "sgemm");
#ifdef VETMATCH_HAVE_FAISS
  const bool have_faiss = true;
#else
  const bool have_faiss = false;
#endif
#ifdef VETMATCH_HAVE_OPENBLAS
  const bool have_openblas = true;
#else
  const bool have_openblas = false;
#endif

  const auto common = [&](const Options& sizes) {
    std::vector<std::string> a = {"--case", o.case_name, "--k",
                                  std::to_string(k)};
    if (sizes.veterans) {
      a.insert(a.end(), {"--veterans", std::to_string(*sizes.veterans)});
    }
    if (sizes.postings) {
      a.insert(a.end(), {"--postings", std::to_string(*sizes.postings)});
    }
    return a;
  };

  // 1. The peers' data.
  ChildRun prepared;
  std::int64_t n_peer = 0, m_peer = 0, d_peer = 0;
  if (any_peer) {
    std::vector<std::string> a = common(peer_round);
    a.insert(a.begin(), {"--child", "prepare", "--data", data_path});
    prepared = spawner.run("prepare", a, single);
    if (!prepared.exited || prepared.code != 0 ||
        prepared.text("stage") != "done") {
      std::cerr << "peer_comparison: preparing the data failed: "
                << prepared.failure() << "\n";
      return 1;
    }
    n_peer = static_cast<std::int64_t>(prepared.number("n"));
    m_peer = static_cast<std::int64_t>(prepared.number("m"));
    d_peer = static_cast<std::int64_t>(prepared.number("d"));
  }
  const bool filtered = spec.commute_km.has_value();

  const auto peer_args = [&](const std::string& role, std::int64_t rows) {
    std::vector<std::string> a = {"--child", role,  "--data",
                                  data_path, "--k", std::to_string(k)};
    if (rows) a.insert(a.end(), {"--slice", std::to_string(rows)});
    return a;
  };
  const auto faiss_args = [&](const FaissSetup& s, std::int64_t rows,
                              bool verify) {
    std::vector<std::string> a = peer_args("faiss", rows);
    if (s.query_bs)
      a.insert(a.end(), {"--query-bs", std::to_string(s.query_bs)});
    if (s.database_bs) {
      a.insert(a.end(), {"--database-bs", std::to_string(s.database_bs)});
    }
    a.insert(a.end(), {"--overfetch", std::to_string(s.overfetch)});
    if (verify) a.push_back("--verify");
    return a;
  };
  const auto run_faiss_setup = [&](const std::string& label,
                                   const FaissSetup& s, std::int64_t rows,
                                   bool verify) {
    return spawner.run(label, faiss_args(s, rows, verify), s.env,
                       s.openmp_blas ? kOpenblasOpenmpDir : "");
  };
  // sgemm blocks: a 256 MiB product buffer, whole multiples of 256 rows.
  const std::int64_t sgemm_rows = std::clamp<std::int64_t>(
      (std::int64_t{1} << 28) / (4 * std::max<std::int64_t>(m_peer, 1)) / 256 *
          256,
      256, 8192);
  const auto sgemm_args = [&](std::int64_t rows) {
    std::vector<std::string> a = peer_args("sgemm", rows);
    a.insert(a.end(), {"--block-rows", std::to_string(sgemm_rows)});
    return a;
  };
  struct SgemmVariant {
    std::string name;
    EnvList env;
    bool openmp;
  };
  std::vector<SgemmVariant> sgemm_variants = {
      {"pthreads", {{"OPENBLAS_NUM_THREADS", cores}}, false}};
  if (openmp_blas_installed()) {
    sgemm_variants.push_back({"openmp", {{"OMP_NUM_THREADS", cores}}, true});
  }
  if (cpu_has_avx512()) {
    sgemm_variants.push_back(
        {"pthreads-skx",
         {{"OPENBLAS_NUM_THREADS", cores}, {"OPENBLAS_CORETYPE", "SkylakeX"}},
         false});
    if (openmp_blas_installed()) {
      sgemm_variants.push_back(
          {"openmp-skx",
           {{"OMP_NUM_THREADS", cores}, {"OPENBLAS_CORETYPE", "SkylakeX"}},
           true});
    }
  }

  // 2. Tuning trials on a slice of the peers' veterans.
  struct Trial {
    std::string name, what;
    double seconds;
  };
  std::vector<Trial> trials;
  const std::int64_t trial_rows =
      std::min<std::int64_t>(n_peer, std::max<std::int64_t>(n_peer / 16, 4096));
  FaissSetup best_faiss;
  bool faiss_tuned_by_trials = false;
  if (have_faiss && wants_row(o, "faiss-tuned")) {
    if (!o.tune) {
      best_faiss = named_setup(o.faiss_setup.empty() ? "omp-blas-passive"
                                                     : o.faiss_setup);
      if (best_faiss.openmp_blas && !openmp_blas_installed()) {
        best_faiss = named_setup("passive");
      }
    } else {
      // Stage 1 picks the environment; stages 2 (FAISS's BLAS block
      // sizes) and 3 (the over-fetch factor, doubled while it helps) refine
      // it, a refinement being kept only when it is 3% faster (trials on a
      // shared 2-core machine are that noisy).
      double best = std::numeric_limits<double>::infinity();
      const auto trial = [&](const FaissSetup& s, double margin) {
        const ChildRun r =
            run_faiss_setup("trial faiss " + s.name, s, trial_rows, false);
        if (!r.ok()) return false;
        const double t = r.number("seconds");
        trials.push_back({"FAISS " + s.name, s.describe(filtered), t});
        if (t < best * margin) {
          best = t;
          best_faiss = s;
          return true;
        }
        return false;
      };
      for (const FaissSetup& s : environment_setups()) trial(s, 1.0);
      const FaissSetup env_best = best_faiss;
      for (const auto& [q, db] : std::vector<std::pair<int, int>>{
               {8192, 2048}, {2048, 4096}, {16384, 1024}}) {
        FaissSetup s = env_best;
        s.query_bs = q;
        s.database_bs = db;
        s.name =
            env_best.name + "/" + std::to_string(q) + "x" + std::to_string(db);
        trial(s, 0.97);
      }
      if (filtered) {
        const FaissSetup blocks_best = best_faiss;
        for (int f = 2 * blocks_best.overfetch; f <= 64; f *= 2) {
          FaissSetup s = blocks_best;
          s.overfetch = f;
          s.name = blocks_best.name + "/o" + std::to_string(f);
          if (!trial(s, 0.97)) break;
        }
      }
      faiss_tuned_by_trials = std::isfinite(best);
    }
  }
  SgemmVariant best_sgemm = sgemm_variants[0];
  if (have_openblas && wants_row(o, "sgemm") && o.tune &&
      sgemm_variants.size() > 1) {
    double best = std::numeric_limits<double>::infinity();
    for (const SgemmVariant& v : sgemm_variants) {
      const ChildRun r =
          spawner.run("trial sgemm " + v.name, sgemm_args(trial_rows), v.env,
                      v.openmp ? kOpenblasOpenmpDir : "");
      if (!r.ok()) continue;
      trials.push_back(
          {"sgemm " + v.name, r.text("blas"), r.number("seconds")});
      if (r.number("seconds") < best) {
        best = r.number("seconds");
        best_sgemm = v;
      }
    }
  }

  // 3. The rows.
  std::vector<Row> rows;
  KeyValues vetmatch_kv, naive_kv;
  std::vector<std::string> checks;
  const std::string slice_note =
      slice ? "extrapolated x" + fixed(extrapolate, 1) + " from a slice of " +
                  with_commas(slice) + " veterans x " + with_commas(m_peer) +
                  " postings (RSS is the slice's)"
            : "";
  // `pairs`: the products the child computed (on the slice, if any).
  const auto peer_row = [&](Row row, const ChildRun& r,
                            const std::function<double()>& pairs,
                            const std::string& notes) {
    row.rss_kib = r.peak_rss_kib();
    if (!r.ok()) {
      row.skipped = "failed: " + r.failure();
      return row;
    }
    row.seconds = r.number("seconds") * extrapolate;
    row.flops = 2.0 * double(d_peer) * pairs() * extrapolate;
    row.notes = notes;
    if (!slice_note.empty()) {
      row.notes += (row.notes.empty() ? "" : "; ") + slice_note;
    }
    return row;
  };

  if (wants_row(o, "vetmatch")) {
    Row row("vetmatch");
    std::vector<std::string> a = common(o);
    a.insert(a.begin(), {"--child", "vetmatch"});
    if (streamed) a.push_back("--streamed");
    std::string runs;
    const ChildRun r = best_run(o.best_of, runs, [&](int i) {
      return spawner.run(run_label("vetmatch", i, o.best_of), a, single);
    });
    row.rss_kib = r.peak_rss_kib();
    vetmatch_kv = r.kv;
    if (r.ok()) {
      row.seconds = r.number("seconds");
      // Counted over the pairs the kernel multiplied (geo pruning skips
      // the rest); the effective rate over all N x M pairs is in the notes.
      row.flops = 2.0 * r.number("pairs_scored") * r.number("d");
      const double pairs = r.number("n") * r.number("m");
      row.notes =
          "build_shortlists(ir, {" + std::to_string(k) + ", " +
          std::to_string(k) + ", geo_pruning}) multiplied " +
          fixed(100.0 * r.number("pairs_scored") / pairs, 1) +
          "% of the N x M pairs (" +
          fixed(2e-9 * pairs * r.number("d") / row.seconds, 1) +
          " GFLOP/s effective over all of them); " +
          (streamed
               ? "index_generated_round (generate, resolve and index "
                 "streamed, no Round of veterans) " +
                     fixed(r.number("streamed_seconds"), 1) + " s, not included"
               : "index_round " + fixed(r.number("index_seconds"), 2) +
                     " s, generate + resolve " +
                     fixed(r.number("generate_seconds") +
                               r.number("resolve_seconds"),
                           1) +
                     " s, not included; RSS includes the Round") +
          runs;
    } else {
      row.skipped = "failed: " + r.failure();
    }
    rows.push_back(row);
  }
  if (wants_row(o, "naive")) {
    const ChildRun r = spawner.run("naive", peer_args("naive", 0), single);
    naive_kv = r.kv;
    rows.push_back(peer_row(
        Row("naive Eigen + oneTBB"), r,
        [&] { return double(n_peer) * double(m_peer); },
        "256-veteran blocks x all postings, full score in float, hard rules, "
        "partial_sort per veteran, per-thread top-k per posting"));
  }
  ChildRun faiss_default_run;
  // FAISS multiplies every pair once per direction, and again for each
  // query it searches again.
  const auto faiss_pairs = [&](const ChildRun& r) {
    return [&r, n_peer, m_peer] {
      return 2.0 * double(n_peer) * double(m_peer) +
             r.number("searched_again_veterans", 0.0) * double(m_peer) +
             r.number("searched_again_postings", 0.0) * double(n_peer);
    };
  };
  const auto faiss_notes = [&](const ChildRun& r, const FaissSetup& s) {
    std::string notes = s.describe(filtered) + "; veterans " +
                        fixed(r.number("seconds_veterans") * extrapolate, 1) +
                        " s + postings " +
                        fixed(r.number("seconds_postings") * extrapolate, 1) +
                        " s";
    if (filtered) {
      notes +=
          "; commute filter after search by over-fetching, searched again: " +
          with_commas(
              static_cast<std::int64_t>(r.number("searched_again_veterans"))) +
          " veterans (k' up to " + r.text("max_k_veterans") + "), " +
          with_commas(
              static_cast<std::int64_t>(r.number("searched_again_postings"))) +
          " postings (k' up to " + r.text("max_k_postings") + ")";
    }
    return notes;
  };
  const auto faiss_check = [&](const std::string& label, const ChildRun& r) {
    if (!r.ok()) return;
    std::ostringstream s;
    s << label << " vs brute-force double inner product"
      << (filtered ? " with the commute filter" : "") << " ("
      << r.text("checked")
      << " sampled queries, both directions): " << r.text("matched")
      << " same top-1, " << r.text("near_ties")
      << " ties (another pick within 1e-5 of the best inner product), "
      << (std::stoi(r.text("checked")) - std::stoi(r.text("matched")) -
          std::stoi(r.text("near_ties")))
      << " differ; " << r.text("length_errors") << " lists of the wrong length";
    checks.push_back(s.str());
  };
  if (wants_row(o, "faiss-default")) {
    Row row("FAISS IndexFlatIP, default");
    if (!have_faiss) {
      row.skipped = "skipped: FAISS not installed";
      rows.push_back(row);
    } else {
      const FaissSetup s = named_setup("default");
      faiss_default_run = run_faiss_setup("faiss default", s, 0, true);
      rows.push_back(peer_row(row, faiss_default_run,
                              faiss_pairs(faiss_default_run),
                              faiss_notes(faiss_default_run, s)));
      faiss_check("FAISS default", faiss_default_run);
    }
  }
  if (wants_row(o, "faiss-tuned")) {
    Row row("FAISS IndexFlatIP, best tuned");
    if (!have_faiss) {
      row.skipped = "skipped: FAISS not installed";
      rows.push_back(row);
    } else {
      std::string runs;
      const ChildRun r = best_run(o.best_of, runs, [&](int i) {
        return run_faiss_setup(
            run_label("faiss " + best_faiss.name, i, o.best_of), best_faiss, 0,
            true);
      });
      std::string notes =
          "set-up " + best_faiss.name + " (" +
          (faiss_tuned_by_trials ? "fastest of the trials"
                                 : "no trials: --no-tune or --faiss-setup") +
          "): " + faiss_notes(r, best_faiss) + runs;
      rows.push_back(peer_row(row, r, faiss_pairs(r), notes));
      faiss_check("FAISS tuned", r);
    }
  }
  double ceiling_gflops = NAN;
  if (wants_row(o, "sgemm")) {
    Row row("sgemm ceiling (OpenBLAS)");
    if (!have_openblas) {
      row.skipped = "skipped: OpenBLAS not installed";
      rows.push_back(row);
    } else {
      std::vector<std::string> a = sgemm_args(0);
      a.insert(a.end(), {"--repeats", "3"});
      const ChildRun r =
          spawner.run("sgemm " + best_sgemm.name, a, best_sgemm.env,
                      best_sgemm.openmp ? kOpenblasOpenmpDir : "");
      row = peer_row(
          row, r, [&] { return double(n_peer) * double(m_peer); },
          "cblas_sgemm in " + std::to_string(sgemm_rows) +
              "-veteran blocks x all postings, best of 3, " + r.text("blas") +
              (best_sgemm.openmp ? " (LD_LIBRARY_PATH)" : ""));
      if (std::isfinite(row.seconds)) {
        ceiling_gflops = row.flops / row.seconds * 1e-9;
      }
      rows.push_back(row);
    }
  }

  // Checks: vetmatch against the naive baseline when both ran on one round.
  if (!vetmatch_kv.empty() && !naive_kv.empty() && !slice &&
      vetmatch_kv.count("lists_veterans") && naive_kv.count("lists_veterans")) {
    bool ok = true;
    std::string line =
        "vetmatch vs naive (full score; lists' first entry, length and last "
        "score). Veterans: " +
        compare_lists(vetmatch_kv["lists_veterans"], naive_kv["lists_veterans"],
                      ok) +
        ". Postings: " +
        compare_lists(vetmatch_kv["lists_postings"], naive_kv["lists_postings"],
                      ok) +
        ". List entries, both directions: " + vetmatch_kv["entries"] + " vs " +
        naive_kv["entries"] + ".";
    if (!ok) {
      line += filtered ? " DIFFERENT (the naive's float distance can move a "
                         "pair across the commute limit; more than a few is "
                         "a bug)"
                       : " DIFFERENT: a bug in one of them";
    }
    checks.insert(checks.begin(), line);
  }

  // 4. The table.
  double vetmatch_seconds = NAN;
  for (const Row& r : rows) {
    if (r.name == "vetmatch") vetmatch_seconds = r.seconds;
  }
  const std::int64_t d_shown =
      d_peer ? d_peer
             : static_cast<std::int64_t>(
                   std::stod(vetmatch_kv.count("d") ? vetmatch_kv["d"] : "0"));
  std::ostringstream head;
  head << "machine: " << cpu_model() << ", " << cores << " cores, "
       << fixed(meminfo_gib("MemTotal:"), 1) << " GiB; case " << o.case_name
       << ": " << with_commas(n_case) << " veterans x " << with_commas(m_case)
       << " postings, d = " << d_shown << ", k = " << k << " both ways, "
       << commute_text(spec) << "; seed " << kSeed << "; load average "
       << load_before << " before the run";
  std::cout << head.str() << "\n\n";
  std::cout << "| row | seconds | GFLOP/s | of sgemm ceiling | row / vetmatch "
               "| peak RSS MiB | notes |\n";
  std::cout << "|---|---:|---:|---:|---:|---:|---|\n";
  for (const Row& r : rows) {
    const double gflops = r.flops / r.seconds * 1e-9;
    std::cout << "| " << r.name << " | ";
    if (!r.skipped.empty()) {
      std::cout << "| | | | " << (r.rss_kib ? fixed(r.rss_kib / 1024.0, 0) : "")
                << " | " << r.skipped << " |\n";
      continue;
    }
    std::cout << fixed(r.seconds, 2) << " | " << fixed(gflops, 1) << " | "
              << (std::isfinite(ceiling_gflops)
                      ? fixed(gflops / ceiling_gflops, 3)
                      : "")
              << " | "
              << (std::isfinite(vetmatch_seconds)
                      ? fixed(r.seconds / vetmatch_seconds, 2)
                      : "")
              << " | " << fixed(r.rss_kib / 1024.0, 0) << " | " << r.notes
              << " |\n";
  }
  std::cout << "\n";
  for (const std::string& c : checks) std::cout << "check: " << c << "\n";
  if (!trials.empty()) {
    std::cout << "\ntuning trials (" << with_commas(trial_rows)
              << " veterans x " << with_commas(m_peer)
              << " postings, seconds):\n";
    for (const Trial& t : trials) {
      std::cout << "  " << std::left << std::setw(36) << t.name << std::right
                << " " << fixed(t.seconds, 2) << "  " << t.what << "\n";
    }
  }

  if (!o.json_path.empty()) {
    std::ofstream json(o.json_path);
    json << "{\"machine\": \"" << json_escape(head.str()) << "\",\n"
         << " \"case\": \"" << o.case_name << "\", \"veterans\": " << n_case
         << ", \"postings\": " << m_case << ", \"d\": " << d_shown
         << ", \"k\": " << k << ",\n \"rows\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      json << (i ? ",\n  " : "\n  ") << "{\"row\": \"" << json_escape(r.name)
           << "\", \"seconds\": " << json_number(r.seconds)
           << ", \"gflops\": " << json_number(r.flops / r.seconds * 1e-9)
           << ", \"of_sgemm_ceiling\": "
           << json_number(r.flops / r.seconds * 1e-9 / ceiling_gflops)
           << ", \"over_vetmatch\": "
           << json_number(r.seconds / vetmatch_seconds)
           << ", \"peak_rss_mib\": " << json_number(r.rss_kib / 1024.0)
           << ", \"notes\": \""
           << json_escape(r.skipped.empty() ? r.notes : r.skipped) << "\"}";
    }
    json << "],\n \"checks\": [";
    for (std::size_t i = 0; i < checks.size(); ++i) {
      json << (i ? ", " : "") << "\"" << json_escape(checks[i]) << "\"";
    }
    json << "]}\n";
  }

  if (!o.keep_data && o.workdir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(workdir, ec);
  } else {
    std::cerr << "peer_comparison: data and child reports kept in " << workdir
              << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace vetmatch::peer

int main(int argc, char** argv) {
  using namespace vetmatch::peer;
  try {
    const Options o = parse(argc, argv);
    return o.child.empty() ? run_parent(o) : run_child(o);
  } catch (const std::exception& e) {
    std::cerr << "peer_comparison: " << e.what() << "\n" << kUsage;
    return 2;
  }
}
