#include "app/openblas_restart.h"

#include <fmt/format.h>

#include <string>

#include "app/self_restart.h"
#include "workloads/gemm/gemm_peers.h"

namespace joulebench::cli {

void restart_on_best_openblas_core() {
  const OpenBlasCoreDecision decision = openblas_core_decision();
  if (decision.restart_with.empty())
    return;
  const std::string reason = restart_self_with(
      {{kOpenBlasCoreType, decision.restart_with}, {kOpenBlasOwnChoice, decision.loaded}});
  fmt::print(stderr,
             "joulebench run: could not restart with {}={} ({}); the OpenBLAS rows run core {}, "
             "a fallback on this CPU\n",
             kOpenBlasCoreType, decision.restart_with, reason, decision.loaded);
}

}  // namespace joulebench::cli
