#pragma once
// Facts about the machine recorded beside every result, read from /proc and uname.

#include <string>

namespace joulebench {

struct HostInfo {
  std::string host_name;
  std::string cpu_model;  // "model name" of /proc/cpuinfo, or "unknown"
  std::string kernel;     // uname release
};

HostInfo read_host_info();

// The compiler this binary was built with, e.g. "GCC 12.2.0".
std::string compiler_description();

}  // namespace joulebench
