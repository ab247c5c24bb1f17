#pragma once
// The allocator settings every measured run uses, so that a benchmark's time and energy do not
// depend on where in the process it runs.

namespace joulebench {

// Keeps freed memory in the heap instead of returning it to the kernel (glibc mallopt). Call
// before the benchmarks allocate; calling it again changes nothing.
void keep_freed_memory_in_heap();

}  // namespace joulebench
