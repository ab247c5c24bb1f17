#include "harness/system/file_system.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace joulebench {
namespace {

class RealFileSystem final : public FileSystem {
 public:
  FileText read_text(const std::string& path) const noexcept override {
    FileText out;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      out.error = errno;
      return out;
    }
    // sysfs attributes are at most a page; procfs files we read are a few lines.
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        out.error = errno;
        break;
      }
      if (n == 0)
        break;
      out.text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
  }

  std::vector<std::string> list_directory(const std::string& path) const override {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end;
         it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    return names;
  }

  bool exists(const std::string& path) const override {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  }
};

}  // namespace

const FileSystem& real_file_system() {
  static const RealFileSystem instance;
  return instance;
}

std::string first_line(const FileText& file) {
  if (!file.ok())
    return {};
  const std::size_t end = file.text.find('\n');
  return file.text.substr(0, end);
}

}  // namespace joulebench
