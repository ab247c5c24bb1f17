#pragma once
// Facts about the machine recorded beside every result, read from /proc, /etc and uname. The
// file reads go through the file-system seam, so tests can give any /proc/cpuinfo and
// /etc/machine-id.

#include <cstdint>
#include <string>
#include <string_view>

#include "harness/system/file_system.h"

namespace joulebench {

struct HostInfo {
  std::string host_name;
  std::string cpu_model;  // "model name" of /proc/cpuinfo, or "unknown"
  int logical_cpus = 1;   // "processor" entries of /proc/cpuinfo
  std::string kernel;     // uname release
  // 12 hex digits naming the machine (machine_id below); stabler than the host name, which
  // every cloud VM may share ("vm", "localhost").
  std::string machine_id;
};

struct HostInfoPaths {
  std::string cpuinfo = "/proc/cpuinfo";
  std::string machine_id = "/etc/machine-id";
};

HostInfo read_host_info(const FileSystem& fs = real_file_system(), const HostInfoPaths& paths = {});

// 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211): defined by its
// constants, so the same text hashes the same in every build, unlike std::hash.
std::uint64_t fnv1a_64(std::string_view text);

// The machine's short id: the low 48 bits (12 hex digits) of fnv1a_64 over "joulebench:" and
// the contents of /etc/machine-id (trimmed) when it holds any; else over host name, CPU model
// and logical CPU count, one per line. The prefix keeps the id from matching other programs'
// hashes of the same machine-id (systemd asks that it not be exposed as it is).
std::string machine_id(std::string_view machine_id_file, std::string_view host_name,
                       std::string_view cpu_model, int logical_cpus);

// The compiler this binary was built with, e.g. "GCC 12.2.0".
std::string compiler_description();

}  // namespace joulebench
