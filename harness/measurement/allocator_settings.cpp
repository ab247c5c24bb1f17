#include "harness/measurement/allocator_settings.h"

#include <malloc.h>

namespace joulebench {

// glibc returns freed memory to the kernel and maps fresh pages for large blocks; Eigen
// allocates its packing buffers on every product, so early in a process each product paid for
// page faults and fp32 GEMM measured 20-34% slow at small sizes (59 instead of 89 GFLOP/s at
// N=256; see PERF-NOTES). Keeping freed
// memory in the heap makes the first benchmark as fast as the last. This is part of the
// measurement, not of the `joulebench` binary: a JOULEBENCH_MAIN program measured without it
// would time its early benchmarks differently from `joulebench run`.
void keep_freed_memory_in_heap() {
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
}

}  // namespace joulebench
