// A result file (JSON, "vetmatch": "result/1") read back for its
// proposals: the (veteran, posting) ids of its assignments, in file order.
//
// Contract: read_result_proposals_* never throws for bad content: it
// returns the proposals it could read and one InputError per problem (not
// an object at the top, a "vetmatch" other than "result/1" or missing, no
// "assignments" array, an assignment that is not an object or lacks a
// string "veteran" or "posting", malformed JSON with line and column).
// Everything else in the file (scores, shortlists, stats) is skipped
// unread and unchecked: the file is streamed through a SAX handler, so
// read_result_proposals_file holds a 64 KiB buffer and the proposals, never
// the file (a city result is 750 MB) nor a DOM of it; only a file that is
// not well-formed is read again whole, for the error's line and column. It
// throws IoError when the file cannot be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/json/input_error.h"
#include "engine/model/round.h"

namespace vetmatch {

struct ReadProposalsResult {
  std::vector<PairRef> proposals;  ///< The assignments, in file order.
  std::vector<InputError> errors;
};

ReadProposalsResult read_result_proposals_file(const std::string& path);
/// `file` is the name used in messages.
ReadProposalsResult read_result_proposals_string(std::string_view json,
                                                 const std::string& file);

}  // namespace vetmatch
