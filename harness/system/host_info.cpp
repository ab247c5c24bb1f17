#include "harness/system/host_info.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "harness/system/cpu_info.h"

namespace joulebench {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string machine_id(std::string_view machine_id_file, std::string_view host_name,
                       std::string_view cpu_model, int logical_cpus) {
  const std::string_view id = trim(machine_id_file);
  const std::string text = id.empty()
                               ? fmt::format("{}\n{}\n{}", host_name, cpu_model, logical_cpus)
                               : fmt::format("joulebench:{}", id);
  return fmt::format("{:012x}", fnv1a_64(text) & 0xffff'ffff'ffffull);
}

HostInfo read_host_info(const FileSystem& fs, const HostInfoPaths& paths) {
  HostInfo info;
  char name[256] = {};
  info.host_name = ::gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
  const CpuInfo cpu = read_cpu_info(paths.cpuinfo, fs);
  info.cpu_model = cpu.model.empty() ? "unknown" : cpu.model;
  info.logical_cpus = cpu.logical_cpus;
  utsname u{};
  info.kernel = ::uname(&u) == 0 ? std::string(u.sysname) + " " + u.release : "unknown";
  const FileText id = fs.read_text(paths.machine_id);
  info.machine_id = machine_id(id.ok() ? id.text : std::string(), info.host_name, info.cpu_model,
                               info.logical_cpus);
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
