#include "engine/fair/fair.h"

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

namespace vetmatch {

std::string_view to_string(InviteObjective o) {
  switch (o) {
    case InviteObjective::kCoverage:
      return "coverage";
    case InviteObjective::kTotalFit:
      return "total_fit";
  }
  return "?";
}

std::optional<InviteObjective> parse_invite_objective(std::string_view name) {
  if (name == "coverage") return InviteObjective::kCoverage;
  if (name == "total_fit") return InviteObjective::kTotalFit;
  return std::nullopt;
}

std::int32_t booth_capacity(std::int32_t interviewers, double hours,
                            double interviews_per_hour) {
  const double product =
      static_cast<double>(interviewers) * hours * interviews_per_hour;
  const double nearest = std::round(product);
  const double value =
      std::abs(product - nearest) <= 1e-9 ? nearest : std::floor(product);
  if (!(value >= 0) || value > 2e9) {
    throw std::invalid_argument("booth_capacity: out of range");
  }
  return static_cast<std::int32_t>(value);
}

void check_fair(const Fair& fair) {
  auto fail = [](const std::string& what) {
    throw std::invalid_argument("fair: " + what);
  };
  const Round& round = fair.round;
  if (fair.visit_limit.size() != round.veterans.size()) {
    fail("visit_limit must have one entry per veteran");
  }
  for (std::int32_t limit : fair.visit_limit) {
    if (limit < 1) fail("a visit limit below 1");
  }
  if (!round.taken.empty()) fail("a fair's round has no taken pairs");
  if (!round.not_looking.empty() || !round.withdrawn.empty()) {
    fail("a fair's round has no not_looking or withdrawn lists");
  }
  if (!round.skills_resolved) fail("skills are not resolved");
  if (!(fair.settings.min_fit >= 0.0 && fair.settings.min_fit <= 1.0)) {
    fail("min_fit outside [0, 1]");
  }
  if (fair.settings.max_booths_per_veteran < 1) {
    fail("max_booths_per_veteran below 1");
  }
  std::vector<std::uint8_t> owned(round.postings.size(), 0);
  auto own = [&](const std::vector<PostingIndex>& postings,
                 const std::string& employer, const std::string& what) {
    if (postings.empty()) fail(what + " has no postings");
    for (PostingIndex p : postings) {
      if (p < 0 || std::size_t(p) >= round.postings.size()) {
        fail(what + " names a posting out of range");
      }
      if (owned[p]) fail("posting " + round.postings[p].id + " offered twice");
      owned[p] = 1;
      if (round.postings[p].employer != employer) {
        fail("posting " + round.postings[p].id + " is not " + employer + "'s");
      }
    }
  };
  for (const Booth& b : fair.booths) {
    if (b.capacity < 0) fail("booth " + b.id + " has a negative capacity");
    own(b.postings, b.employer, "booth " + b.id);
  }
  for (const PoolEntry& e : fair.pool) {
    own(e.postings, e.employer, "pool entry " + e.employer);
  }
  std::set<std::string> booth_ids, pool_employers;
  for (const Booth& b : fair.booths) {
    if (!booth_ids.insert(b.id).second) fail("booth id " + b.id + " repeated");
  }
  for (const PoolEntry& e : fair.pool) {
    if (!pool_employers.insert(e.employer).second) {
      fail("pool employer " + e.employer + " repeated");
    }
  }
  for (std::size_t p = 0; p < owned.size(); ++p) {
    if (!owned[p]) fail("posting " + round.postings[p].id + " has no booth");
  }
}

}  // namespace vetmatch
