#pragma once
// The same GEMMs through the libraries people deploy, as peers under the same names with their
// backend tag: gemm/{fp32,fp64}/openblas/..., gemm/{fp32,bf16,int8}/onednn/.... Built only when
// CMake found the library (JOULEBENCH_OPENBLAS / JOULEBENCH_ONEDNN).

#include <string>
#include <vector>

#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> gemm_peer_workloads();
// One line per peer this build left out, with the reason.
std::vector<std::string> gemm_peers_not_built();

std::vector<WorkloadSpec> gemm_openblas_workloads();
std::vector<WorkloadSpec> gemm_onednn_workloads();

}  // namespace joulebench
