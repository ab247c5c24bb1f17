#include "app/self_restart.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

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

std::string restart_self_with(const std::vector<EnvironmentSetting>& settings) {
  std::vector<std::string> args = own_arguments();
  if (args.empty())
    return "cannot read /proc/self/cmdline";
  std::vector<std::optional<std::string>> before;
  for (const auto& [name, value] : settings) {
    const char* old = std::getenv(name.c_str());
    before.push_back(old ? std::optional<std::string>(old) : std::nullopt);
  }
  int error = 0;
  for (const auto& [name, value] : settings) {
    if (::setenv(name.c_str(), value.c_str(), 1) != 0) {
      error = errno;
      break;
    }
  }
  if (error == 0) {
    std::vector<char*> argv;
    for (std::string& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv("/proc/self/exe", argv.data());
    error = errno;
  }
  for (std::size_t i = 0; i < settings.size(); ++i) {
    if (before[i])
      ::setenv(settings[i].first.c_str(), before[i]->c_str(), 1);
    else
      ::unsetenv(settings[i].first.c_str());
  }
  return std::strerror(error);
}

}  // namespace joulebench::cli
