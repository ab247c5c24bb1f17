#include "workloads/gemm/gemm_peers.h"

#include <fmt/format.h>

#include <Eigen/Core>
#include <cstdlib>

#include "workloads/gemm/openblas_core.h"
#include "workloads/kernels/cpu_features.h"

namespace joulebench {

std::vector<WorkloadSpec> gemm_peer_workloads() {
  std::vector<WorkloadSpec> specs;
#ifdef JOULEBENCH_HAVE_OPENBLAS
  for (auto& s : gemm_openblas_workloads())
    specs.push_back(std::move(s));
#endif
#ifdef JOULEBENCH_HAVE_ONEDNN
  for (auto& s : gemm_onednn_workloads())
    specs.push_back(std::move(s));
#endif
  return specs;
}

#ifndef JOULEBENCH_HAVE_OPENBLAS
std::string openblas_loaded_core() {
  return "";
}
#endif
#ifndef JOULEBENCH_HAVE_ONEDNN
std::string onednn_effective_isa() {
  return "";
}
#endif

OpenBlasCoreDecision openblas_core_decision() {
  std::string loaded = openblas_loaded_core();
  if (loaded.empty())
    return {};
  const char* own_choice = std::getenv(kOpenBlasOwnChoice);
  if (const char* pretend = std::getenv(kOpenBlasTestOwnChoice); pretend && !own_choice)
    loaded = pretend;
  return decide_openblas_core(loaded, kernels::cpu_features(), std::getenv(kOpenBlasCoreType),
                              own_choice);
}

std::string eigen_simd() {
  // Eigen lists the sets it was compiled for, widest first ("AVX512, FMA, AVX2, AVX, SSE3, ...").
  const std::string all = Eigen::SimdInstructionSetsInUse();
  return all.substr(0, all.find(','));
}

std::string describe_peer_libraries() {
  std::vector<std::string> parts;
  if (const OpenBlasCoreDecision openblas = openblas_core_decision(); !openblas.provenance.empty())
    parts.push_back(fmt::format("openblas: {}", openblas.provenance));
  if (const std::string isa = onednn_effective_isa(); !isa.empty())
    parts.push_back(fmt::format("onednn: effective ISA {}", isa));
  parts.push_back(fmt::format("eigen {}.{}.{}: {}", EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION,
                              EIGEN_MINOR_VERSION, Eigen::SimdInstructionSetsInUse()));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::vector<std::string> gemm_peers_not_built() {
  std::vector<std::string> notes;
#ifndef JOULEBENCH_HAVE_OPENBLAS
  notes.emplace_back("gemm/*/openblas/*: not built (" JOULEBENCH_OPENBLAS_REASON
                     "; install libopenblas-dev "
                     "and reconfigure)");
#endif
#ifndef JOULEBENCH_HAVE_ONEDNN
  notes.emplace_back("gemm/*/onednn/*: not built (" JOULEBENCH_ONEDNN_REASON
                     "; install libdnnl-dev and "
                     "reconfigure)");
#endif
  return notes;
}

}  // namespace joulebench
