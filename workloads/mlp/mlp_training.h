#pragma once
// Training the MLP: softmax cross-entropy gradients by back-propagation, SGD with momentum and
// Adam, and shuffled mini-batches. Deterministic for a given seed: the only randomness is our
// own shuffle from mt19937, and Eigen's products (single-threaded here) sum in a fixed order.

#include <Eigen/Core>
#include <span>
#include <string>
#include <vector>

#include "workloads/mlp/fashion_mnist.h"
#include "workloads/mlp/mlp_model.h"

namespace joulebench::mlp {

// Gradients of the mean softmax cross-entropy over a batch, with the forward and backward
// buffers kept between calls.
class MlpGradients {
 public:
  explicit MlpGradients(const std::vector<int>& widths);
  // Forward and backward pass; returns the mean loss and leaves the gradients in dw and db.
  float compute(const MlpWeights& weights, const Eigen::MatrixXf& x, std::span<const int> labels);

  std::vector<Eigen::MatrixXf> dw;
  std::vector<Eigen::VectorXf> db;

 private:
  std::vector<Eigen::MatrixXf> activations_;  // post-ReLU outputs, then the logits
  std::vector<Eigen::MatrixXf> delta_;        // dLoss/d(pre-activation) per layer
};

// Multiply-adds x 2 of one sample's training step: forward, weight gradients, and input
// gradients of every layer but the first (nothing needs the gradient of the images).
double training_flops_per_sample(const std::vector<int>& widths);

enum class OptimizerKind { sgd_momentum, adam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::adam;
  float learning_rate = 1e-3f;
  float momentum = 0.9f;                                // SGD
  float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;  // Adam
};

// The defaults used everywhere (workloads, PyTorch comparison): Adam at 1e-3 as in Kingma & Ba;
// SGD at 0.05 with momentum 0.9.
OptimizerConfig default_optimizer(OptimizerKind kind);
std::string optimizer_name(OptimizerKind kind);  // "sgd" or "adam"

class Optimizer {
 public:
  Optimizer(const OptimizerConfig& config, const MlpWeights& shape);
  void step(MlpWeights& weights, const MlpGradients& gradients);

 private:
  OptimizerConfig config_;
  long steps_ = 0;
  std::vector<Eigen::MatrixXf> mw_, vw_;  // momentum / Adam's first and second moments
  std::vector<Eigen::VectorXf> mb_, vb_;
};

// Endless shuffled mini-batches over a training set: each epoch a fresh permutation (our own
// Fisher-Yates from mt19937(seed + epoch)); the last partial batch of an epoch is dropped, so
// every step does the same work. Throws std::invalid_argument when the batch is not 1 to the
// number of images.
class MiniBatchStream {
 public:
  MiniBatchStream(const LabelledImages& data, int batch, unsigned seed);
  void next(Eigen::MatrixXf& x, std::vector<int>& labels);
  std::size_t batches_per_epoch() const { return data_.size() / batch_; }
  int epoch() const { return epoch_; }

 private:
  void shuffle();
  const LabelledImages& data_;
  std::size_t batch_;
  unsigned seed_;
  int epoch_ = 0;
  std::size_t position_ = 0;
  std::vector<int> order_;
};

// One training step per call: a batch from the stream, gradients, an optimizer update.
class Trainer {
 public:
  Trainer(MlpWeights& weights, const OptimizerConfig& optimizer, const LabelledImages& data,
          int batch, unsigned seed);
  float step();
  void epoch();  // batches_per_epoch() steps

 private:
  MlpWeights& weights_;
  Optimizer optimizer_;
  MlpGradients gradients_;
  MiniBatchStream stream_;
  Eigen::MatrixXf x_;
  std::vector<int> labels_;
};

}  // namespace joulebench::mlp
