#pragma once
// What the CPU estimate needs to know about the machine's CPUs, from /proc/cpuinfo (any path,
// through the file-system seam), and the CPU's TDP looked up by its model name.

#include <optional>
#include <string>
#include <string_view>

#include "harness/system/cpu_tdp_table.h"
#include "harness/system/file_system.h"

namespace joulebench {

struct CpuInfo {
  std::string model;     // first "model name"; empty when absent (e.g. some ARM kernels)
  int sockets = 1;       // distinct "physical id" values; 1 when the kernel shows none
  int logical_cpus = 1;  // "processor" entries
};

CpuInfo read_cpu_info(const std::string& path = "/proc/cpuinfo",
                      const FileSystem& fs = real_file_system());

// Lower case, trademarks, "CPU", "Processor", "N-Core" and the "@ 2.30GHz" clock dropped,
// punctuation other than '-' turned into spaces: "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz"
// and "Intel Xeon Platinum 8380" both become "intel xeon platinum 8380".
std::string normalise_cpu_model(std::string_view model);

// The row whose normalised name equals the model's; failing that, the longest row (three words
// or more, one of them holding a digit) whose words all appear in the model's. No row for a
// model without a number ("AMD EPYC" in a VM): a guess there would be a made-up figure.
std::optional<CpuTdpRow> match_cpu_tdp(std::string_view model);

}  // namespace joulebench
