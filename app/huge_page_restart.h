#pragma once
// Commands that read large result files restart once with glibc's malloc on transparent huge
// pages (common/huge_page_heap.h says why and when).

#include <string>
#include <vector>

namespace joulebench::cli {

// Call first in such a command, before any input is read (a pipe read before a restart would be
// lost to it). Returns when no restart is worth it or when it failed (quietly: only speed is at
// stake); otherwise the process is replaced and this never returns.
void restart_with_huge_page_heap(const std::vector<std::string>& input_paths);

}  // namespace joulebench::cli
