#pragma once
// The MLP's forward pass on the kernel library (workloads/kernels/linear.h) at fp32, bf16, int8
// or int4: post-training quantization of trained fp32 weights, packed once at construction.
// int8 and int4 quantize weights per output channel; both take int8 activations quantized per
// tensor with a scale per layer calibrated on training data (int4 is W4A8).

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "workloads/kernels/cpu_features.h"
#include "workloads/kernels/linear.h"
#include "workloads/mlp/mlp_model.h"

namespace joulebench::mlp {

// Per layer, the int8 scale of its input: max |input| / 127 over the first `samples` training
// images run through the fp32 model (max calibration; post-ReLU inputs are never negative, so
// this spends one bit, which the accuracy counter shows).
std::vector<float> calibrate_input_scales(const MlpWeights& weights, const LabelledImages& train,
                                          std::size_t samples);

class KernelMlp {
 public:
  // `input_scales` (one per layer) is needed for int8 and int4 only.
  KernelMlp(const MlpWeights& weights, kernels::Precision precision,
            std::vector<float> input_scales = {});
  // Logits, one column per sample of `x` (784 x batch): Eigen's column-major feature x batch
  // matrix has the bytes of the kernels' row-major batch x feature layout.
  const Eigen::MatrixXf& logits(const Eigen::MatrixXf& x);
  // The kernel path, e.g. "kernels avx512-vnni".
  std::string implementation() const;

 private:
  kernels::Precision precision_;
  std::vector<int> widths_;
  std::vector<Eigen::VectorXf> biases_;
  std::vector<float> input_scales_;
  std::vector<kernels::PackedFp32Weights> fp32_;
  std::vector<kernels::PackedBf16Weights> bf16_;
  std::vector<kernels::QuantizedWeights> quantized_;
  std::vector<Eigen::MatrixXf> activations_;
  std::vector<std::int8_t> quantized_input_;
};

// q = clamp(round-to-nearest-even(x / scale), -127, 127), written so that the compiler
// vectorises it. KernelMlp quantizes activations itself and calls the int8-input kernel: the
// kernels' float-input overload measured slower for a 256 x 784 by 256 layer on one core (0.30 ms
// against 0.12 ms for the int8-input call, kernels of issue-5-kernels at 8a4f0ca), more than this
// loop costs.
void quantize_activations(const float* x, std::size_t count, float scale, std::int8_t* q);

}  // namespace joulebench::mlp
