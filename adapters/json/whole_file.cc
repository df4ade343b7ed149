#include "adapters/json/whole_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "adapters/json/input_error.h"

namespace vetmatch {
namespace {

[[noreturn]] void fail(const std::string& path, int error) {
  throw IoError(path, std::string("cannot read: ") + std::strerror(error));
}

// Closes the descriptor on every way out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_whole_file(const std::string& path) {
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail(path, errno);
  struct stat info;
  if (::fstat(fd.get(), &info) != 0) fail(path, errno);
  if (S_ISDIR(info.st_mode)) fail(path, EISDIR);

  std::string contents;
  // Regular files are read in one call of the known size plus some slack
  // (so the probe for the end needs no reallocation); pipes and the like
  // report size 0 and are read in chunks.
  const bool regular = S_ISREG(info.st_mode);
  const std::size_t slack =
      regular ? std::size_t{1} << 16 : std::size_t{1} << 20;
  std::size_t chunk =
      slack + (regular ? static_cast<std::size_t>(info.st_size) : 0);
  std::size_t used = 0;
  for (;;) {
    if (contents.size() < used + chunk) contents.resize(used + chunk);
    const ssize_t n = ::read(fd.get(), contents.data() + used, chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    chunk = slack;
  }
  contents.resize(used);
  return contents;
}

}  // namespace vetmatch
