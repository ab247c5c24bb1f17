#include "workloads/mlp/mlp_training.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace joulebench::mlp {

MlpGradients::MlpGradients(const std::vector<int>& widths) {
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    dw.emplace_back(widths[l + 1], widths[l]);
    db.emplace_back(widths[l + 1]);
  }
  activations_.resize(dw.size());
  delta_.resize(dw.size());
}

float MlpGradients::compute(const MlpWeights& weights, const Eigen::MatrixXf& x,
                            std::span<const int> labels) {
  const std::size_t layers = weights.layers();
  const Eigen::Index batch = x.cols();
  assert(static_cast<Eigen::Index>(labels.size()) == batch);

  const Eigen::MatrixXf* in = &x;
  for (std::size_t l = 0; l < layers; ++l) {
    Eigen::MatrixXf& out = activations_[l];
    out.noalias() = weights.w[l] * *in;
    out.colwise() += weights.b[l];
    if (l + 1 < layers)
      out = out.cwiseMax(0.0f);
    in = &out;
  }

  // Softmax minus one-hot, over the batch: the gradient of the mean cross-entropy.
  Eigen::MatrixXf& delta = delta_.back();
  const Eigen::MatrixXf& logits = activations_.back();
  delta.resize(logits.rows(), batch);
  double loss = 0.0;
  const float inv_batch = 1.0f / static_cast<float>(batch);
  for (Eigen::Index j = 0; j < batch; ++j) {
    const float top = logits.col(j).maxCoeff();
    delta.col(j) = (logits.col(j).array() - top).exp();
    const float sum = delta.col(j).sum();
    const auto label = static_cast<Eigen::Index>(labels[static_cast<std::size_t>(j)]);
    loss += std::log(sum) - (logits(label, j) - top);
    delta.col(j) *= inv_batch / sum;
    delta(label, j) -= inv_batch;
  }

  for (std::size_t l = layers; l-- > 0;) {
    const Eigen::MatrixXf& below = l == 0 ? x : activations_[l - 1];
    dw[l].noalias() = delta_[l] * below.transpose();
    db[l] = delta_[l].rowwise().sum();
    if (l > 0) {
      delta_[l - 1].noalias() = weights.w[l].transpose() * delta_[l];
      // ReLU passes the gradient where its output was positive.
      delta_[l - 1] = (below.array() > 0.0f).select(delta_[l - 1], 0.0f);
    }
  }
  return static_cast<float>(loss / static_cast<double>(batch));
}

double training_flops_per_sample(const std::vector<int>& widths) {
  double input_gradient_macs = 0.0;
  for (std::size_t l = 1; l + 1 < widths.size(); ++l)
    input_gradient_macs += static_cast<double>(widths[l]) * widths[l + 1];
  return 2.0 * forward_flops_per_sample(widths) + 2.0 * input_gradient_macs;
}

OptimizerConfig default_optimizer(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.learning_rate = kind == OptimizerKind::adam ? 1e-3f : 0.05f;
  return c;
}

std::string optimizer_name(OptimizerKind kind) {
  return kind == OptimizerKind::adam ? "adam" : "sgd";
}

Optimizer::Optimizer(const OptimizerConfig& config, const MlpWeights& shape) : config_(config) {
  for (std::size_t l = 0; l < shape.layers(); ++l) {
    mw_.push_back(Eigen::MatrixXf::Zero(shape.w[l].rows(), shape.w[l].cols()));
    mb_.push_back(Eigen::VectorXf::Zero(shape.b[l].size()));
    if (config.kind == OptimizerKind::adam) {
      vw_.push_back(Eigen::MatrixXf::Zero(shape.w[l].rows(), shape.w[l].cols()));
      vb_.push_back(Eigen::VectorXf::Zero(shape.b[l].size()));
    }
  }
}

namespace {

// PyTorch's formulation (torch.optim.SGD): v = mu v + g; w -= lr v.
template <typename P, typename G>
void sgd_update(P& param, const G& grad, P& velocity, float lr, float mu) {
  velocity = mu * velocity + grad;
  param -= lr * velocity;
}

// Kingma & Ba, Algorithm 1, with the bias corrections folded into the step size and epsilon
// added to the corrected root, as torch.optim.Adam does.
template <typename P, typename G>
void adam_update(P& param, const G& grad, P& m, P& v, const OptimizerConfig& c, float step_size,
                 float root_correction) {
  m = c.beta1 * m + (1.0f - c.beta1) * grad;
  v.array() = c.beta2 * v.array() + (1.0f - c.beta2) * grad.array().square();
  param.array() -= step_size * m.array() / (v.array().sqrt() / root_correction + c.epsilon);
}

}  // namespace

void Optimizer::step(MlpWeights& weights, const MlpGradients& g) {
  ++steps_;
  if (config_.kind == OptimizerKind::sgd_momentum) {
    for (std::size_t l = 0; l < weights.layers(); ++l) {
      sgd_update(weights.w[l], g.dw[l], mw_[l], config_.learning_rate, config_.momentum);
      sgd_update(weights.b[l], g.db[l], mb_[l], config_.learning_rate, config_.momentum);
    }
    return;
  }
  const auto t = static_cast<float>(steps_);
  const float step_size = config_.learning_rate / (1.0f - std::pow(config_.beta1, t));
  const float root_correction = std::sqrt(1.0f - std::pow(config_.beta2, t));
  for (std::size_t l = 0; l < weights.layers(); ++l) {
    adam_update(weights.w[l], g.dw[l], mw_[l], vw_[l], config_, step_size, root_correction);
    adam_update(weights.b[l], g.db[l], mb_[l], vb_[l], config_, step_size, root_correction);
  }
}

MiniBatchStream::MiniBatchStream(const LabelledImages& data, int batch, unsigned seed)
    : data_(data), batch_(static_cast<std::size_t>(batch)), seed_(seed), order_(data.size()) {
  // Checked in every build, not asserted: under NDEBUG a batch larger than the data would read
  // past the pixels. Workloads check first with a message naming the file (require_images).
  if (batch <= 0 || static_cast<std::size_t>(batch) > data.size()) {
    throw std::invalid_argument(
        fmt::format("a training batch of {} needs at least {} images; the data hold {}", batch,
                    std::max(batch, 1), data.size()));
  }
  shuffle();
}

void MiniBatchStream::shuffle() {
  std::iota(order_.begin(), order_.end(), 0);
  std::mt19937 rng(seed_ + static_cast<unsigned>(epoch_));
  for (std::size_t i = order_.size(); i > 1; --i) {
    // Modulo bias is below 1e-5 for 60k items: irrelevant to a shuffle.
    const std::size_t j = rng() % i;
    std::swap(order_[i - 1], order_[j]);
  }
  position_ = 0;
}

void MiniBatchStream::next(Eigen::MatrixXf& x, std::vector<int>& labels) {
  if (position_ + batch_ > order_.size()) {
    ++epoch_;
    shuffle();
  }
  gather_batch(data_, std::span<const int>(order_).subspan(position_, batch_), x, labels);
  position_ += batch_;
}

Trainer::Trainer(MlpWeights& weights, const OptimizerConfig& optimizer, const LabelledImages& data,
                 int batch, unsigned seed)
    : weights_(weights),
      optimizer_(optimizer, weights),
      gradients_(weights.widths),
      stream_(data, batch, seed) {}

float Trainer::step() {
  stream_.next(x_, labels_);
  const float loss = gradients_.compute(weights_, x_, labels_);
  optimizer_.step(weights_, gradients_);
  return loss;
}

void Trainer::epoch() {
  for (std::size_t i = 0; i < stream_.batches_per_epoch(); ++i)
    step();
}

}  // namespace joulebench::mlp
