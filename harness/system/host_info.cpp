#include "harness/system/host_info.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>

namespace joulebench {
namespace {

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t");
  const auto last = s.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

std::string cpu_model_from_proc() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos)
        return trim(line.substr(colon + 1));
    }
  }
  return "unknown";
}

}  // namespace

HostInfo read_host_info() {
  HostInfo info;
  char name[256] = {};
  info.host_name = ::gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
  info.cpu_model = cpu_model_from_proc();
  utsname u{};
  info.kernel = ::uname(&u) == 0 ? std::string(u.sysname) + " " + u.release : "unknown";
  return info;
}

std::string compiler_description() {
#if defined(__clang__)
  return fmt::format("Clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("GCC {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown";
#endif
}

}  // namespace joulebench
