#pragma once
// A fully connected ReLU network in Eigen: weights, initialisation and the fp32 forward pass.
// Layout: one column per sample, so a layer is Y = W X + b with W of shape (out x in), the same
// convention as PyTorch's nn.Linear (y = x W^T + b over row-major x).

#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

#include "workloads/mlp/fashion_mnist.h"

namespace joulebench::mlp {

struct MlpWeights {
  std::vector<int> widths;         // {784, 256, 256, 10}: input, hidden..., classes
  std::vector<Eigen::MatrixXf> w;  // w[l]: widths[l+1] x widths[l]
  std::vector<Eigen::VectorXf> b;  // b[l]: widths[l+1]
  std::size_t layers() const { return w.size(); }
};

// "784-256-256-10".
std::string architecture_name(const std::vector<int>& widths);
// Parses "784-256-256-10"; throws std::invalid_argument with a one-line reason.
std::vector<int> parse_architecture(const std::string& name);

// He-uniform weights (U(-a, a), a = sqrt(6 / fan_in), suited to ReLU) and zero biases, from a
// fixed seed through our own mapping of mt19937 output: standard distributions are
// implementation-defined, so the same seed would give other weights with another library.
MlpWeights init_mlp(const std::vector<int>& widths, unsigned seed);

// Multiply-adds x 2 of one sample's forward pass.
double forward_flops_per_sample(const std::vector<int>& widths);

// The fp32 forward pass with buffers kept between calls (no allocation once warmed up, except
// Eigen's own packing buffers).
class MlpForward {
 public:
  explicit MlpForward(const MlpWeights& weights) : weights_(weights) {}
  // Logits, one column per sample of `x` (784 x batch).
  const Eigen::MatrixXf& logits(const Eigen::MatrixXf& x);

 private:
  const MlpWeights& weights_;
  std::vector<Eigen::MatrixXf> activations_;
};

// Function from a batch of images (784 x n) to logits (10 x n).
using Classifier = std::function<const Eigen::MatrixXf&(const Eigen::MatrixXf&)>;

// Images per forward pass when accuracy() evaluates a data set (peers evaluate in the same chunks).
inline constexpr std::size_t kAccuracyChunk = 500;

// Fraction of `data` whose highest logit is the label, evaluated in chunks of kAccuracyChunk.
double accuracy(const Classifier& classify, const LabelledImages& data);
double accuracy(const MlpWeights& weights, const LabelledImages& data);

}  // namespace joulebench::mlp
