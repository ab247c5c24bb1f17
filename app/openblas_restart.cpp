#include "app/openblas_restart.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "workloads/gemm/gemm_peers.h"

namespace joulebench::cli {
namespace {

// This process's arguments as the kernel holds them: the same argv, without plumbing it here.
std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t start = 0; start < all.size();) {
    const std::size_t end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return args;
}

}  // namespace

void restart_on_best_openblas_core() {
  const OpenBlasCoreDecision decision = openblas_core_decision();
  if (decision.restart_with.empty())
    return;
  const std::string& loaded = decision.loaded;
  std::vector<std::string> args = own_arguments();
  if (!args.empty() && ::setenv(kOpenBlasCoreType, decision.restart_with.c_str(), 1) == 0 &&
      ::setenv(kOpenBlasOwnChoice, loaded.c_str(), 1) == 0) {
    std::vector<char*> argv;
    for (std::string& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv("/proc/self/exe", argv.data());
  }
  const int error = errno;
  ::unsetenv(kOpenBlasCoreType);
  ::unsetenv(kOpenBlasOwnChoice);
  fmt::print(stderr,
             "joulebench run: could not restart with {}={} ({}); the OpenBLAS rows run core {}, "
             "a fallback on this CPU\n",
             kOpenBlasCoreType, decision.restart_with, std::strerror(error), loaded);
}

}  // namespace joulebench::cli
