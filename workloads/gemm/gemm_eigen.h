#pragma once
// Dense C = A * B through Eigen's blocked product, fp32 and fp64 (Eigen's own fast paths).

#include <Eigen/Core>

#include "workloads/gemm/gemm_peers.h"
#include "workloads/gemm/gemm_problem.h"
#include "workloads/workload.h"

namespace joulebench {

template <class Scalar>
class GemmEigen final : public Workload {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  // threads: Eigen's OpenMP threads (Eigen::setNbThreads), set before every product because the
  // setting is process-wide.
  GemmEigen(GemmShape shape, int threads);

  void run() override;
  double flops_per_iteration() const override { return inputs_.shape.flops(); }
  std::map<std::string, double> quality() const override;
  // Eigen's SIMD is fixed when it is compiled (-march), not chosen at run time.
  std::string implementation() const override { return "eigen " + eigen_simd(); }

  const Matrix& result() const { return c_; }

 private:
  GemmInputs inputs_;
  int threads_;
  Matrix a_, b_, c_;
};

// gemm/fp32/eigen/{128..2048}, gemm/fp64/eigen/..., [/threads:2].
std::vector<WorkloadSpec> gemm_eigen_workloads();

}  // namespace joulebench
