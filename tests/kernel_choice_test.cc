// kernel_choice.h: the measured choice between the bfloat16 and the float
// first pass. Which way it goes depends on the CPU, so the test checks the
// contract that does not: no bfloat16 without the kernel, one answer per
// process whatever the thread, and the same shortlists either way.
#include "engine/shortlist/kernel_choice.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "engine/scoring/indexed_round.h"
#include "engine/shortlist/micro_kernel.h"
#include "engine/shortlist/shortlist_builder.h"
#include "tests/support/random_round.h"

namespace vetmatch {
namespace {

TEST(KernelChoice, NeedsTheBf16KernelAndAnswersOnce) {
  const bool first = bf16_pass_pays_off();
  if (!micro_kernel_has_bf16()) {
    EXPECT_FALSE(first);
  }
  std::vector<char> answers(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] { answers[i] = bf16_pass_pays_off(); });
  }
  for (std::thread& t : threads) t.join();
  for (char a : answers) EXPECT_EQ(bool(a), first);
}

TEST(KernelChoice, DefaultGivesTheListsOfBothPasses) {
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    const Round round =
        test::random_round(test::varied_options(seed, 300), seed);
    const IndexedRound ir = index_round(round);
    ShortlistOptions options;
    options.veteran_k = 5;
    options.posting_k = 7;
    const Shortlists chosen = build_shortlists(ir, options);
    for (bool bf16 : {false, true}) {
      options.bf16_first_pass = bf16;
      const Shortlists forced = build_shortlists(ir, options);
      ASSERT_EQ(chosen.veteran_entries.size(), forced.veteran_entries.size());
      ASSERT_EQ(chosen.posting_entries.size(), forced.posting_entries.size());
      for (std::size_t i = 0; i < chosen.veteran_entries.size(); ++i) {
        EXPECT_EQ(chosen.veteran_entries[i].index,
                  forced.veteran_entries[i].index);
        EXPECT_EQ(chosen.veteran_entries[i].score.score,
                  forced.veteran_entries[i].score.score);
      }
      for (std::size_t i = 0; i < chosen.posting_entries.size(); ++i) {
        EXPECT_EQ(chosen.posting_entries[i].index,
                  forced.posting_entries[i].index);
      }
    }
  }
}

}  // namespace
}  // namespace vetmatch
