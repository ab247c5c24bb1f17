#pragma once
// OpenBLAS picks its core once, when the process loads it, from OPENBLAS_CORETYPE or else from
// its CPU tables, which do not know newer CPUs (workloads/gemm/openblas_core.h). So `run`
// restarts itself, once, with OPENBLAS_CORETYPE set to the best core this CPU supports when
// OpenBLAS loaded a lesser one and the user set none. This covers every OpenBLAS in the process,
// LibTorch's too. The run context records what happened (joulebench_peer_libraries).

namespace joulebench::cli {

// Returns when no restart is needed, or when it failed (then says so on stderr, and the rows
// say their core is a fallback). Otherwise the process is replaced and this never returns.
void restart_on_best_openblas_core();

}  // namespace joulebench::cli
