// Round -> round file (JSON, "vetmatch": "round/1"), used by `generate`:
// whole in memory (round_to_json) or streamed to disk block by block
// (write_round_file), with the same bytes.
//
// Contract: the output reads back (read_round_string) to an equal Round;
// keys are written in a fixed order and numbers in a fixed format, so the
// same Round always gives the same bytes. The top level is written in the
// order config, employers, postings, veterans, taken, declined, withdrawn,
// not_looking (so that a reader can stream the veterans last), one key per
// line and one record (or id) per line; withdrawn and not_looking are
// written only when not empty, so a round without them has the bytes it had
// before they existed. A veteran or posting with a region code is written with
// "region", otherwise with "location". write_round_file(path,
// round_source(round)) writes exactly round_to_json(round).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/model/round.h"
#include "engine/util/progress.h"

namespace vetmatch {

std::string round_to_json(const Round& round);

/// Records drawn block by block: `fill(b, out)` replaces `out` with block
/// b's records (b in [0, count)). It is called from several threads at
/// once, in no particular order, so it must be thread-safe and depend on b
/// only; the file holds the blocks in order.
template <typename Record>
struct RecordBlocks {
  std::size_t count = 0;
  std::function<void(std::size_t block, std::vector<Record>& out)> fill;
};

/// A round whose postings and veterans are drawn on demand.
struct RoundSource {
  RoundConfig config;
  std::span<const Employer> employers;
  RecordBlocks<Posting> postings;
  RecordBlocks<Veteran> veterans;
  std::span<const PairRef> taken;
  std::span<const PairRef> declined;
  std::span<const std::string> withdrawn;
  std::span<const std::string> not_looking;
};

/// A source over a Round in memory (which must outlive it), in blocks of
/// `block_size` records.
RoundSource round_source(const Round& round, std::size_t block_size = 4096);

/// Writes the round file to a temporary file in the target's directory,
/// drawing and serialising blocks in parallel (a bounded number in flight,
/// so memory does not grow with the number of records) and writing them in
/// order, then flushes and renames it over `path`. On any failure the
/// temporary file is removed, an existing `path` is left untouched, and
/// IoError naming `path` is thrown (or the block function's exception
/// passed on). `progress`, when set, is called with the stages "postings"
/// and "veterans" and the fraction of blocks written, never concurrently.
void write_round_file(const std::string& path, const RoundSource& source,
                      const ProgressFn& progress = {});

}  // namespace vetmatch
