#pragma once
// Pruned GEMM: weights pruned by magnitude (the smallest |w| set to zero) to a given sparsity,
// stored as an Eigen row-major sparse matrix and multiplied with dense activations. Its FLOPs
// are the work done (2 x non-zeros x m), and its rel_error is against the *unpruned* fp64
// product, so the accuracy cost of pruning shows beside its energy saving.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "workloads/gemm/gemm_problem.h"
#include "workloads/workload.h"

namespace joulebench {

class GemmPruned final : public Workload {
 public:
  GemmPruned(GemmShape shape, double sparsity);

  void run() override;
  double flops_per_iteration() const override;
  std::map<std::string, double> quality() const override;
  std::string implementation() const override { return "eigen-sparse"; }

 private:
  GemmInputs inputs_;
  Eigen::SparseMatrix<float, Eigen::RowMajor> w_;  // n x k
  Eigen::MatrixXf c_t_;                            // n x m: C^T = W * A^T
};

// Prune w (count values) in place: the fraction `sparsity` with the smallest magnitude becomes 0.
void prune_by_magnitude(std::vector<float>& w, double sparsity);

// gemm/fp32/eigen-sparse/{1024,2048}/sparsity:{50,90,95}.
std::vector<WorkloadSpec> gemm_pruned_workloads();

}  // namespace joulebench
