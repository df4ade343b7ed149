#include "engine/policies/posting_classes.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace vetmatch {

PostingClasses::PostingClasses(const IndexedRound& ir)
    : class_of_(ir.n_postings, -1) {
  // The key in the order classes are numbered: no certificates first, then
  // by minimum education, spouses welcome first, kind, certificates.
  using Key = std::tuple<bool, std::uint8_t, bool, PostingKindSet,
                         std::vector<std::int32_t>>;
  std::map<Key, std::int32_t> first;  // key -> its first posting
  std::vector<const Key*> key_of(ir.n_postings);
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    Key key{!ir.posting_certs.empty(p), ir.posting_min_education[p],
            !ir.posting_admits_spouses[p], ir.posting_kind_bit[p],
            std::vector<std::int32_t>(ir.posting_certs.begin(p),
                                      ir.posting_certs.end(p))};
    key_of[p] = &first.try_emplace(std::move(key), p).first->first;
  }
  std::map<const Key*, std::int32_t> id;
  for (const auto& [key, p] : first) {
    id[&key] = count();
    first_posting_.push_back(p);
    rules_.push_back({ir.posting_cert_mask[p], ir.posting_kind_bit[p],
                      ir.posting_admits_spouses[p],
                      ir.posting_min_education[p]});
  }
  for (std::int32_t p = 0; p < ir.n_postings; ++p) {
    class_of_[p] = id.at(key_of[p]);
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
