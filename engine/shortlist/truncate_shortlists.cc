#include "engine/shortlist/truncate_shortlists.h"

#include <algorithm>

namespace vetmatch {
namespace {

void truncate(std::vector<std::size_t>& offsets, ShortlistEntries& entries,
              std::size_t k) {
  std::size_t at = 0;
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    const std::size_t begin = offsets[i];
    const std::size_t n = std::min(k, offsets[i + 1] - begin);
    // Moving left: a source is never overwritten before it is moved.
    std::copy_n(entries.begin() + begin, n, entries.begin() + at);
    offsets[i] = at;
    at += n;
  }
  if (!offsets.empty()) offsets.back() = at;
  entries.resize(at);
  entries.shrink_to_fit();
}

}  // namespace

void truncate_shortlists(Shortlists& lists, int veteran_k, int posting_k) {
  truncate(lists.veteran_offsets, lists.veteran_entries,
           std::size_t(std::max(veteran_k, 0)));
  truncate(lists.posting_offsets, lists.posting_entries,
           std::size_t(std::max(posting_k, 0)));
  lists.veteran_depth = veteran_k;
  std::fill(lists.posting_depth.begin(), lists.posting_depth.end(), posting_k);
}

}  // namespace vetmatch
