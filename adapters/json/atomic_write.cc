#include "adapters/json/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "adapters/json/input_error.h"

namespace vetmatch {
namespace {

std::atomic<unsigned long> temp_counter{0};

[[noreturn]] void fail(const std::string& path, int error) {
  throw IoError(path, std::string("cannot write: ") + std::strerror(error));
}

// Writes all of `data`, retrying short writes and interrupted calls.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Flushes the directory entry of a rename to disk; best effort, as some
// file systems do not support fsync on directories.
void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.empty() ? "." : directory.c_str(),
                        O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view contents) {
  const std::size_t slash = path.rfind('/');
  // directory keeps its trailing slash ("out/", "/"), or is "" for the
  // current directory.
  const std::string directory =
      slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string base =
      slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty() || base == "." || base == "..") fail(path, EISDIR);

  // A temporary in the same directory, so the rename stays on one file
  // system; pid and counter keep concurrent writers apart.
  const std::string temp = directory + "." + base + ".tmp." +
                           std::to_string(::getpid()) + "." +
                           std::to_string(temp_counter.fetch_add(1));
  const int fd = ::open(
      temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(path, errno);

  int error = 0;
  if (!write_all(fd, contents) || ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());
    fail(path, error);
  }
  sync_directory(directory);
}

}  // namespace vetmatch
