#include "workloads/mlp/mlp_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <random>
#include <stdexcept>

namespace joulebench::mlp {

std::string architecture_name(const std::vector<int>& widths) {
  return fmt::format("{}", fmt::join(widths, "-"));
}

std::vector<int> parse_architecture(const std::string& name) {
  std::vector<int> widths;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dash = std::min(name.find('-', start), name.size());
    const std::string part = name.substr(start, dash - start);
    std::size_t used = 0;
    int value = 0;
    try {
      value = std::stoi(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size() || value <= 0) {
      throw std::invalid_argument(
          fmt::format("architecture '{}': '{}' is not a positive width", name, part));
    }
    widths.push_back(value);
    start = dash + 1;
  }
  if (widths.size() < 2 || widths.front() != kPixels || widths.back() != kClasses) {
    throw std::invalid_argument(
        fmt::format("architecture '{}': expected 784-...-10 (784 inputs, 10 classes)", name));
  }
  return widths;
}

MlpWeights init_mlp(const std::vector<int>& widths, unsigned seed) {
  MlpWeights m;
  m.widths = widths;
  std::mt19937 rng(seed);
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    const float bound = std::sqrt(6.0f / static_cast<float>(widths[l]));
    Eigen::MatrixXf w(widths[l + 1], widths[l]);
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      for (Eigen::Index i = 0; i < w.rows(); ++i) {
        // 24 random bits to [0, 1), exactly representable in a float.
        const float u = static_cast<float>(rng() >> 8) * (1.0f / 16777216.0f);
        w(i, j) = (2.0f * u - 1.0f) * bound;
      }
    }
    m.w.push_back(std::move(w));
    m.b.push_back(Eigen::VectorXf::Zero(widths[l + 1]));
  }
  return m;
}

double forward_flops_per_sample(const std::vector<int>& widths) {
  double macs = 0.0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l)
    macs += static_cast<double>(widths[l]) * widths[l + 1];
  return 2.0 * macs;
}

const Eigen::MatrixXf& MlpForward::logits(const Eigen::MatrixXf& x) {
  activations_.resize(weights_.layers());
  const Eigen::MatrixXf* in = &x;
  for (std::size_t l = 0; l < weights_.layers(); ++l) {
    Eigen::MatrixXf& out = activations_[l];
    out.noalias() = weights_.w[l] * *in;
    out.colwise() += weights_.b[l];
    if (l + 1 < weights_.layers())
      out = out.cwiseMax(0.0f);
    in = &out;
  }
  return activations_.back();
}

double accuracy(const Classifier& classify, const LabelledImages& data) {
  std::size_t correct = 0;
  for (std::size_t first = 0; first < data.size(); first += kAccuracyChunk) {
    const std::size_t count = std::min(kAccuracyChunk, data.size() - first);
    const Eigen::MatrixXf& logits = classify(images_as_matrix(data, first, count));
    for (Eigen::Index j = 0; j < logits.cols(); ++j) {
      Eigen::Index predicted = 0;
      logits.col(j).maxCoeff(&predicted);
      if (predicted == data.labels[first + static_cast<std::size_t>(j)])
        ++correct;
    }
  }
  return data.size() == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(data.size());
}

double accuracy(const MlpWeights& weights, const LabelledImages& data) {
  MlpForward forward(weights);
  return accuracy(
      [&](const Eigen::MatrixXf& x) -> const Eigen::MatrixXf& { return forward.logits(x); }, data);
}

}  // namespace joulebench::mlp
