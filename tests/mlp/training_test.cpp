// Training on the committed slice (3,000 training and 1,000 test images): short, but real.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/mlp/slice_dir.h"
#include "workloads/mlp/eigen_threads.h"
#include "workloads/mlp/mlp_training.h"

namespace joulebench::mlp {
namespace {

// The MLP runs on one thread (see eigen_threads.h).
const EigenThreads one_thread(1);

const FashionMnist& slice() {
  return cached_fashion_mnist(committed_fashion_mnist_slice_dir());
}

MlpWeights train(OptimizerKind kind, int epochs, unsigned seed) {
  MlpWeights w = init_mlp({784, 64, 10}, seed);
  Trainer trainer(w, default_optimizer(kind), slice().train, 32, seed);
  for (int e = 0; e < epochs; ++e)
    trainer.epoch();
  return w;
}

TEST(MlpTraining, UntrainedModelIsNearChance) {
  const double acc = accuracy(init_mlp({784, 64, 10}, 1), slice().test);
  EXPECT_LT(acc, 0.3);
}

// Fashion-MNIST MLPs reach about 80% on the first thousand test images after a few epochs on
// three thousand images; 0.75 leaves room for other seeds and compilers, and chance is 0.1.
TEST(MlpTraining, AdamLearnsTheSliceWithinSeconds) {
  const auto start = std::chrono::steady_clock::now();
  const double acc = accuracy(train(OptimizerKind::adam, 4, 1), slice().test);
  EXPECT_GE(acc, 0.75);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(MlpTraining, SgdWithMomentumLearnsTheSlice) {
  EXPECT_GE(accuracy(train(OptimizerKind::sgd_momentum, 4, 1), slice().test), 0.75);
}

TEST(MlpTraining, DeterministicForASeed) {
  const MlpWeights a = train(OptimizerKind::adam, 1, 7);
  const MlpWeights b = train(OptimizerKind::adam, 1, 7);
  const MlpWeights c = train(OptimizerKind::adam, 1, 8);
  for (std::size_t l = 0; l < a.layers(); ++l) {
    EXPECT_EQ(a.w[l], b.w[l]);
    EXPECT_EQ(a.b[l], b.b[l]);
  }
  EXPECT_NE(a.w[0], c.w[0]);
}

}  // namespace
}  // namespace joulebench::mlp
