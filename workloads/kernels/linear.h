#pragma once
// Dense products Y = X * W^T (+ bias) for inference and GEMM workloads, at fp32, bf16, int8 and
// int4, with the code path chosen at run time (cpu_features.h).
//
// Layouts (all row-major, no padding between rows):
//   X: m x k activations, X[r * k + i].
//   W: n x k weights, W[j * k + i] (PyTorch nn.Linear's layout: one row per output). The same
//      bytes are a column-major k x n matrix B, so C = A * B is linear(A, pack(B.data())).
//   Y: m x n outputs, Y[r * n + j]; bias: n values or nullptr.
// No alignment is required of X, Y or bias (the kernels use unaligned loads and masked stores);
// 64-byte alignment avoids split cache lines. Packed weights own 64-byte aligned storage.
//
// Weights are packed once (outside any timed loop) into panels of 32 outputs; activations are
// packed during each call, a tile at a time, into per-thread scratch buffers that are reused, so
// steady-state calls do not allocate. Calls may run concurrently on different outputs.
//
// Quantization is symmetric (no zero point): int8 values in [-127, 127], int4 in [-7, 7];
// w ~= q * scale, with one scale per tensor or one per output channel (row of W). int8 and int4
// activations are quantized per tensor with a scale the caller gives (calibrated, e.g. with
// symmetric_scale()); products accumulate in int32 and come out as fp32.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "workloads/kernels/bf16.h"

namespace joulebench::kernels {

enum class Granularity { per_tensor, per_channel };
enum class Activation { none, relu };

struct LinearOptions {
  int threads = 1;                           // OpenMP threads (the same libgomp pool oneDNN uses)
  Activation activation = Activation::none;  // applied after the bias
};

namespace detail {
struct AlignedFree {
  void operator()(void* p) const;
};
}  // namespace detail

// Storage the kernels read: 64-byte aligned, zero-padded to whole panels.
class PackedBuffer {
 public:
  PackedBuffer() = default;
  explicit PackedBuffer(std::size_t bytes);
  std::byte* data() { return data_.get(); }
  const std::byte* data() const { return data_.get(); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::unique_ptr<std::byte, detail::AlignedFree> data_;
  std::size_t bytes_ = 0;
};

class PackedFp32Weights {
 public:
  // w: n x k row-major.
  PackedFp32Weights(const float* w, int n, int k);
  int n() const { return n_; }
  int k() const { return k_; }
  const PackedBuffer& panels() const { return panels_; }

 private:
  int n_, k_;
  PackedBuffer panels_;
};

class PackedBf16Weights {
 public:
  // w: n x k row-major, rounded to bf16 (nearest even).
  PackedBf16Weights(const float* w, int n, int k);
  // w: n x k row-major, already bf16.
  PackedBf16Weights(const bfloat16* w, int n, int k);
  int n() const { return n_; }
  int k() const { return k_; }
  const PackedBuffer& panels() const { return panels_; }

 private:
  int n_, k_;
  PackedBuffer panels_;
};

// int8 or int4 weights with their scales. int4 values are stored two per byte and unpacked
// inside the kernel.
class QuantizedWeights {
 public:
  // Quantizes w (n x k row-major): scale = max|w| / qmax over the tensor or each row.
  QuantizedWeights(const float* w, int n, int k, int bits, Granularity granularity);
  int n() const { return n_; }
  int k() const { return k_; }
  int bits() const { return bits_; }
  Granularity granularity() const { return granularity_; }
  // One scale per output (repeated for per-tensor), so kernels need not care.
  const std::vector<float>& scales() const { return scales_; }
  // Sum of each output's quantized weights: the kernels that shift activations to unsigned
  // (VNNI multiplies u8 by s8) subtract 128 x this.
  const std::vector<std::int32_t>& row_sums() const { return row_sums_; }
  // The quantized value q(j, i) (for tests and references).
  int value(int j, int i) const;
  const PackedBuffer& panels() const { return panels_; }

 private:
  int n_, k_, bits_;
  Granularity granularity_;
  std::vector<float> scales_;
  std::vector<std::int32_t> row_sums_;
  PackedBuffer panels_;
};

// Activations already quantized to int8 with one scale (x ~= q * scale): what a quantized layer
// hands the next, and what GEMM workloads store.
struct QuantizedActivations {
  const std::int8_t* data = nullptr;  // m x k row-major, values in [-127, 127]
  int m = 0, k = 0;
  float scale = 1.0f;
};

// max|x| / qmax (qmax 127 for int8, 7 for int4); 1 for an all-zero input.
float symmetric_scale(const float* x, std::size_t count, int qmax = 127);
// q = clamp(round(x / scale), -qmax, qmax).
void quantize(const float* x, std::size_t count, float scale, std::int8_t* q, int qmax = 127);

// Y (m x n) = X (m x k) * W^T + bias. Throws std::invalid_argument on mismatched shapes.
void linear_fp32(const float* x, int m, const PackedFp32Weights& w, const float* bias, float* y,
                 const LinearOptions& options = {});
// X rounded to bf16 while it is packed; products of bf16 values, accumulated in fp32.
void linear_bf16(const float* x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options = {});
void linear_bf16(const bfloat16* x, int m, const PackedBf16Weights& w, const float* bias, float* y,
                 const LinearOptions& options = {});
// X quantized to int8 per tensor with x_scale while it is packed; w may be int8 or int4.
void linear_quantized(const float* x, int m, float x_scale, const QuantizedWeights& w,
                      const float* bias, float* y, const LinearOptions& options = {});
void linear_quantized(const QuantizedActivations& x, const QuantizedWeights& w, const float* bias,
                      float* y, const LinearOptions& options = {});

}  // namespace joulebench::kernels
