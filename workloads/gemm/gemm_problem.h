#pragma once
// One GEMM problem shared by every backend: C (m x n) = A (m x k) * B (k x n), with A row-major
// and B stored as W = B^T (n x k row-major, one row per output: the layout of a linear layer's
// weights, and the same bytes as a column-major B). Inputs are seeded random values bounded away
// from zero, so every backend of one shape multiplies the same numbers.

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/row_name.h"

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
  // C = A * W^T in fp64 (m x n row-major), through Eigen.
  std::vector<double> reference() const;

  // ||C - C_ref|| / ||C_ref|| for a result C (m x n row-major). C_ref is computed here with
  // long double dot products, independently of every backend (an Eigen fp64 product checked
  // against Eigen's own product would read exactly 0). Over all entries up to 65536 of them,
  // else over a fixed sample of 65536 entries, so a 2048 x 2048 check costs a fraction of a
  // second. NaN when C holds a NaN or an infinity.
  double rel_error(const float* c) const;
  double rel_error(const double* c) const;
};

// Square GEMM sizes of every backend.
inline constexpr int kGemmSizes[] = {128, 256, 512, 1024, 2048};
// Two threads only from 512 up: smaller products are over before threads pay off, and a
// bimodal two-thread row under a filter such as 'gemm/fp32/eigen/128' would make runs that
// compare one size (scripts/energy-gate-check.sh) flaky.
constexpr bool runs_at(int n, int threads) {
  return threads == 1 || n >= 512;
}

// A thread-count suffix for names: "" for one thread, "/threads:2" otherwise.
std::string threads_suffix(int threads);

// The name and labels of a GEMM-family row, family/precision/backend/shape[/more...][/threads:N]:
// task family/shape/..., variant precision/backend. `shape` may hold several segments
// ("4096x4096/batch:8"); `batch` is the inputs per call where the shape has a batch.
RowName gemm_row_name(std::string family, std::string precision, std::string backend,
                      std::string shape, int threads, std::int64_t batch = 0,
                      std::vector<std::string> more = {});

}  // namespace joulebench
