#pragma once
// The data cache sizes of the CPU the kernels run on: what their blocking is derived from
// (blocking.h). Read once, from Linux's sysfs description of cpu0's caches, else from CPUID
// (leaf 4 on Intel, 0x8000001D or the older 0x80000005/6 on AMD); a size no source gives stays 0
// and blocking_for() uses its documented default for it.

#include <cstddef>
#include <filesystem>
#include <string>

namespace joulebench::kernels {

struct CacheSizes {
  std::size_t l1d = 0;  // bytes per core; 0 = unknown
  std::size_t l2 = 0;   // bytes per core (the L2 a core's thread sees); 0 = unknown
  std::size_t l3 = 0;   // bytes, shared; 0 = unknown (not used by the blocking today)
  std::string source;   // "sysfs", "cpuid", or "" when nothing was read
};

// The caches described under `cache_dir` (normally /sys/devices/system/cpu/cpu0/cache): the
// index*/ folders' level, type (Data or Unified count) and size ("48K", "2048K", "260M").
// Missing or malformed files leave the size 0; never throws.
CacheSizes caches_from_sysfs(const std::filesystem::path& cache_dir);

// The caches CPUID reports on this CPU (all zero on a non-x86 build or when it reports none).
CacheSizes caches_from_cpuid();

// This machine's caches: sysfs, else CPUID. Read on first use, then the same every call.
const CacheSizes& cpu_caches();

// "L1d 48 KiB / L2 1 MiB" (unknown sizes say "?").
std::string describe(const CacheSizes& caches);

}  // namespace joulebench::kernels
