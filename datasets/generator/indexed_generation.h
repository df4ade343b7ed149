// index_generated_round: a generated round straight into the engine's
// IndexedRound, its veterans drawn, resolved and indexed block by block, so
// that the province preset (3 million veterans) is indexed without ever
// holding its veterans as Veteran structs (about 10 KB each once their
// skill maps are resolved to strings).
//
// Contract: with `shell` the Round it fills and R the whole round
// (generate_round(options), then `configure` applied to R.config, then,
// with round_commute_for_everyone, every veteran's max_commute_km cleared,
// then resolve_skills(R, space)), the result equals index_round(R) field by
// field, every float and double bitwise, except that ir.veteran_matrix is
// 0 x 0 unless `veteran_matrix` is set; ir.round points to `shell`, which
// holds R's config, employers and postings (skills resolved) and no
// veterans. So build_shortlists() on it gives exactly what it gives on
// index_round(R); points_order() and round_stats(), which read the
// veterans, do not run on it. Veteran blocks are drawn, resolved and
// encoded in parallel (oneTBB) and added in order; each block is resolved
// in a Round of its own with R's config, which gives what resolving R
// gives, since resolve_skills() treats every record on its own. Throws
// std::runtime_error if a record's codes do not resolve (a generator bug).
#pragma once

#include <functional>

#include "datasets/generator/generator.h"
#include "engine/model/round.h"
#include "engine/scoring/indexed_round.h"
#include "engine/skills/skill_space.h"
#include "engine/util/progress.h"

namespace vetmatch {

struct IndexedGenerationOptions {
  /// Applied to the generator's default config before anything is resolved
  /// (onet_share) or indexed (weights, commute limit, ...).
  std::function<void(RoundConfig&)> configure;
  /// Clear every veteran's own max_commute_km, so that the round's limit
  /// (config.max_commute_km) is everyone's.
  bool round_commute_for_everyone = false;
  /// Build ir.veteran_matrix too (n_veterans x skill_columns floats; the
  /// shortlists do not need it).
  bool veteran_matrix = false;
  /// Stage "index veterans", called from the calling thread only.
  ProgressFn progress;
};

/// Replaces `shell`'s contents; `shell` must outlive the result.
IndexedRound index_generated_round(
    const GeneratorOptions& generator_options, const SkillSpace& space,
    Round& shell, const IndexedGenerationOptions& options = {});

}  // namespace vetmatch
