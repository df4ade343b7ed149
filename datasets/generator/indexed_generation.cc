#include "datasets/generator/indexed_generation.h"

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/scoring/indexed_round_builder.h"
#include "engine/skills/resolve_skills.h"

namespace vetmatch {
namespace {

void throw_on_errors(const std::vector<ValidationIssue>& issues,
                     std::int64_t first_index) {
  for (const ValidationIssue& issue : issues) {
    if (issue.warning) continue;
    throw std::runtime_error(
        "generated round: " + std::string(to_string(issue.entity)) + "/" +
        std::to_string(first_index + issue.index) + "/" + issue.field +
        ": expected " + issue.expected + ", found " + issue.found);
  }
}

// A block's totals scaled to the whole round, with some room: reserved
// capacity that is never written costs address space only.
VeteranCounts estimate(const VeteranCounts& block, std::size_t block_records,
                       std::int64_t total_records) {
  const double scale = 1.25 * double(total_records) / double(block_records);
  auto scaled = [&](std::size_t x) {
    return static_cast<std::size_t>(double(x) * scale) + 1024;
  };
  return {static_cast<std::size_t>(total_records), scaled(block.skill_entries),
          scaled(block.certificates), scaled(block.industries),
          scaled(block.id_bytes)};
}

}  // namespace

IndexedRound index_generated_round(const GeneratorOptions& generator_options,
                                   const SkillSpace& space, Round& shell,
                                   const IndexedGenerationOptions& options) {
  const RoundGenerator generator(generator_options);
  shell = Round();
  shell.config = generator.config();
  if (options.configure) options.configure(shell.config);
  shell.employers = generator.employers();

  // Postings: few; drawn in parallel, kept whole.
  std::vector<std::vector<Posting>> blocks(generator.posting_blocks());
  tbb::parallel_for(std::size_t{0}, blocks.size(),
                    [&](std::size_t b) { generator.postings(b, blocks[b]); });
  shell.postings.reserve(static_cast<std::size_t>(generator.posting_count()));
  for (std::vector<Posting>& block : blocks) {
    std::move(block.begin(), block.end(), std::back_inserter(shell.postings));
    block = {};
  }
  throw_on_errors(resolve_skills(shell, space), 0);

  IndexedRoundBuildOptions build;
  build.veteran_matrix = options.veteran_matrix;
  IndexedRoundBuilder builder(shell, build);

  // Veterans: block b is records b * kBlockSize ...; drawn, resolved and
  // encoded in parallel, added in order.
  const std::size_t block_count = generator.veteran_blocks();
  const std::thread::id caller = std::this_thread::get_id();
  std::size_t next = 0;
  std::size_t added = 0;
  const std::size_t tokens = 2 * static_cast<std::size_t>(std::max(
                                     1, tbb::info::default_concurrency()));
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, std::size_t>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& control) -> std::size_t {
            if (next == block_count) {
              control.stop();
              return 0;
            }
            return next++;
          }) &
          tbb::make_filter<std::size_t, VeteranBatch>(
              tbb::filter_mode::parallel,
              [&](std::size_t b) {
                const std::int64_t first =
                    static_cast<std::int64_t>(b) * RoundGenerator::kBlockSize;
                Round part;
                part.config = shell.config;
                generator.veterans(b, part.veterans);
                if (options.round_commute_for_everyone) {
                  for (Veteran& v : part.veterans) v.max_commute_km.reset();
                }
                throw_on_errors(resolve_skills(part, space), first);
                return builder.encode(part.veterans,
                                      static_cast<VeteranIndex>(first));
              }) &
          tbb::make_filter<VeteranBatch, void>(
              tbb::filter_mode::serial_in_order, [&](VeteranBatch batch) {
                if (added == 0 && batch.records() > 0) {
                  builder.reserve(estimate(batch.counts(), batch.records(),
                                           generator.veteran_count()));
                }
                builder.add(std::move(batch));
                ++added;
                if (options.progress && std::this_thread::get_id() == caller) {
                  options.progress("index veterans",
                                   double(added) / double(block_count));
                }
              }));
  IndexedRound ir = builder.finish();
  if (options.progress) options.progress("index veterans", 1.0);
  return ir;
}

}  // namespace vetmatch
