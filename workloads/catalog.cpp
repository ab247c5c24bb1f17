#include <regex>
#include <stdexcept>

#include "workloads/gemm/gemm_fp32_eigen.h"
#include "workloads/mlp/mlp_workloads.h"
#include "workloads/workload.h"

namespace joulebench {

std::vector<WorkloadSpec> all_workloads() {
  std::vector<WorkloadSpec> all;
  for (auto& spec : gemm_fp32_eigen_workloads())
    all.push_back(std::move(spec));
  for (auto& spec : mlp_workloads())
    all.push_back(std::move(spec));
  return all;
}

std::vector<WorkloadSpec> select_workloads(const std::string& regex) {
  std::regex pattern;
  try {
    pattern = std::regex(regex);
  } catch (const std::regex_error& e) {
    throw std::runtime_error("--filter '" + regex + "' is not a valid regex: " + e.what());
  }
  std::vector<WorkloadSpec> selected;
  for (WorkloadSpec& spec : all_workloads()) {
    if (std::regex_search(spec.name, pattern))
      selected.push_back(std::move(spec));
  }
  return selected;
}

}  // namespace joulebench
