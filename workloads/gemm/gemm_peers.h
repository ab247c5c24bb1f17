#pragma once
// The same GEMMs through the libraries people deploy, as peers under the same names with their
// backend tag: gemm/{fp32,fp64}/openblas/..., gemm/{fp32,bf16,int8}/onednn/.... Built only when
// CMake found the library (JOULEBENCH_OPENBLAS / JOULEBENCH_ONEDNN).

#include <string>
#include <vector>

#include "workloads/gemm/openblas_core.h"
#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> gemm_peer_workloads();
// One line per peer this build left out, with the reason.
std::vector<std::string> gemm_peers_not_built();

std::vector<WorkloadSpec> gemm_openblas_workloads();
std::vector<WorkloadSpec> gemm_onednn_workloads();

// The core the OpenBLAS this binary links loaded (openblas_get_corename), or "" when it links
// none. OpenBLAS picks it when the process starts (openblas_core.h).
std::string openblas_loaded_core();
// How the OpenBLAS rows' core came to be and whether it is a fallback (openblas_core.h), from
// the loaded core, this CPU and the environment; empty provenance without OpenBLAS.
OpenBlasCoreDecision openblas_core_decision();

// One line for the run context: what each peer library runs on this CPU (OpenBLAS's core and
// threads, oneDNN's ISA, Eigen's SIMD), so a reader can tell a fair comparison from one against
// a crippled peer. The rows' labels name the same.
std::string describe_peer_libraries();
// oneDNN's effective ISA on this CPU (dnnl_get_effective_cpu_isa, e.g. "avx512_core_bf16"),
// or "" when this binary links no oneDNN.
std::string onednn_effective_isa();
// Eigen's widest SIMD instruction set in this build ("AVX512", "AVX2", "SSE2", ...).
std::string eigen_simd();

}  // namespace joulebench
