#include "workloads/gemm/gemm_fp32_eigen.h"
#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> all_workloads() {
  std::vector<WorkloadSpec> all;
  for (auto& spec : gemm_fp32_eigen_workloads())
    all.push_back(std::move(spec));
  return all;
}

}  // namespace joulebench
