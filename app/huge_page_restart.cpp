#include "app/huge_page_restart.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "app/self_restart.h"
#include "common/huge_page_heap.h"

namespace joulebench::cli {
namespace {

// Regular files only: a pipe says no size, and stat opens nothing (a FIFO would wait).
std::uintmax_t regular_file_bytes(const std::vector<std::string>& paths) {
  std::uintmax_t total = 0;
  for (const std::string& path : paths) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode))
      total += static_cast<std::uintmax_t>(info.st_size);
  }
  return total;
}

std::string transparent_huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

void restart_with_huge_page_heap(const std::vector<std::string>& input_paths) {
  const char* current = std::getenv("GLIBC_TUNABLES");
  const auto tunables =
      tunables_for_huge_page_heap(current ? std::optional<std::string_view>(current) : std::nullopt,
                                  transparent_huge_page_mode(), regular_file_bytes(input_paths));
  if (tunables)
    restart_self_with({{"GLIBC_TUNABLES", *tunables}});
}

}  // namespace joulebench::cli
