#include "workloads/gemm/gemm_problem.h"

#include <fmt/format.h>

#include <Eigen/Core>

#include "workloads/random_matrix.h"

namespace joulebench {

std::string GemmShape::name() const {
  if (m == k && k == n)
    return std::to_string(m);
  return fmt::format("{}x{}x{}", m, k, n);
}

GemmInputs::GemmInputs(GemmShape s, unsigned seed) : shape(s) {
  const Eigen::MatrixXf a_m = random_nonzero_matrix<float>(s.m, s.k, seed);
  const Eigen::MatrixXf w_m = random_nonzero_matrix<float>(s.n, s.k, seed + 1);
  a.assign(a_m.data(), a_m.data() + a_m.size());
  w.assign(w_m.data(), w_m.data() + w_m.size());
}

std::vector<double> GemmInputs::reference() const {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> a_m(
      a.data(), shape.m, shape.k);
  const Eigen::Map<const Eigen::MatrixXf> b_m(w.data(), shape.k, shape.n);  // W^T, column-major
  std::vector<double> c(static_cast<std::size_t>(shape.m) * shape.n);
  Eigen::Map<RowMajor>(c.data(), shape.m, shape.n).noalias() =
      a_m.cast<double>() * b_m.cast<double>();
  return c;
}

std::string threads_suffix(int threads) {
  return threads == 1 ? std::string() : fmt::format("/threads:{}", threads);
}

}  // namespace joulebench
