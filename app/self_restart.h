#pragma once
// Restarting this process as itself, with more in its environment: for settings a library reads
// only when the process starts (OpenBLAS's core, glibc's malloc tunables).

#include <string>
#include <utility>
#include <vector>

namespace joulebench::cli {

using EnvironmentSetting = std::pair<std::string, std::string>;  // name, value

// Replaces the process with the same executable and arguments and `settings` added to its
// environment. Returns only when that failed: then with the environment as it was and the reason.
std::string restart_self_with(const std::vector<EnvironmentSetting>& settings);

}  // namespace joulebench::cli
