#include "common/huge_page_heap.h"

namespace joulebench {

std::optional<std::string> tunables_for_huge_page_heap(std::optional<std::string_view> current,
                                                       std::string_view thp_enabled,
                                                       std::uintmax_t input_bytes) {
  constexpr std::string_view kTunable = "glibc.malloc.hugetlb";
  if (input_bytes < kHugePageHeapMinInputBytes)
    return std::nullopt;
  // The kernel marks its mode in brackets: "always [madvise] never". glibc's hugetlb=1 asks with
  // madvise, which both "always" and "madvise" honour.
  if (thp_enabled.find("[always]") == std::string_view::npos &&
      thp_enabled.find("[madvise]") == std::string_view::npos)
    return std::nullopt;
  if (current && current->find(kTunable) != std::string_view::npos)
    return std::nullopt;  // the user's choice, or this process is the restarted one
  std::string tunables(current.value_or(""));
  if (!tunables.empty())
    tunables += ':';
  tunables += kTunable;
  tunables += "=1";
  return tunables;
}

}  // namespace joulebench
