#pragma once
// Dense single-precision C = A * B through Eigen's blocked product.

#include <Eigen/Core>

#include "workloads/workload.h"

namespace joulebench {

class GemmFp32Eigen final : public Workload {
 public:
  // Square n x n operands filled with seeded random values bounded away from zero (a zero input
  // would let hardware skip work and make the energy figure flatter than real use).
  explicit GemmFp32Eigen(int n, unsigned seed = 42);

  void run() override;
  double flops_per_iteration() const override;

  const Eigen::MatrixXf& result() const { return c_; }

 private:
  int n_;
  Eigen::MatrixXf a_, b_, c_;
};

std::vector<WorkloadSpec> gemm_fp32_eigen_workloads();

}  // namespace joulebench
