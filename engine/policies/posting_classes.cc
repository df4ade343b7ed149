#include "engine/policies/posting_classes.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace vetmatch {

PostingClasses::PostingClasses(const IndexedRound& ir)
    : class_of_(ir.n_postings, -1) {
  using Key = std::tuple<PostingKindSet, std::uint8_t, std::uint8_t,
                         std::vector<std::int32_t>>;
  std::map<Key, std::int32_t> ids;
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    Key key{ir.posting_kind_bit[p], ir.posting_admits_spouses[p],
            ir.posting_min_education[p],
            std::vector<std::int32_t>(ir.posting_certs.begin(p),
                                      ir.posting_certs.end(p))};
    const auto [it, added] = ids.try_emplace(std::move(key), count());
    if (added) {
      first_posting_.push_back(p);
      rules_.push_back({ir.posting_cert_mask[p], ir.posting_kind_bit[p],
                        ir.posting_admits_spouses[p],
                        ir.posting_min_education[p]});
    }
    class_of_[p] = it->second;
  }
}

bool PostingClasses::holds_certificates(const IndexedRound& ir, std::int32_t v,
                                        std::int32_t c) const {
  const std::int32_t p = first_posting_[c];
  return std::includes(ir.veteran_certs.begin(v), ir.veteran_certs.end(v),
                       ir.posting_certs.begin(p), ir.posting_certs.end(p));
}

void PostingClasses::admitted(const IndexedRound& ir, std::int32_t v,
                              const std::vector<std::int32_t>& classes,
                              std::vector<std::int32_t>& out) const {
  out.clear();
  const PostingKindSet wants = ir.veteran_wants[v];
  const bool spouse = ir.veteran_is_spouse[v] != 0;
  const std::uint8_t education = ir.veteran_education[v];
  const std::uint64_t lacking = ~ir.veteran_cert_mask[v];
  for (const std::int32_t c : classes) {
    const Rule& rule = rules_[c];
    if ((wants & rule.kind_bit) == 0 || (spouse && !rule.admits_spouses) ||
        education < rule.min_education || (rule.cert_mask & lacking) != 0) {
      continue;
    }
    if (rule.cert_mask == 0 || holds_certificates(ir, v, c)) out.push_back(c);
  }
}

}  // namespace vetmatch
