#pragma once
// The clocks meters read, behind plain function pointers so tests can substitute scripted ones.

#include "common/units.h"

namespace joulebench {

using ClockFn = Seconds (*)() noexcept;

// CLOCK_MONOTONIC: wall time that never jumps.
Seconds steady_now() noexcept;
// CLOCK_PROCESS_CPUTIME_ID: CPU time of all threads of this process.
Seconds process_cpu_now() noexcept;

}  // namespace joulebench
