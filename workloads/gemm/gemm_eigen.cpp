#include "workloads/gemm/gemm_eigen.h"

#include <fmt/format.h>

#include <Eigen/Core>

namespace joulebench {

template <class Scalar>
GemmEigen<Scalar>::GemmEigen(GemmShape shape, int threads) : inputs_(shape), threads_(threads) {
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  a_ = Eigen::Map<const RowMajor>(inputs_.a.data(), shape.m, shape.k).template cast<Scalar>();
  b_ =
      Eigen::Map<const Eigen::MatrixXf>(inputs_.w.data(), shape.k, shape.n).template cast<Scalar>();
  c_ = Matrix::Zero(shape.m, shape.n);
}

template <class Scalar>
void GemmEigen<Scalar>::run() {
  Eigen::setNbThreads(threads_);
  c_.noalias() = a_ * b_;
}

template <class Scalar>
std::map<std::string, double> GemmEigen<Scalar>::quality() const {
  Eigen::setNbThreads(threads_);
  const Matrix c = a_ * b_;
  const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = c;
  return {{"rel_error", inputs_.rel_error(row_major.data())}};
}

template class GemmEigen<float>;
template class GemmEigen<double>;

std::vector<WorkloadSpec> gemm_eigen_workloads() {
  std::vector<WorkloadSpec> specs;
  for (int threads : {1, 2}) {
    for (int n : kGemmSizes) {
      if (!runs_at(n, threads))
        continue;
      // The first four are the suite since the foundation issue; keep them in it.
      specs.push_back(
          {"",
           fmt::format("C = A*B, {0}x{0} fp32, Eigen blocked product, {1} thread(s)", n, threads),
           [n, threads] {
             return std::make_unique<GemmEigen<float>>(GemmShape{n, n, n}, threads);
           },
           threads == 1 && n <= 1024});
      set_row_name(specs.back(),
                   gemm_row_name("gemm", "fp32", "eigen", std::to_string(n), threads));
    }
    for (int n : kGemmSizes) {
      if (!runs_at(n, threads))
        continue;
      specs.push_back(
          {"",
           fmt::format("C = A*B, {0}x{0} fp64, Eigen blocked product, {1} thread(s)", n, threads),
           [n, threads] {
             return std::make_unique<GemmEigen<double>>(GemmShape{n, n, n}, threads);
           },
           threads == 1 && n == 512});
      set_row_name(specs.back(),
                   gemm_row_name("gemm", "fp64", "eigen", std::to_string(n), threads));
    }
  }
  return specs;
}

}  // namespace joulebench
