// A GoogleTest fixture for end-to-end tests of the vetmatch binary: a fresh
// scratch directory per test (under the system temp directory, named after
// the process and the test, removed afterwards) and run() for the binary.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/run_cli.h"

namespace vetmatch::test_support {

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("vetmatch_") + info->test_suite_name() + "_" +
            std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Runs `vetmatch ARGS` with stdout and stderr captured.
  CliOutcome run(const std::string& args) { return run_vetmatch(args, dir_); }

  std::filesystem::path dir_;
};

}  // namespace vetmatch::test_support
