#include "engine/fair/invite.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "engine/policies/optimal_costs.h"

namespace vetmatch {
namespace {

// An entry's marginal gain, ordered as the greedy ranks entries.
struct Gain {
  std::int64_t primary = 0;
  std::int64_t secondary = 0;
  bool zero() const { return primary == 0 && secondary == 0; }
};

struct Member {
  VeteranIndex veteran;
  std::int64_t units;
  std::size_t fit;  // index into FairFits::entries
};

class Greedy {
 public:
  Greedy(const Fair& fair, const FairFits& fits, InviteObjective objective)
      : fair_(fair), objective_(objective) {
    const std::int32_t n = fits.veteran_count();
    const std::int32_t pool = fits.unit_count - fits.booth_count;
    best_.assign(n, -1);
    owner_.assign(n, -1);
    members_.resize(pool);
    for (VeteranIndex v = 0; v < n; ++v) {
      for (std::size_t i = fits.offsets[v]; i < fits.offsets[v + 1]; ++i) {
        const UnitFit& f = fits.entries[i];
        const std::int64_t units = score_units(f.score.score);
        if (fits.is_booth(f.unit)) {
          if (units > best_[v]) {
            best_[v] = units;
            owner_[v] = f.unit;
          }
        } else {
          members_[f.unit - fits.booth_count].push_back({v, units, i});
        }
      }
    }
  }

  Gain gain(std::int32_t entry) {
    ++evaluations_;
    std::int64_t count = 0, fit = 0;
    for (const Member& m : members_[entry]) {
      const std::int64_t have = best_[m.veteran];
      if (have < 0) {
        ++count;
        fit += m.units;
      } else if (m.units > have) {
        fit += m.units - have;
      }
    }
    return objective_ == InviteObjective::kCoverage ? Gain{count, fit}
                                                    : Gain{fit, count};
  }

  // a ranks before b.
  bool before(const Gain& a, std::int32_t ea, const Gain& b,
              std::int32_t eb) const {
    if (a.primary != b.primary) return a.primary > b.primary;
    if (a.secondary != b.secondary) return a.secondary > b.secondary;
    const std::string& ia = fair_.pool[ea].employer;
    const std::string& ib = fair_.pool[eb].employer;
    return ia != ib ? ia < ib : ea < eb;
  }

  // Adds `entry` to the choice; returns its newly covered veterans.
  std::vector<std::uint8_t> take(std::int32_t entry, std::int32_t unit) {
    std::vector<std::uint8_t> newly(members_[entry].size(), 0);
    for (std::size_t i = 0; i < members_[entry].size(); ++i) {
      const Member& m = members_[entry][i];
      if (best_[m.veteran] < 0) newly[i] = 1;
      if (m.units > best_[m.veteran]) {
        best_[m.veteran] = m.units;
        owner_[m.veteran] = unit;
      }
    }
    return newly;
  }

  const std::vector<Member>& members(std::int32_t entry) const {
    return members_[entry];
  }
  const std::vector<std::int64_t>& best() const { return best_; }
  const std::vector<std::int32_t>& owner() const { return owner_; }
  std::int64_t evaluations() const { return evaluations_; }

 private:
  const Fair& fair_;
  InviteObjective objective_;
  std::vector<std::int64_t> best_;            // units of the best fit, -1: none
  std::vector<std::int32_t> owner_;           // unit holding it
  std::vector<std::vector<Member>> members_;  // by pool entry
  std::int64_t evaluations_ = 0;
};

struct HeapItem {
  Gain gain;
  std::int32_t entry;
  std::int32_t stamp;  // the turn the gain was computed for
};

void totals(const std::vector<std::int64_t>& best, std::int64_t* covered,
            std::int64_t* units) {
  *covered = 0;
  *units = 0;
  for (std::int64_t b : best) {
    if (b >= 0) {
      ++*covered;
      *units += b;
    }
  }
}

}  // namespace

InviteResult choose_invites(const Fair& fair, const FairFits& fits,
                            std::int32_t budget, InviteObjective objective) {
  check_fair(fair);
  if (budget < 0) throw std::invalid_argument("choose_invites: budget < 0");
  if (fits.booth_count != std::int32_t(fair.booths.size()) ||
      fits.unit_count != fits.booth_count + std::int32_t(fair.pool.size()) ||
      fits.veteran_count() != std::int32_t(fair.round.veterans.size())) {
    throw std::invalid_argument("choose_invites: fits of another fair");
  }
  InviteResult out;
  out.objective = objective;
  out.budget = budget;
  out.veterans = fits.veteran_count();

  Greedy greedy(fair, fits, objective);
  totals(greedy.best(), &out.covered_by_booths, &out.fit_units_by_booths);
  const std::int32_t pool = std::int32_t(fair.pool.size());

  // Max-heap by the greedy's order.
  auto heap_less = [&](const HeapItem& a, const HeapItem& b) {
    return greedy.before(b.gain, b.entry, a.gain, a.entry);
  };
  std::vector<HeapItem> heap;
  heap.reserve(pool);
  if (budget > 0) {
    for (std::int32_t e = 0; e < pool; ++e) {
      heap.push_back({greedy.gain(e), e, 1});
    }
  }
  std::make_heap(heap.begin(), heap.end(), heap_less);

  std::vector<std::uint8_t> chosen(pool, 0);
  std::vector<std::vector<std::uint8_t>> newly;
  for (std::int32_t turn = 1; turn <= budget; ++turn) {
    bool picked = false;
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), heap_less);
      HeapItem top = heap.back();
      heap.pop_back();
      if (top.stamp != turn) {
        top.gain = greedy.gain(top.entry);
        top.stamp = turn;
        heap.push_back(top);
        std::push_heap(heap.begin(), heap.end(), heap_less);
        continue;
      }
      if (top.gain.zero()) break;  // nothing left adds anything
      InviteChoice choice;
      choice.entry = top.entry;
      choice.turn = turn;
      const Gain& g = top.gain;
      choice.gain_veterans =
          objective == InviteObjective::kCoverage ? g.primary : g.secondary;
      choice.gain_fit_units =
          objective == InviteObjective::kCoverage ? g.secondary : g.primary;
      newly.push_back(greedy.take(top.entry, fits.booth_count + top.entry));
      chosen[top.entry] = 1;
      out.chosen.push_back(std::move(choice));
      picked = true;
      break;
    }
    if (!picked) break;
  }
  out.stopped_early = std::int32_t(out.chosen.size()) < budget;
  out.evaluations = greedy.evaluations();
  totals(greedy.best(), &out.covered, &out.fit_units);
  out.gain = objective == InviteObjective::kCoverage
                 ? out.covered - out.covered_by_booths
                 : out.fit_units - out.fit_units_by_booths;

  // The bound: the gain so far plus the `budget` largest marginal gains
  // left (primary objective).
  std::vector<std::int64_t> left;
  for (std::int32_t e = 0; e < pool; ++e) {
    if (!chosen[e]) left.push_back(greedy.gain(e).primary);
  }
  const std::size_t take = std::min<std::size_t>(left.size(), budget);
  std::partial_sort(left.begin(), left.begin() + take, left.end(),
                    std::greater<>());
  out.gain_bound = out.gain;
  for (std::size_t i = 0; i < take; ++i) out.gain_bound += left[i];

  const std::vector<Veteran>& vets = fair.round.veterans;
  for (std::size_t c = 0; c < out.chosen.size(); ++c) {
    InviteChoice& choice = out.chosen[c];
    const std::vector<Member>& members = greedy.members(choice.entry);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const UnitFit& f = fits.entries[members[i].fit];
      InviteServed s;
      s.veteran = members[i].veteran;
      s.posting = f.posting;
      s.score = f.score;
      s.newly_covered = newly[c][i] != 0;
      s.best = greedy.owner()[s.veteran] == fits.booth_count + choice.entry;
      choice.serves.push_back(s);
    }
    std::sort(choice.serves.begin(), choice.serves.end(),
              [&](const InviteServed& a, const InviteServed& b) {
                if (a.score.score != b.score.score) {
                  return a.score.score > b.score.score;
                }
                return vets[a.veteran].id < vets[b.veteran].id;
              });
  }
  for (VeteranIndex v = 0; v < out.veterans; ++v) {
    if (greedy.best()[v] < 0) out.not_covered.push_back(v);
  }
  std::sort(
      out.not_covered.begin(), out.not_covered.end(),
      [&](VeteranIndex a, VeteranIndex b) { return vets[a].id < vets[b].id; });
  return out;
}

}  // namespace vetmatch
