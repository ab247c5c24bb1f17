#include <gtest/gtest.h>

#include <random>

#include "workloads/mlp/eigen_threads.h"
#include "workloads/mlp/mlp_training.h"

namespace joulebench::mlp {
namespace {

// The MLP runs on one thread (see eigen_threads.h).
const EigenThreads one_thread(1);

// Loss in double precision from the network's fp32 logits, so the finite differences are not
// lost in rounding.
double loss_of(const MlpWeights& w, const Eigen::MatrixXf& x, const std::vector<int>& labels) {
  MlpForward forward(w);
  const Eigen::MatrixXd logits = forward.logits(x).cast<double>();
  double loss = 0.0;
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    const double top = logits.col(j).maxCoeff();
    loss += std::log((logits.col(j).array() - top).exp().sum()) -
            (logits(labels[static_cast<std::size_t>(j)], j) - top);
  }
  return loss / static_cast<double>(logits.cols());
}

TEST(MlpGradients, MatchCentralFiniteDifferences) {
  const std::vector<int> widths = {7, 6, 5, 4};
  MlpWeights w = init_mlp(widths, 3);
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (auto& b : w.b)
    b = b.unaryExpr([&](float) { return 0.1f * uniform(rng); });
  Eigen::MatrixXf x = Eigen::MatrixXf::NullaryExpr(7, 5, [&] { return uniform(rng); });
  const std::vector<int> labels = {0, 3, 1, 2, 3};

  MlpGradients g(widths);
  const float loss = g.compute(w, x, labels);
  EXPECT_NEAR(loss, loss_of(w, x, labels), 1e-5);

  constexpr float kStep = 1e-3f;
  int checked = 0;
  auto check = [&](float& param, float analytic, const std::string& what) {
    const float saved = param;
    param = saved + kStep;
    const double up = loss_of(w, x, labels);
    param = saved - kStep;
    const double down = loss_of(w, x, labels);
    param = saved;
    const double numeric = (up - down) / (2.0 * kStep);
    EXPECT_NEAR(analytic, numeric, 2e-4 + 1e-2 * std::abs(numeric)) << what;
    ++checked;
  };
  for (std::size_t l = 0; l < w.layers(); ++l) {
    for (Eigen::Index i = 0; i < w.w[l].size(); ++i)
      check(w.w[l].data()[i], g.dw[l].data()[i], "w[" + std::to_string(l) + "]");
    for (Eigen::Index i = 0; i < w.b[l].size(); ++i)
      check(w.b[l][i], g.db[l][i], "b[" + std::to_string(l) + "]");
  }
  EXPECT_EQ(checked, 7 * 6 + 6 + 6 * 5 + 5 + 5 * 4 + 4);
}

TEST(MlpGradients, GradientIsNotTriviallyZero) {
  const std::vector<int> widths = {7, 6, 4};
  const MlpWeights w = init_mlp(widths, 5);
  MlpGradients g(widths);
  g.compute(w, Eigen::MatrixXf::Constant(7, 2, 0.5f), std::vector<int>{1, 2});
  EXPECT_GT(g.dw[0].norm(), 0.0f);
  EXPECT_GT(g.dw[1].norm(), 0.0f);
}

TEST(MlpArchitecture, ParsesAndNames) {
  EXPECT_EQ(parse_architecture("784-256-256-10"), (std::vector<int>{784, 256, 256, 10}));
  EXPECT_EQ(architecture_name({784, 128, 10}), "784-128-10");
  EXPECT_THROW(parse_architecture("784--10"), std::invalid_argument);
  EXPECT_THROW(parse_architecture("784-128-9"), std::invalid_argument);
  EXPECT_THROW(parse_architecture("784-x-10"), std::invalid_argument);
}

TEST(MlpFlops, CountsTheThreeProductsOfTraining) {
  // forward 2*(784*128 + 128*10), weight gradients the same, input gradient of layer 2 only.
  EXPECT_DOUBLE_EQ(forward_flops_per_sample({784, 128, 10}), 2.0 * (784 * 128 + 128 * 10));
  EXPECT_DOUBLE_EQ(training_flops_per_sample({784, 128, 10}),
                   4.0 * (784 * 128 + 128 * 10) + 2.0 * 128 * 10);
}

}  // namespace
}  // namespace joulebench::mlp
