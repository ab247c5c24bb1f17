#include "workloads/gemm/gemm_problem.h"

#include <fmt/format.h>

#include <Eigen/Core>
#include <random>

#include "workloads/random_matrix.h"
#include "workloads/rel_error.h"

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

namespace {

constexpr std::size_t kMaxChecked = 65536;

template <class T>
double sampled_rel_error(const GemmInputs& in, const T* c) {
  const GemmShape& s = in.shape;
  const std::size_t total = static_cast<std::size_t>(s.m) * s.n;
  std::vector<std::size_t> at;
  if (total <= kMaxChecked) {
    at.resize(total);
    for (std::size_t i = 0; i < total; ++i)
      at[i] = i;
  } else {
    std::mt19937_64 gen(7);
    std::uniform_int_distribution<std::size_t> pick(0, total - 1);
    at.resize(kMaxChecked);
    for (std::size_t& i : at)
      i = pick(gen);
  }
  std::vector<double> got(at.size()), ref(at.size());
  for (std::size_t e = 0; e < at.size(); ++e) {
    const std::size_t r = at[e] / s.n, j = at[e] % s.n;
    const float* a = in.a.data() + r * s.k;
    const float* w = in.w.data() + j * s.k;
    long double sum = 0.0L;
    for (int i = 0; i < s.k; ++i)
      sum += static_cast<long double>(a[i]) * w[i];
    ref[e] = static_cast<double>(sum);
    got[e] = static_cast<double>(c[at[e]]);
  }
  return relative_error<double>(got, ref);
}

}  // namespace

double GemmInputs::rel_error(const float* c) const {
  return sampled_rel_error(*this, c);
}
double GemmInputs::rel_error(const double* c) const {
  return sampled_rel_error(*this, c);
}

std::string threads_suffix(int threads) {
  return threads == 1 ? std::string() : fmt::format("/threads:{}", threads);
}

RowName gemm_row_name(std::string family, std::string precision, std::string backend,
                      std::string shape, int threads, std::int64_t batch,
                      std::vector<std::string> more) {
  RowName row{.before = {std::move(family)},
              .precision = std::move(precision),
              .backend = std::move(backend),
              .after = {std::move(shape)},
              .unit = WorkUnit::iteration,
              .batch = batch};
  for (std::string& segment : more)
    row.after.push_back(std::move(segment));
  if (threads != 1)
    row.after.push_back(fmt::format("threads:{}", threads));
  return row;
}

}  // namespace joulebench
