#include "adapters/cli/next_round_command.h"

#include <cstdio>
#include <vector>

#include "adapters/cli/command_support.h"
#include "adapters/cli/exit_codes.h"
#include "adapters/json/answers_reader.h"
#include "adapters/json/atomic_write.h"
#include "adapters/json/result_reader.h"
#include "adapters/json/round_reader.h"
#include "adapters/json/round_writer.h"
#include "engine/round/next_round.h"

namespace vetmatch {
namespace {

// next_round()'s issues, each in the file and at the place it is about.
std::vector<InputError> issue_errors(const NextRoundOptions& options,
                                     const ReadAnswersResult& answers,
                                     const std::vector<AnswerIssue>& issues,
                                     std::vector<InputError>* result_errors) {
  std::vector<InputError> answer_errors;
  for (const AnswerIssue& issue : issues) {
    if (issue.section == AnswerSection::kProposals) {
      InputError e;
      e.file = options.result_path;
      e.json_path =
          "/assignments/" + std::to_string(issue.index) + "/" + issue.field;
      e.expected = issue.expected;
      e.found = issue.found;
      result_errors->push_back(std::move(e));
      continue;
    }
    const std::vector<AnswerPlace>& places =
        issue.section == AnswerSection::kAnswers ? answers.places.answers
        : issue.section == AnswerSection::kNotLooking
            ? answers.places.not_looking
            : answers.places.withdrawn;
    answer_errors.push_back(answer_error(options.answers_path,
                                         places.at(issue.index), issue.field,
                                         issue.expected, issue.found));
  }
  return answer_errors;
}

// Prints each file's problems; true when there were any.
bool report(const std::string& path, const std::vector<InputError>& errors) {
  if (errors.empty()) return false;
  print_input_errors(path, errors);
  return true;
}

}  // namespace

int run_next_round(const NextRoundOptions& options) {
  ReadOptions as_written;
  as_written.resolve_skills = false;
  const ReadRoundResult round = read_round_file(options.round_path, as_written);
  const ReadProposalsResult result =
      read_result_proposals_file(options.result_path);
  const ReadAnswersResult answers = read_answers_file(options.answers_path);
  bool bad = report(options.round_path, round.errors);
  bad |= report(options.result_path, result.errors);
  bad |= report(options.answers_path, answers.errors);
  if (bad) return kExitBadInput;
  print_warnings(round.warnings);

  const UnansweredRule rule = options.unanswered == "declined"
                                  ? UnansweredRule::kDeclined
                                  : UnansweredRule::kStayOpen;
  const NextRound next =
      next_round(round.round, result.proposals, answers.answers, rule);
  if (!next.issues.empty()) {
    std::vector<InputError> result_errors;
    const std::vector<InputError> answer_errors =
        issue_errors(options, answers, next.issues, &result_errors);
    report(options.result_path, result_errors);
    report(options.answers_path, answer_errors);
    return kExitBadInput;
  }
  write_file_atomically(options.output_path, round_to_json(next.round));
  if (!options.quiet) {
    std::size_t accepted = 0;
    for (const ProposalAnswer& a : answers.answers.answers) {
      accepted += a.answer == AnswerKind::kAccepted;
    }
    const std::size_t answered = answers.answers.answers.size();
    std::fprintf(
        stderr,
        "wrote %s: of %zu proposals %zu accepted, %zu declined, %zu "
        "unanswered (%s); not looking +%zu, withdrawn +%zu\n",
        options.output_path.c_str(), result.proposals.size(), accepted,
        answered - accepted, result.proposals.size() - answered,
        rule == UnansweredRule::kDeclined ? "counted as declined" : "left open",
        next.round.not_looking.size() - round.round.not_looking.size(),
        next.round.withdrawn.size() - round.round.withdrawn.size());
  }
  return kExitOk;
}

}  // namespace vetmatch
