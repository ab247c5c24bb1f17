#include "workloads/mlp/kernel_mlp.h"

#include <algorithm>
#include <stdexcept>

namespace joulebench::mlp {

using RowMajorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<float> calibrate_input_scales(const MlpWeights& weights, const LabelledImages& train,
                                          std::size_t samples) {
  Eigen::MatrixXf input = images_as_matrix(train, 0, std::min(samples, train.size()));
  std::vector<float> scales;
  for (std::size_t l = 0; l < weights.layers(); ++l) {
    scales.push_back(
        kernels::symmetric_scale(input.data(), static_cast<std::size_t>(input.size())));
    Eigen::MatrixXf out = weights.w[l] * input;
    out.colwise() += weights.b[l];
    input = out.cwiseMax(0.0f);
  }
  return scales;
}

void quantize_activations(const float* x, std::size_t count, float scale, std::int8_t* q) {
  // Adding and subtracting 1.5 x 2^23 rounds a float below 2^22 in magnitude to the nearest
  // integer (ties to even) in the default rounding mode; the clamp keeps it in that range.
  constexpr float kRound = 12582912.0f;
  const float inverse = 1.0f / scale;
  for (std::size_t i = 0; i < count; ++i) {
    const float v = std::clamp(x[i] * inverse, -127.0f, 127.0f);
    q[i] = static_cast<std::int8_t>(static_cast<int>((v + kRound) - kRound));
  }
}

KernelMlp::KernelMlp(const MlpWeights& weights, kernels::Precision precision,
                     std::vector<float> input_scales)
    : precision_(precision),
      widths_(weights.widths),
      biases_(weights.b),
      input_scales_(std::move(input_scales)),
      activations_(weights.layers()) {
  const bool quantized =
      precision == kernels::Precision::int8 || precision == kernels::Precision::int4;
  if (quantized && input_scales_.size() != weights.layers())
    throw std::invalid_argument("KernelMlp: int8/int4 need one input scale per layer");
  for (std::size_t l = 0; l < weights.layers(); ++l) {
    // The kernels take PyTorch's n x k row-major weights.
    const RowMajorMatrix w = weights.w[l];
    const auto n = static_cast<int>(w.rows());
    const auto k = static_cast<int>(w.cols());
    switch (precision) {
      case kernels::Precision::fp32:
        fp32_.emplace_back(w.data(), n, k);
        break;
      case kernels::Precision::bf16:
        bf16_.emplace_back(w.data(), n, k);
        break;
      case kernels::Precision::int8:
        quantized_.emplace_back(w.data(), n, k, 8, kernels::Granularity::per_channel);
        break;
      case kernels::Precision::int4:
        quantized_.emplace_back(w.data(), n, k, 4, kernels::Granularity::per_channel);
        break;
    }
  }
}

const Eigen::MatrixXf& KernelMlp::logits(const Eigen::MatrixXf& x) {
  const auto m = static_cast<int>(x.cols());
  const float* in = x.data();
  for (std::size_t l = 0; l + 1 < widths_.size(); ++l) {
    Eigen::MatrixXf& out = activations_[l];
    out.resize(widths_[l + 1], m);
    kernels::LinearOptions options;
    options.activation =
        l + 2 < widths_.size() ? kernels::Activation::relu : kernels::Activation::none;
    switch (precision_) {
      case kernels::Precision::fp32:
        kernels::linear_fp32(in, m, fp32_[l], biases_[l].data(), out.data(), options);
        break;
      case kernels::Precision::bf16:
        kernels::linear_bf16(in, m, bf16_[l], biases_[l].data(), out.data(), options);
        break;
      case kernels::Precision::int8:
      case kernels::Precision::int4: {
        const auto count = static_cast<std::size_t>(m) * static_cast<std::size_t>(widths_[l]);
        quantized_input_.resize(count);
        quantize_activations(in, count, input_scales_[l], quantized_input_.data());
        const kernels::QuantizedActivations qx{quantized_input_.data(), m, widths_[l],
                                               input_scales_[l]};
        kernels::linear_quantized(qx, quantized_[l], biases_[l].data(), out.data(), options);
        break;
      }
    }
    in = out.data();
  }
  return activations_.back();
}

std::string KernelMlp::implementation() const {
  return "kernels " + kernels::kernel_path(precision_);
}

}  // namespace joulebench::mlp
