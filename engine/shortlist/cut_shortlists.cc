#include "engine/shortlist/cut_shortlists.h"

#include <algorithm>

namespace vetmatch {
namespace {

void cut(const std::vector<std::size_t>& offsets,
         const std::vector<ShortlistEntry>& entries, int k,
         std::vector<std::size_t>& out_offsets,
         std::vector<ShortlistEntry>& out_entries) {
  const std::size_t keep = static_cast<std::size_t>(std::max(k, 0));
  out_offsets.assign(offsets.size(), 0);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    out_offsets[i + 1] =
        out_offsets[i] + std::min(keep, offsets[i + 1] - offsets[i]);
  }
  out_entries.resize(out_offsets.empty() ? 0 : out_offsets.back());
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    std::copy_n(entries.begin() + offsets[i],
                out_offsets[i + 1] - out_offsets[i],
                out_entries.begin() + out_offsets[i]);
  }
}

}  // namespace

Shortlists cut_shortlists(const Shortlists& lists, int veteran_k,
                          int posting_k) {
  Shortlists out;
  cut(lists.veteran_offsets, lists.veteran_entries, veteran_k,
      out.veteran_offsets, out.veteran_entries);
  cut(lists.posting_offsets, lists.posting_entries, posting_k,
      out.posting_offsets, out.posting_entries);
  return out;
}

}  // namespace vetmatch
