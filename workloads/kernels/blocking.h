#pragma once
// Cache blocking derived from the CPU at hand: how much of k one block covers (kc) and how many
// weight panels one n block covers (nc), per kernel path, from the data cache sizes
// (cache_sizes.h) and the path's register tile (detail/register_tiles.h). A pure function, so
// tests feed it any CPU's caches; the kernels call it with cpu_caches().

#include <string>

#include "workloads/kernels/cache_sizes.h"
#include "workloads/kernels/cpu_features.h"

namespace joulebench::kernels {

struct Blocking {
  int kc_groups = 0;  // k groups per k block; 0 = all of k (integer accumulators)
  int nc_panels = 1;  // 32-output weight panels per n block
  int group = 1;      // k values per group (fp32 1, bf16 2, int8/int4 4), for describe()
};

// Sizes blocking_for() assumes for a cache that is unknown (0) or outside a plausible range
// (L1d 8 KiB..2 MiB, L2 128 KiB..64 MiB): the AMD Zen 5 core the constants were measured on, so
// a CPU that reports nothing gets exactly the blocking measured there.
inline constexpr std::size_t kDefaultL1dBytes = 48 << 10;
inline constexpr std::size_t kDefaultL2Bytes = 1 << 20;

// The blocking of `path` at `precision` on a CPU with `caches`. A path/precision pair that
// path_for() never chooses (say avx2 with bf16) gets the portable path's blocking.
Blocking blocking_for(KernelPath path, Precision precision, const CacheSizes& caches);

// "kc 2048, nc 32 panels", kc in k values ("kc all of k" for the integer paths).
std::string describe(const Blocking& blocking);

}  // namespace joulebench::kernels
