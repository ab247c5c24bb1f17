#pragma once
// The few /proc figures the estimate samples on every read: machine CPU time (/proc/stat), memory
// in use by the machine (/proc/meminfo) and by this process (/proc/self/statm). Paths go
// through the file-system seam so tests can script them. Each read returns std::nullopt when the
// file is missing or malformed; none throws.

#include <cstdint>
#include <optional>
#include <string>

#include "harness/system/file_system.h"

namespace joulebench {

struct MachineCpuTicks {
  std::uint64_t busy = 0;   // user + nice + system + irq + softirq + steal
  std::uint64_t total = 0;  // busy + idle + iowait
};

std::optional<MachineCpuTicks> read_machine_cpu_ticks(const std::string& stat_path,
                                                      const FileSystem& fs) noexcept;
// MemTotal - MemAvailable, in GB (1e9 bytes).
std::optional<double> read_machine_memory_in_use_gb(const std::string& meminfo_path,
                                                    const FileSystem& fs) noexcept;
// Resident set size of this process, in GB (1e9 bytes).
std::optional<double> read_process_resident_gb(const std::string& statm_path,
                                               const FileSystem& fs) noexcept;

}  // namespace joulebench
