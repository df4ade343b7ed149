// write_file_atomically (adapters/json/atomic_write): new and replaced files
// hold exactly the contents, no temporary is left behind, and every failure
// (missing or unwritable directory, a directory as target) is an IoError
// naming the target that leaves an existing file untouched.
#include "adapters/json/atomic_write.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/json/input_error.h"

namespace vetmatch {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class AtomicWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vetmatch_atomic_write_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  // Names in dir_ other than `keep`.
  std::vector<std::string> others(const std::string& keep) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      if (name != keep) names.push_back(name);
    }
    return names;
  }

  void expect_io_error_naming(const std::string& path) {
    try {
      write_file_atomically(path, "new contents");
      FAIL() << "no IoError for " << path;
    } catch (const IoError& e) {
      EXPECT_EQ(e.file(), path);
      const std::string what = e.what();
      EXPECT_EQ(what.rfind(path + ": cannot write: ", 0), 0u) << what;
    }
  }

  fs::path dir_;
};

TEST_F(AtomicWriteTest, WritesANewFile) {
  const fs::path target = dir_ / "out.json";
  const std::string contents = std::string("{\"a\": 1}\n") + '\0' + "tail";
  write_file_atomically(target.string(), contents);
  EXPECT_EQ(slurp(target), contents);
  EXPECT_TRUE(others("out.json").empty());
}

TEST_F(AtomicWriteTest, ReplacesAnExistingFileWhole) {
  const fs::path target = dir_ / "out.json";
  write_file_atomically(target.string(), std::string(100000, 'x'));
  write_file_atomically(target.string(), "short");
  EXPECT_EQ(slurp(target), "short");
  write_file_atomically(target.string(), "");
  EXPECT_EQ(slurp(target), "");
  EXPECT_TRUE(others("out.json").empty());
}

TEST_F(AtomicWriteTest, WritesLargeContents) {
  const fs::path target = dir_ / "big.json";
  std::string contents(64 << 20, 'y');
  contents.back() = '\n';
  write_file_atomically(target.string(), contents);
  EXPECT_EQ(fs::file_size(target), contents.size());
}

TEST_F(AtomicWriteTest, RelativePathsWriteIntoTheCurrentDirectory) {
  const fs::path old = fs::current_path();
  fs::current_path(dir_);
  write_file_atomically("relative.json", "r");
  fs::current_path(old);
  EXPECT_EQ(slurp(dir_ / "relative.json"), "r");
  EXPECT_TRUE(others("relative.json").empty());
}

TEST_F(AtomicWriteTest, MissingDirectoryIsAnIoError) {
  expect_io_error_naming((dir_ / "no-such-dir" / "out.json").string());
  expect_io_error_naming("/nonexistent-dir/out.json");
}

TEST_F(AtomicWriteTest, DirectoryTargetIsAnIoErrorAndLeavesNoTemporary) {
  fs::create_directories(dir_ / "sub" / "inner");
  expect_io_error_naming((dir_ / "sub").string());
  expect_io_error_naming(dir_.string() + "/");
  expect_io_error_naming(dir_.string() + "/.");
  EXPECT_EQ(others("sub"), std::vector<std::string>{});
  EXPECT_TRUE(fs::is_directory(dir_ / "sub" / "inner"));
}

TEST_F(AtomicWriteTest, UnwritableDirectoryIsAnIoErrorAndKeepsTheFile) {
  const fs::path target = dir_ / "out.json";
  write_file_atomically(target.string(), "old");
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  if (::access(dir_.c_str(), W_OK) == 0) {
    fs::permissions(dir_, fs::perms::owner_all);
    GTEST_SKIP() << "running with privileges that ignore permissions";
  }
  expect_io_error_naming(target.string());
  fs::permissions(dir_, fs::perms::owner_all);
  EXPECT_EQ(slurp(target), "old");
  EXPECT_TRUE(others("out.json").empty());
}

TEST_F(AtomicWriteTest, AFileUsedAsADirectoryIsAnIoError) {
  write_file_atomically((dir_ / "plain").string(), "x");
  expect_io_error_naming((dir_ / "plain" / "out.json").string());
  EXPECT_EQ(slurp(dir_ / "plain"), "x");
}

TEST_F(AtomicWriteTest, ConcurrentWritersNeverMixContents) {
  const fs::path target = dir_ / "out.json";
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      const std::string contents(10000 + t, static_cast<char>('a' + t));
      for (int i = 0; i < 20; ++i) {
        write_file_atomically(target.string(), contents);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const std::string final_contents = slurp(target);
  ASSERT_FALSE(final_contents.empty());
  EXPECT_EQ(final_contents,
            std::string(final_contents.size(), final_contents.front()));
  EXPECT_EQ(final_contents.size(),
            10000u + static_cast<unsigned>(final_contents.front() - 'a'));
  EXPECT_TRUE(others("out.json").empty());
}

}  // namespace
}  // namespace vetmatch
