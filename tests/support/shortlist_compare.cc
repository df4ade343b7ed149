#include "tests/support/shortlist_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <sstream>

namespace vetmatch::test {
namespace {

using List = std::span<const ShortlistEntry>;

// Whom a list belongs to and what its entries point at.
template <typename Owners, typename Others>
struct Side {
  const char* what;  ///< "veteran" or "posting"
  const Owners& owners;
  const Others& others;
};

template <typename Records>
std::string name_of(const Records& records, std::int32_t index) {
  if (index >= 0 && index < std::int32_t(records.size())) {
    return records[index].id;
  }
  return "<index " + std::to_string(index) + ">";
}

template <typename Records>
std::string entry_text(const Records& others, List list, std::size_t i) {
  if (i >= list.size()) return "the end of the list";
  return name_of(others, list[i].index) + " " + describe(list[i].score);
}

// True when the lists are equal under `same`; otherwise, when `report`,
// describes the first differing entry with ids.
template <typename Owners, typename Others, typename Same>
bool compare_list(List a, List b, const Side<Owners, Others>& side,
                  std::int32_t owner, const std::string& a_name,
                  const std::string& b_name, bool report, Same same) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i].index == b[i].index &&
         same(a[i].score, b[i].score)) {
    ++i;
  }
  if (i == a.size() && i == b.size()) return true;
  if (report) {
    ADD_FAILURE() << side.what << " " << name_of(side.owners, owner)
                  << " (lists of " << a.size() << " and " << b.size()
                  << " entries), first difference at entry " << i << ": "
                  << a_name << " has " << entry_text(side.others, a, i) << "; "
                  << b_name << " has " << entry_text(side.others, b, i);
  }
  return false;
}

template <typename Same>
int compare_all(const Round& round, const Shortlists& a, const Shortlists& b,
                const std::string& a_name, const std::string& b_name,
                Same same) {
  const std::size_t nv = round.veterans.size();
  const std::size_t np = round.postings.size();
  if (a.veteran_offsets.size() != nv + 1 ||
      b.veteran_offsets.size() != nv + 1 ||
      a.posting_offsets.size() != np + 1 ||
      b.posting_offsets.size() != np + 1) {
    ADD_FAILURE() << "offsets of the wrong size for " << nv << " veterans and "
                  << np << " postings: " << a_name << " "
                  << a.veteran_offsets.size() << "/" << a.posting_offsets.size()
                  << ", " << b_name << " " << b.veteran_offsets.size() << "/"
                  << b.posting_offsets.size();
    return int(nv + np) + 1;
  }
  int differing = 0;
  const Side<std::vector<Veteran>, std::vector<Posting>> veterans{
      "veteran", round.veterans, round.postings};
  for (VeteranIndex v = 0; v < VeteranIndex(nv); ++v) {
    if (!compare_list(a.of_veteran(v), b.of_veteran(v), veterans, v, a_name,
                      b_name, differing < kReportedLists, same)) {
      ++differing;
    }
  }
  const Side<std::vector<Posting>, std::vector<Veteran>> postings{
      "posting", round.postings, round.veterans};
  for (PostingIndex p = 0; p < PostingIndex(np); ++p) {
    if (!compare_list(a.of_posting(p), b.of_posting(p), postings, p, a_name,
                      b_name, differing < kReportedLists, same)) {
      ++differing;
    }
  }
  EXPECT_EQ(differing, 0) << "lists differing (the first " << kReportedLists
                          << " described above)";
  return differing;
}

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

}  // namespace

std::string describe(const PairScore& s) {
  std::ostringstream out;
  out.precision(17);
  out << "score " << s.score << " (skill " << s.skill << ", location "
      << s.location << ", preference " << s.preference << ", distance_km "
      << s.distance_km << ")";
  return out.str();
}

bool bitwise_equal(const PairScore& a, const PairScore& b) {
  return bits(a.score) == bits(b.score) && bits(a.skill) == bits(b.skill) &&
         bits(a.location) == bits(b.location) &&
         bits(a.preference) == bits(b.preference) &&
         bits(a.distance_km) == bits(b.distance_km);
}

int expect_shortlists_match(const Round& round, const Shortlists& engine,
                            const Shortlists& reference, double tolerance) {
  return compare_all(
      round, engine, reference, "engine", "reference",
      [tolerance](const PairScore& e, const PairScore& r) {
        return std::abs(e.score - r.score) <= tolerance &&
               std::abs(e.skill - r.skill) <= tolerance &&
               std::abs(e.location - r.location) <= tolerance &&
               std::abs(e.preference - r.preference) <= tolerance &&
               std::abs(e.distance_km - r.distance_km) <= tolerance;
      });
}

int expect_shortlists_identical(const Round& round, const Shortlists& a,
                                const Shortlists& b, const std::string& a_name,
                                const std::string& b_name) {
  return compare_all(round, a, b, a_name, b_name, bitwise_equal);
}

}  // namespace vetmatch::test
