#pragma once
// Whether to run a command with glibc's malloc on transparent huge pages.
//
// `report`, `compare`, `statement` and `project` build millions of small objects from large
// result files. On 4 KiB pages each new page of heap is a page fault, and in a virtual machine a
// fault is expensive: a 10^5-row report took 50,000 faults and half its time in them. glibc
// lets malloc ask for 2 MiB pages (the tunable glibc.malloc.hugetlb=1, read only when a process
// starts), which cut that report from 1.8 s to 1.0 s on an AMD EPYC VM. The app restarts such a
// command once with the tunable set (app/self_restart.h); this file holds the decision.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace joulebench {

// Inputs below this many bytes are read before a restart would pay for itself.
inline constexpr std::uintmax_t kHugePageHeapMinInputBytes = 8u << 20;

// The GLIBC_TUNABLES value to restart with, or nothing to run as it is: when the user already
// chose glibc.malloc.hugetlb (any value), when the kernel's transparent huge pages are off
// (`thp_enabled` is the text of /sys/kernel/mm/transparent_hugepage/enabled; "" when unreadable),
// or when the inputs are smaller than kHugePageHeapMinInputBytes. Other tunables are kept.
std::optional<std::string> tunables_for_huge_page_heap(std::optional<std::string_view> current,
                                                       std::string_view thp_enabled,
                                                       std::uintmax_t input_bytes);

}  // namespace joulebench
