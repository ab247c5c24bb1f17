#include <regex>
#include <stdexcept>

#include "workloads/gemm/gemm_eigen.h"
#include "workloads/gemm/gemm_kernels.h"
#include "workloads/gemm/gemm_peers.h"
#include "workloads/gemm/gemm_pruned.h"
#include "workloads/mlp/mlp_workloads.h"
#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> all_workloads() {
  std::vector<WorkloadSpec> all;
  for (auto* group : {&gemm_eigen_workloads, &gemm_kernel_workloads, &gemm_peer_workloads,
                      &gemm_pruned_workloads, &mlp_workloads}) {
    for (auto& spec : (*group)())
      all.push_back(std::move(spec));
  }
  return all;
}

std::vector<std::string> workloads_not_built() {
  return gemm_peers_not_built();
}

std::vector<WorkloadSpec> select_workloads(const std::string& regex, bool include_all) {
  std::regex pattern;
  try {
    pattern = std::regex(regex);
  } catch (const std::regex_error& e) {
    throw std::runtime_error("--filter '" + regex + "' is not a valid regex: " + e.what());
  }
  std::vector<WorkloadSpec> selected;
  for (WorkloadSpec& spec : all_workloads()) {
    const bool wanted = regex.empty() ? include_all || spec.in_default_suite
                                      : std::regex_search(spec.name, pattern);
    if (wanted)
      selected.push_back(std::move(spec));
  }
  return selected;
}

}  // namespace joulebench
