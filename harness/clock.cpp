#include "harness/clock.h"

#include <time.h>

namespace joulebench {
namespace {

Seconds read_clock(clockid_t id) noexcept {
  timespec ts{};
  ::clock_gettime(id, &ts);
  return Seconds{static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9};
}

}  // namespace

Seconds steady_now() noexcept {
  return read_clock(CLOCK_MONOTONIC);
}
Seconds process_cpu_now() noexcept {
  return read_clock(CLOCK_PROCESS_CPUTIME_ID);
}

}  // namespace joulebench
