#include "workloads/gemm/gemm_peers.h"

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
