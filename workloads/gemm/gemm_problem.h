#pragma once
// One GEMM problem shared by every backend: C (m x n) = A (m x k) * B (k x n), with A row-major
// and B stored as W = B^T (n x k row-major, one row per output: the layout of a linear layer's
// weights, and the same bytes as a column-major B). Inputs are seeded random values bounded away
// from zero, so every backend of one shape multiplies the same numbers.

#include <string>
#include <vector>

namespace joulebench {

struct GemmShape {
  int m, k, n;
  // "512" for square shapes, else "MxKxN" (batch x inputs x outputs, e.g. "256x784x256").
  std::string name() const;
  double flops() const { return 2.0 * m * static_cast<double>(k) * n; }
};

struct GemmInputs {
  GemmShape shape;
  std::vector<float> a;  // m x k row-major
  std::vector<float> w;  // n x k row-major

  explicit GemmInputs(GemmShape s, unsigned seed = 42);
  // C = A * W^T in fp64 (m x n row-major), for rel_error.
  std::vector<double> reference() const;
};

// A thread-count suffix for names: "" for one thread, "/threads:2" otherwise.
std::string threads_suffix(int threads);

}  // namespace joulebench
