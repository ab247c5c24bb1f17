#include "workloads/gemm/gemm_pruned.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace joulebench {

void prune_by_magnitude(std::vector<float>& w, double sparsity) {
  if (!(sparsity >= 0.0 && sparsity < 1.0))
    throw std::invalid_argument(fmt::format("sparsity must be in [0, 1), got {}", sparsity));
  const auto zeros =
      static_cast<std::size_t>(std::llround(sparsity * static_cast<double>(w.size())));
  if (zeros == 0)
    return;
  std::vector<float> magnitude(w.size());
  std::transform(w.begin(), w.end(), magnitude.begin(), [](float v) { return std::fabs(v); });
  std::nth_element(magnitude.begin(), magnitude.begin() + static_cast<std::ptrdiff_t>(zeros - 1),
                   magnitude.end());
  const float threshold = magnitude[zeros - 1];
  // Ties at the threshold: zero exactly `zeros` values, the first ones met.
  std::size_t zeroed = 0;
  for (float& v : w)
    if (std::fabs(v) < threshold)
      v = 0.0f, ++zeroed;
  for (float& v : w)
    if (zeroed < zeros && v != 0.0f && std::fabs(v) == threshold)
      v = 0.0f, ++zeroed;
}

GemmPruned::GemmPruned(GemmShape shape, double sparsity) : inputs_(shape) {
  std::vector<float> pruned = inputs_.w;
  prune_by_magnitude(pruned, sparsity);
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  w_ = Eigen::Map<const RowMajor>(pruned.data(), shape.n, shape.k).sparseView();
  w_.makeCompressed();
  c_t_ = Eigen::MatrixXf::Zero(shape.n, shape.m);
}

void GemmPruned::run() {
  // A row-major (m x k) is A^T column-major (k x m).
  const Eigen::Map<const Eigen::MatrixXf> a_t(inputs_.a.data(), inputs_.shape.k, inputs_.shape.m);
  c_t_.noalias() = w_ * a_t;
}

double GemmPruned::flops_per_iteration() const {
  return 2.0 * static_cast<double>(w_.nonZeros()) * inputs_.shape.m;
}

std::map<std::string, double> GemmPruned::quality() const {
  const Eigen::Map<const Eigen::MatrixXf> a_t(inputs_.a.data(), inputs_.shape.k, inputs_.shape.m);
  const Eigen::MatrixXf c_t = w_ * a_t;  // column-major n x m = row-major m x n
  return {{"rel_error", inputs_.rel_error(c_t.data())}};
}

std::vector<WorkloadSpec> gemm_pruned_workloads() {
  std::vector<WorkloadSpec> specs;
  for (int n : {1024, 2048}) {
    for (int percent : {50, 90, 95}) {
      specs.push_back(
          {"",
           fmt::format("C = A*B, {0}x{0} fp32, B pruned by magnitude to {1}% zeros, Eigen sparse "
                       "x dense",
                       n, percent),
           [n, percent] {
             return std::make_unique<GemmPruned>(GemmShape{n, n, n}, percent / 100.0);
           },
           n == 1024 && percent == 90});
      set_row_name(specs.back(), gemm_row_name("gemm", "fp32", "eigen-sparse", std::to_string(n), 1,
                                               0, {fmt::format("sparsity:{}", percent)}));
    }
  }
  return specs;
}

}  // namespace joulebench
