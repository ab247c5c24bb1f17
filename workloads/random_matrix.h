#pragma once

#include <Eigen/Core>
#include <random>

namespace joulebench {

// Seeded values uniform in [-1, -0.1] U [0.1, 1]: random signs, never zero or denormal.
template <class Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> random_nonzero_matrix(int rows, int cols,
                                                                            unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> magnitude(0.1, 1.0);
  std::bernoulli_distribution negative(0.5);
  Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double v = magnitude(gen);
    m.data()[i] = static_cast<Scalar>(negative(gen) ? -v : v);
  }
  return m;
}

}  // namespace joulebench
