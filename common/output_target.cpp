#include "common/output_target.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/commit_window_seam.h"
#include "common/interrupt_cleanup.h"

namespace joulebench {
namespace {

// As the kernel's own limit on links followed in one lookup (MAXSYMLINKS).
constexpr int kMaxLinkHops = 40;

std::string describe_node(mode_t mode) {
  if (S_ISDIR(mode))
    return "a directory, not a file";
  if (S_ISBLK(mode))
    return "a block device; joulebench writes only regular files, character devices and FIFOs";
  if (S_ISSOCK(mode))
    return "a socket; joulebench writes only regular files, character devices and FIFOs";
  return "not a regular file, character device or FIFO";
}

bool is_stream(mode_t mode) {
  return S_ISCHR(mode) || S_ISFIFO(mode);
}

[[noreturn]] void refuse(const std::filesystem::path& given, mode_t mode) {
  throw std::runtime_error(fmt::format("{} is {}", given.string(), describe_node(mode)));
}

void write_stream(const std::filesystem::path& given, std::string_view contents) {
  const StreamingOutput streaming;
  // A FIFO without a reader blocks here, as any writer to it would; an interrupt still ends it.
  const int fd = ::open(given.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", given.string(), std::strerror(errno)));
  }
  struct stat st {};
  // The node may have been swapped for another kind between the check and the open.
  if (::fstat(fd, &st) != 0 || !is_stream(st.st_mode)) {
    ::close(fd);
    throw std::runtime_error(
        fmt::format("cannot write {}: it changed while being opened", given.string()));
  }
  try {
    hold_commit_window_for_tests();
    write_all(fd, contents, given);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

void write_standard_output(std::string_view contents) {
  std::cout.flush();
  std::fflush(stdout);
  const StreamingOutput streaming;
  hold_commit_window_for_tests();
  write_all(STDOUT_FILENO, contents, "standard output");
}

}  // namespace

OutputTarget resolve_output_target(const std::filesystem::path& given) {
  if (given.empty())
    throw std::runtime_error("empty output path");
  if (given == "-")
    return {OutputKind::kStandardOutput, given};
  std::filesystem::path path = given;
  for (int hops = 0;; ++hops) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      if (errno == ENOENT)
        return {OutputKind::kRegularFile, path};  // created by the write
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", given.string(), std::strerror(errno)));
    }
    if (S_ISREG(st.st_mode))
      return {OutputKind::kRegularFile, path};
    if (is_stream(st.st_mode))
      return {OutputKind::kStream, given};
    if (!S_ISLNK(st.st_mode))
      refuse(given, st.st_mode);
    // What the link leads to, if anything: /proc's links (/dev/stdout -> /proc/self/fd/1 ->
    // "pipe:[123]") name no path, but stat() follows them to the open file itself.
    struct stat followed {};
    if (::stat(path.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode)) {
      if (is_stream(followed.st_mode))
        return {OutputKind::kStream, given};
      refuse(given, followed.st_mode);
    }
    if (hops == kMaxLinkHops) {
      throw std::runtime_error(
          fmt::format("cannot write {}: too many levels of symbolic links", given.string()));
    }
    // A regular file or nothing yet (a dangling link): follow one hop, as a shell's `>` would.
    std::error_code error;
    const std::filesystem::path next = std::filesystem::read_symlink(path, error);
    if (error) {
      throw std::runtime_error(fmt::format("cannot write {}: {}", given.string(), error.message()));
    }
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
}

void write_output(const std::filesystem::path& given, std::string_view contents) {
  const OutputTarget target = resolve_output_target(given);
  switch (target.kind) {
    case OutputKind::kStandardOutput:
      write_standard_output(contents);
      return;
    case OutputKind::kStream:
      write_stream(given, contents);
      return;
    case OutputKind::kRegularFile:
      write_file_atomically(given, contents);
      return;
  }
}

}  // namespace joulebench
