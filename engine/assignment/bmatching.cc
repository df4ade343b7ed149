#include "engine/assignment/bmatching.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace vetmatch {
namespace {

constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxWeight = std::int64_t{1} << 60;

void check_graph(const BMatchingGraph& g) {
  auto fail = [](const std::string& what) {
    throw std::invalid_argument("solve_bmatching: " + what);
  };
  if (g.left_count < 0 || g.right_count < 0) fail("negative node count");
  if (g.left_capacity.size() != std::size_t(g.left_count) ||
      g.right_capacity.size() != std::size_t(g.right_count)) {
    fail("capacity sizes differ from the node counts");
  }
  if (g.arc_begin.size() != std::size_t(g.left_count) + 1 ||
      g.arc_begin.front() != 0) {
    fail("arc_begin must have left_count + 1 entries starting at 0");
  }
  for (std::int32_t l = 0; l < g.left_count; ++l) {
    if (g.arc_begin[l + 1] < g.arc_begin[l]) fail("arc_begin decreases");
    if (g.left_capacity[l] < 0) fail("negative left capacity");
  }
  for (std::int32_t c : g.right_capacity) {
    if (c < 0) fail("negative right capacity");
  }
  const std::size_t arcs = std::size_t(g.arc_begin.back());
  if (g.arc_right.size() != arcs || g.arc_weight.size() != arcs) {
    fail("arc_right / arc_weight sizes differ from arc_begin.back()");
  }
  for (std::size_t a = 0; a < arcs; ++a) {
    if (g.arc_right[a] < 0 || g.arc_right[a] >= g.right_count) {
      fail("arc " + std::to_string(a) + " has a right node out of range");
    }
    if (g.arc_weight[a] > kMaxWeight || g.arc_weight[a] < -kMaxWeight) {
      fail("arc " + std::to_string(a) + " has a weight beyond 2^60");
    }
  }
}

class Solver {
 public:
  explicit Solver(const BMatchingGraph& g) : g_(g) {
    const std::int32_t L = g.left_count;
    const std::int32_t R = g.right_count;
    const std::int64_t arcs = g.arc_count();
    // Each left node's arcs by weight, heaviest first (ties by right
    // node, then arc): a scan stops at the first arc too light to matter.
    arc_of_.resize(arcs);
    right_.resize(arcs);
    weight_.resize(arcs);
    arc_left_.resize(arcs);
    y_.assign(L, 0);
    tbb::parallel_for(std::int32_t{0}, L, [&](std::int32_t l) {
      const std::int64_t begin = g.arc_begin[l], end = g.arc_begin[l + 1];
      for (std::int64_t a = begin; a < end; ++a) arc_of_[a] = a;
      auto heavier = [&](std::int64_t a, std::int64_t b) {
        if (g.arc_weight[a] != g.arc_weight[b]) {
          return g.arc_weight[a] > g.arc_weight[b];
        }
        return g.arc_right[a] != g.arc_right[b]
                   ? g.arc_right[a] < g.arc_right[b]
                   : a < b;
      };
      // Lists usually come in this order already.
      if (!std::is_sorted(arc_of_.begin() + begin, arc_of_.begin() + end,
                          heavier)) {
        std::sort(arc_of_.begin() + begin, arc_of_.begin() + end, heavier);
      }
      for (std::int64_t i = begin; i < end; ++i) {
        right_[i] = g.arc_right[arc_of_[i]];
        weight_[i] = g.arc_weight[arc_of_[i]];
        arc_left_[i] = l;
      }
      y_[l] = begin < end ? std::max<std::int64_t>(0, weight_[begin]) : 0;
    });
    // Room for each right node's used arcs: min(capacity, degree) slots.
    std::vector<std::int64_t> degree(R, 0);
    for (std::int32_t r : g.arc_right) ++degree[r];
    slot_begin_.assign(std::size_t(R) + 1, 0);
    for (std::int32_t r = 0; r < R; ++r) {
      slot_begin_[r + 1] = slot_begin_[r] + std::min<std::int64_t>(
                                                g.right_capacity[r], degree[r]);
    }
    slots_.assign(slot_begin_.back(), -1);
    load_.assign(R, 0);
    z_.assign(R, 0);
    used_.assign(arcs, 0);
    excess_ = g.left_capacity;
    dist_left_.assign(L, kInfinity);
    dist_right_.assign(R, kInfinity);
    pred_left_.assign(L, -1);
    pred_right_.assign(R, -1);
    done_.assign(L, 0);
  }

  BMatchingSolution run() {
    const auto start = std::chrono::steady_clock::now();
    for (std::int32_t l = 0; l < g_.left_count; ++l) {
      // A left node priced at 0 gains nothing more: it disposes of the rest.
      while (excess_[l] > 0 && y_[l] > 0) search_from(l);
    }
    work_.search_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    BMatchingSolution out;
    out.used_arcs = std::count(used_.begin(), used_.end(), std::uint8_t{1});
    out.arc_used.assign(used_.size(), 0);
    for (std::size_t i = 0; i < used_.size(); ++i) {
      out.arc_used[arc_of_[i]] = used_[i];
    }
    out.left_dual = std::move(y_);
    out.right_dual = std::move(z_);
    out.work = work_;
    return out;
  }

 private:
  struct HeapItem {
    std::int64_t dist;
    std::int32_t left;
    bool operator>(const HeapItem& o) const {
      return dist > o.dist || (dist == o.dist && left > o.left);
    }
  };

  void push(std::int64_t dist, std::int32_t l) {
    heap_.push_back({dist, l});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  }

  void touch_left(std::int32_t l) {
    if (dist_left_[l] == kInfinity) touched_left_.push_back(l);
  }
  void touch_right(std::int32_t r) {
    if (dist_right_[r] == kInfinity) touched_right_.push_back(r);
  }

  void add_slot(std::int32_t r, std::int64_t arc) {
    slots_[slot_begin_[r] + load_[r]] = arc;
    ++load_[r];
    used_[arc] = 1;
  }
  void remove_slot(std::int32_t r, std::int64_t arc) {
    const std::int64_t first = slot_begin_[r];
    const std::int64_t last = first + load_[r] - 1;
    for (std::int64_t s = first; s <= last; ++s) {
      if (slots_[s] == arc) {
        slots_[s] = slots_[last];
        break;
      }
    }
    --load_[r];
    used_[arc] = 0;
  }

  // One shortest path from left node l0 to the sink (a right node with
  // room, or disposal at a left node), the potential update, and the
  // augmentation of one unit along it.
  void search_from(std::int32_t l0) {
    ++work_.searches;
    // The path's end: a right node with room, else disposal at end_left.
    std::int64_t best = y_[l0];
    std::int32_t end_right = -1;
    std::int32_t end_left = l0;

    touch_left(l0);
    dist_left_[l0] = 0;
    heap_.clear();
    push(0, l0);
    while (!heap_.empty()) {
      const HeapItem top = heap_.front();
      if (top.dist >= best) break;
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      heap_.pop_back();
      const std::int32_t l = top.left;
      if (done_[l] || top.dist != dist_left_[l]) continue;
      done_[l] = 1;
      ++work_.left_settled;
      const std::int64_t d = top.dist;
      const std::int64_t yl = y_[l];
      if (d + yl < best) {
        best = d + yl;
        end_right = -1;
        end_left = l;
      }
      const std::int64_t arc_end = g_.arc_begin[l + 1];
      std::int64_t a = g_.arc_begin[l];
      for (; a < arc_end; ++a) {
        // z >= 0: no later (lighter) arc can end a path below `best`.
        if (d + yl - weight_[a] > best) break;
        if (used_[a]) continue;
        const std::int32_t r = right_[a];
        const std::int64_t zr = z_[r];
        const std::int64_t nd = d + yl + zr - weight_[a];
        if (nd >= dist_right_[r]) continue;
        const bool room = load_[r] < g_.right_capacity[r];
        // Past the best end no path improves; at a tie a placement is
        // preferred to a disposal.
        if (nd > best || (nd == best && (!room || end_right >= 0))) continue;
        touch_right(r);
        dist_right_[r] = nd;
        pred_right_[r] = a;
        if (room) {
          best = nd;
          end_right = r;
          end_left = -1;
          continue;
        }
        for (std::int64_t s = slot_begin_[r], e = s + load_[r]; s < e; ++s) {
          const std::int64_t b = slots_[s];
          const std::int32_t l2 = arc_left_[b];
          if (done_[l2]) continue;
          const std::int64_t nd2 = nd + weight_[b] - y_[l2] - zr;
          if (nd2 >= best || nd2 >= dist_left_[l2]) continue;
          touch_left(l2);
          dist_left_[l2] = nd2;
          pred_left_[l2] = b;
          push(nd2, l2);
        }
      }
      work_.arcs_scanned += a - g_.arc_begin[l];
    }

    // Potentials: every node closer than the end moves by the difference.
    for (std::int32_t l : touched_left_) {
      if (dist_left_[l] < best) y_[l] -= best - dist_left_[l];
      dist_left_[l] = kInfinity;
      done_[l] = 0;
    }
    for (std::int32_t r : touched_right_) {
      if (dist_right_[r] < best) z_[r] += best - dist_right_[r];
      dist_right_[r] = kInfinity;
    }
    touched_left_.clear();
    touched_right_.clear();

    augment(l0, end_left, end_right);
  }

  void augment(std::int32_t l0, std::int32_t end_left, std::int32_t end_right) {
    std::int32_t r = end_right;
    if (end_right < 0) {
      if (end_left == l0) {  // l0's own price reached 0: it disposes.
        excess_[l0] = 0;
        return;
      }
      // end_left gives up the used arc it was reached through.
      const std::int64_t b = pred_left_[end_left];
      r = right_[b];
      remove_slot(r, b);
    }
    while (true) {
      const std::int64_t a = pred_right_[r];
      add_slot(r, a);
      const std::int32_t l = arc_left_[a];
      if (l == l0) break;
      const std::int64_t b = pred_left_[l];
      r = right_[b];
      remove_slot(r, b);
    }
    --excess_[l0];
  }

  const BMatchingGraph& g_;
  // Arcs in the solver's order (by left node, heaviest first): position i
  // is the graph's arc arc_of_[i]. Everything below indexes positions.
  std::vector<std::int64_t> arc_of_;
  std::vector<std::int32_t> right_;
  std::vector<std::int64_t> weight_;
  std::vector<std::int32_t> arc_left_;
  std::vector<std::int64_t> slot_begin_;
  std::vector<std::int64_t> slots_;  ///< used arcs of each right node
  std::vector<std::int32_t> load_;
  std::vector<std::int32_t> excess_;
  std::vector<std::int64_t> y_, z_;
  std::vector<std::uint8_t> used_;

  std::vector<std::int64_t> dist_left_, dist_right_;
  std::vector<std::int64_t> pred_left_, pred_right_;
  std::vector<std::uint8_t> done_;
  std::vector<std::int32_t> touched_left_, touched_right_;
  std::vector<HeapItem> heap_;
  BMatchingWork work_;
};

}  // namespace

BMatchingSolution solve_bmatching(const BMatchingGraph& graph) {
  check_graph(graph);
  const auto start = std::chrono::steady_clock::now();
  Solver solver(graph);
  const double setup =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  BMatchingSolution out = solver.run();
  out.work.setup_seconds = setup;
  return out;
}

}  // namespace vetmatch
