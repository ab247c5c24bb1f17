#pragma once
// Which OpenBLAS core a peer row ran, and whether it is the best this CPU supports. Debian's
// OpenBLAS is built with DYNAMIC_ARCH: at load it picks a core (a kernel set) from the CPU's
// model, and on a CPU newer than its tables it falls back to an older one (0.3.21 runs Haswell
// kernels on AMD Zen 5 and Prescott's SSE3 kernels on Intel Emerald Rapids, at half or a fifth
// of the speed the CPU allows). A comparison with such a peer is not fair, so joulebench runs it
// on the best core this CPU supports and says so. The choice is made here, without OpenBLAS,
// so it is testable for any CPU.

#include <string>
#include <string_view>

#include "workloads/kernels/cpu_features.h"

namespace joulebench {

// OpenBLAS's x86-64 cores by the widest vector instructions their kernels use.
enum class OpenBlasTier { unknown, sse, avx, avx2, avx512 };

OpenBlasTier openblas_core_tier(std::string_view core);

// The core OpenBLAS ships for the widest instructions `cpu` has: "SkylakeX" (AVX-512 F, BW, VL
// and DQ), "Haswell" (AVX2 with FMA), or "" (neither: OpenBLAS's own choice stands).
std::string best_openblas_core(const kernels::CpuFeatures& cpu);

// The environment variable OpenBLAS reads when it loads, and the one joulebench sets beside it
// when it restarts itself, holding the core OpenBLAS had chosen (for the provenance).
inline constexpr const char* kOpenBlasCoreType = "OPENBLAS_CORETYPE";
inline constexpr const char* kOpenBlasOwnChoice = "JOULEBENCH_OPENBLAS_OWN_CORE";
// For tests only: the core to take as OpenBLAS's own choice in a process joulebench has not
// restarted, so the restart can be tested on a CPU that OpenBLAS knows.
inline constexpr const char* kOpenBlasTestOwnChoice = "JOULEBENCH_TEST_OPENBLAS_OWN_CORE";

struct OpenBlasCoreDecision {
  std::string loaded;  // the core OpenBLAS loaded in this process
  // Non-empty: set OPENBLAS_CORETYPE to this and restart, OpenBLAS then loads that core.
  std::string restart_with;
  // How the loaded core came to be, for the run's context ("core SkylakeX: ...").
  std::string provenance;
  // The loaded core is below what this CPU supports (and nothing will change that).
  bool fallback = false;
};

// `loaded`: openblas_get_corename() now. `user_core_type`: OPENBLAS_CORETYPE as the process
// found it (nullptr: unset). `own_choice`: JOULEBENCH_OPENBLAS_OWN_CORE (nullptr: this process
// was not restarted by joulebench).
OpenBlasCoreDecision decide_openblas_core(std::string_view loaded, const kernels::CpuFeatures& cpu,
                                          const char* user_core_type, const char* own_choice);

}  // namespace joulebench
