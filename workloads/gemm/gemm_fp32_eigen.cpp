#include "workloads/gemm/gemm_fp32_eigen.h"

#include <fmt/format.h>

#include <random>

#include "workloads/random_matrix.h"

namespace joulebench {

GemmFp32Eigen::GemmFp32Eigen(int n, unsigned seed)
    : n_(n),
      a_(random_nonzero_matrix<float>(n, n, seed)),
      b_(random_nonzero_matrix<float>(n, n, seed + 1)),
      c_(Eigen::MatrixXf::Zero(n, n)) {}

void GemmFp32Eigen::run() {
  c_.noalias() = a_ * b_;
}

double GemmFp32Eigen::flops_per_iteration() const {
  const auto n = static_cast<double>(n_);
  return 2.0 * n * n * n;
}

std::vector<WorkloadSpec> gemm_fp32_eigen_workloads() {
  std::vector<WorkloadSpec> specs;
  for (int n : {128, 256, 512, 1024}) {
    specs.push_back({fmt::format("gemm/fp32/eigen/{}", n),
                     fmt::format("C = A*B, {0}x{0} fp32, Eigen blocked product", n),
                     [n] { return std::make_unique<GemmFp32Eigen>(n); }});
  }
  return specs;
}

}  // namespace joulebench
