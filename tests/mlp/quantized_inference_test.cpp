// Post-training quantization of a model trained on the committed slice: each precision's test
// accuracy against fp32's, on the slice's 1,000 test images (one image is 0.001).
#include <gtest/gtest.h>

#include "tests/mlp/slice_dir.h"
#include "workloads/mlp/eigen_threads.h"
#include "workloads/mlp/kernel_mlp.h"
#include "workloads/mlp/mlp_training.h"

namespace joulebench::mlp {
namespace {

// The MLP runs on one thread (see eigen_threads.h).
const EigenThreads one_thread(1);

struct Trained {
  const FashionMnist& data = cached_fashion_mnist(committed_fashion_mnist_slice_dir());
  MlpWeights weights = init_mlp({784, 96, 64, 10}, 2);
  Trained() {
    Trainer trainer(weights, default_optimizer(OptimizerKind::adam), data.train, 32, 2);
    for (int e = 0; e < 4; ++e)
      trainer.epoch();
  }
};

const Trained& trained() {
  static const Trained t;
  return t;
}

double accuracy_at(kernels::Precision precision) {
  const Trained& t = trained();
  KernelMlp model(t.weights, precision, calibrate_input_scales(t.weights, t.data.train, 2000));
  return accuracy(
      [&](const Eigen::MatrixXf& x) -> const Eigen::MatrixXf& { return model.logits(x); },
      t.data.test);
}

double fp32_accuracy() {
  return accuracy(trained().weights, trained().data.test);
}

TEST(QuantizedInference, ModelIsTrained) {
  EXPECT_GE(fp32_accuracy(), 0.75);
}

// The same products in another summation order: at most a couple of near-ties flip.
TEST(QuantizedInference, KernelFp32MatchesEigen) {
  EXPECT_NEAR(accuracy_at(kernels::Precision::fp32), fp32_accuracy(), 0.003);
}

// Stated bounds, in accuracy points of 1: bf16 (8-bit mantissa) 0.01; int8 weights per channel
// with calibrated int8 activations 0.02; int4 weights (15 levels per channel) 0.05.
TEST(QuantizedInference, Bf16WithinOnePointOfFp32) {
  EXPECT_NEAR(accuracy_at(kernels::Precision::bf16), fp32_accuracy(), 0.01);
}

TEST(QuantizedInference, Int8WithinTwoPointsOfFp32) {
  EXPECT_NEAR(accuracy_at(kernels::Precision::int8), fp32_accuracy(), 0.02);
}

TEST(QuantizedInference, Int4WithinFivePointsOfFp32) {
  EXPECT_NEAR(accuracy_at(kernels::Precision::int4), fp32_accuracy(), 0.05);
}

TEST(QuantizedInference, LogitsCloseToFp32) {
  const Trained& t = trained();
  const Eigen::MatrixXf x = images_as_matrix(t.data.test, 0, 64);
  MlpForward reference(t.weights);
  const Eigen::MatrixXf expected = reference.logits(x);
  const auto scales = calibrate_input_scales(t.weights, t.data.train, 2000);
  // Relative Frobenius error of the logits; looser for fewer bits, and never exactly zero
  // (quantization that did nothing would be a bug too).
  for (auto [p, bound] :
       {std::pair{kernels::Precision::bf16, 0.02}, std::pair{kernels::Precision::int8, 0.05},
        std::pair{kernels::Precision::int4, 0.3}}) {
    KernelMlp model(t.weights, p, scales);
    const double error = (model.logits(x) - expected).norm() / expected.norm();
    EXPECT_LT(error, bound) << kernels::to_string(p);
    EXPECT_GT(error, 0.0) << kernels::to_string(p);
  }
}

TEST(QuantizedInference, CalibrationScalesCoverTheInputs) {
  const auto scales = calibrate_input_scales(trained().weights, trained().data.train, 2000);
  ASSERT_EQ(scales.size(), 3u);
  EXPECT_FLOAT_EQ(scales[0], 1.0f / 127.0f);  // images scaled to [0, 1] include a 255 pixel
  EXPECT_GT(scales[1], 0.0f);
}

}  // namespace
}  // namespace joulebench::mlp

namespace joulebench::mlp {
namespace {

TEST(QuantizeActivations, RoundsToNearestAndClamps) {
  const std::vector<float> x = {0.0f,   0.49f, 0.5f,   1.5f,   2.51f,
                                -0.51f, -2.5f, 126.6f, 300.0f, -1e9f};
  std::vector<std::int8_t> q(x.size());
  quantize_activations(x.data(), x.size(), 1.0f, q.data());
  EXPECT_EQ(q, (std::vector<std::int8_t>{0, 0, 0, 2, 3, -1, -2, 127, 127, -127}));
  quantize_activations(x.data(), 4, 0.5f, q.data());
  EXPECT_EQ(q[1], 1);  // 0.98
  EXPECT_EQ(q[3], 3);  // 3.0
}

}  // namespace
}  // namespace joulebench::mlp
