// Every kernel path and precision against fp64 references on odd shapes. Two references per
// quantized product: the exact one (the same integers, multiplied in fp64), which any indexing
// or packing bug breaks, and the unquantized fp64 product, which bounds the quantization error.

#include "workloads/kernels/linear.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "workloads/kernels/cpu_features.h"
#include "workloads/rel_error.h"

namespace joulebench::kernels {
namespace {

struct Shape {
  int m, n, k;
};

std::vector<float> random_values(std::size_t count, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> magnitude(0.1f, 1.0f);
  std::bernoulli_distribution negative(0.5);
  std::vector<float> v(count);
  for (float& x : v)
    x = negative(gen) ? -magnitude(gen) : magnitude(gen);
  return v;
}

// Y = X * W^T + bias in fp64, with element transforms applied to X and W first.
template <class FX, class FW>
std::vector<double> reference(const Shape& s, const std::vector<float>& x,
                              const std::vector<float>& w, const std::vector<float>& bias, FX fx,
                              FW fw) {
  std::vector<double> y(static_cast<std::size_t>(s.m) * s.n);
  for (int r = 0; r < s.m; ++r)
    for (int j = 0; j < s.n; ++j) {
      double sum = bias.empty() ? 0.0 : bias[j];
      for (int i = 0; i < s.k; ++i)
        sum += fx(x[static_cast<std::size_t>(r) * s.k + i], r, i) *
               fw(w[static_cast<std::size_t>(j) * s.k + i], j, i);
      y[static_cast<std::size_t>(r) * s.n + j] = sum;
    }
  return y;
}

const auto identity = [](float v, int, int) { return static_cast<double>(v); };

struct Case {
  IsaCap cap;
  Shape shape;
};

std::string name_of(const testing::TestParamInfo<Case>& info) {
  const char* cap = info.param.cap == IsaCap::portable ? "portable"
                    : info.param.cap == IsaCap::avx2   ? "avx2"
                                                       : "best";
  const Shape& s = info.param.shape;
  return std::string(cap) + "_" + std::to_string(s.m) + "x" + std::to_string(s.n) + "x" +
         std::to_string(s.k);
}

class LinearTest : public testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    set_isa_cap(GetParam().cap);
    const Shape& s = GetParam().shape;
    x_ = random_values(static_cast<std::size_t>(s.m) * s.k, 1);
    w_ = random_values(static_cast<std::size_t>(s.n) * s.k, 2);
    bias_ = random_values(s.n, 3);
    y_.assign(static_cast<std::size_t>(s.m) * s.n, -12345.0f);
  }
  void TearDown() override { reset_isa_cap(); }

  std::vector<float> x_, w_, bias_, y_;
};

TEST_P(LinearTest, Fp32MatchesFp64) {
  const Shape& s = GetParam().shape;
  const PackedFp32Weights w(w_.data(), s.n, s.k);
  linear_fp32(x_.data(), s.m, w, bias_.data(), y_.data());
  const auto ref = reference(s, x_, w_, bias_, identity, identity);
  EXPECT_TRUE(within(relative_error<float>(y_, ref), 1e-6)) << relative_error<float>(y_, ref);
}

TEST_P(LinearTest, Bf16MatchesFp64OfTheRoundedInputs) {
  const Shape& s = GetParam().shape;
  const PackedBf16Weights w(w_.data(), s.n, s.k);
  linear_bf16(x_.data(), s.m, w, bias_.data(), y_.data());
  const auto rounded = [](float v, int, int) { return static_cast<double>(from_bf16(to_bf16(v))); };
  const auto exact = reference(s, x_, w_, bias_, rounded, rounded);
  EXPECT_TRUE(within(relative_error<float>(y_, exact), 1e-6)) << relative_error<float>(y_, exact);
  const auto ideal = reference(s, x_, w_, bias_, identity, identity);
  EXPECT_TRUE(within(relative_error<float>(y_, ideal), 1e-2)) << relative_error<float>(y_, ideal);

  // bf16 activations given directly give the same result.
  std::vector<bfloat16> xb(x_.size());
  for (std::size_t i = 0; i < x_.size(); ++i)
    xb[i] = to_bf16(x_[i]);
  std::vector<float> y2(y_.size());
  linear_bf16(xb.data(), s.m, w, bias_.data(), y2.data());
  EXPECT_EQ(y2, y_);
}

void check_quantized(const Shape& s, const std::vector<float>& x, const std::vector<float>& wf,
                     const std::vector<float>& bias, int bits, Granularity granularity,
                     double ideal_bound) {
  SCOPED_TRACE(testing::Message() << "int" << bits
                                  << (granularity == Granularity::per_tensor ? " per-tensor"
                                                                             : " per-channel"));
  const QuantizedWeights w(wf.data(), s.n, s.k, bits, granularity);
  const float x_scale = symmetric_scale(x.data(), x.size());
  std::vector<float> y(static_cast<std::size_t>(s.m) * s.n);
  linear_quantized(x.data(), s.m, x_scale, w, bias.data(), y.data());

  std::vector<std::int8_t> xq(x.size());
  quantize(x.data(), x.size(), x_scale, xq.data());
  const auto fx = [&](float, int r, int i) {
    return static_cast<double>(xq[static_cast<std::size_t>(r) * s.k + i]) * x_scale;
  };
  const auto fw = [&](float, int j, int i) {
    return static_cast<double>(w.value(j, i)) * w.scales()[j];
  };
  const auto exact = reference(s, x, wf, bias, fx, fw);
  EXPECT_TRUE(within(relative_error<float>(y, exact), 1e-6)) << relative_error<float>(y, exact);
  const auto ideal = reference(s, x, wf, bias, identity, identity);
  EXPECT_TRUE(within(relative_error<float>(y, ideal), ideal_bound))
      << relative_error<float>(y, ideal);

  // Pre-quantized activations take the same path to the same numbers.
  std::vector<float> y2(y.size());
  linear_quantized(QuantizedActivations{xq.data(), s.m, s.k, x_scale}, w, bias.data(), y2.data());
  EXPECT_EQ(y2, y);
}

TEST_P(LinearTest, Int8MatchesFp64) {
  const Shape& s = GetParam().shape;
  // Uniform data: the quantization step is max/127 against values of about half that.
  for (auto g : {Granularity::per_tensor, Granularity::per_channel})
    check_quantized(s, x_, w_, bias_, 8, g, 2e-2);
}

TEST_P(LinearTest, Int4MatchesFp64) {
  const Shape& s = GetParam().shape;
  for (auto g : {Granularity::per_tensor, Granularity::per_channel})
    check_quantized(s, x_, w_, bias_, 4, g, 2.5e-1);
}

TEST_P(LinearTest, ReluAndTwoThreadsAgreeWithOneThread) {
  const Shape& s = GetParam().shape;
  const PackedFp32Weights w(w_.data(), s.n, s.k);
  linear_fp32(x_.data(), s.m, w, nullptr, y_.data(),
              {.threads = 1, .activation = Activation::relu});
  std::vector<float> y2(y_.size());
  linear_fp32(x_.data(), s.m, w, nullptr, y2.data(),
              {.threads = 2, .activation = Activation::relu});
  EXPECT_EQ(y2, y_);
  const auto ref = reference(s, x_, w_, {}, identity, identity);
  std::vector<double> relu_ref(ref.size());
  for (std::size_t i = 0; i < ref.size(); ++i)
    relu_ref[i] = std::max(ref[i], 0.0);
  for (std::size_t i = 0; i < ref.size(); ++i)
    ASSERT_NEAR(y_[i], relu_ref[i], 1e-4) << i;
  const QuantizedWeights q(w_.data(), s.n, s.k, 8, Granularity::per_channel);
  linear_quantized(x_.data(), s.m, 0.01f, q, bias_.data(), y_.data(), {.threads = 1});
  linear_quantized(x_.data(), s.m, 0.01f, q, bias_.data(), y2.data(), {.threads = 2});
  EXPECT_EQ(y2, y_);
}

std::vector<Case> cases() {
  std::vector<Shape> shapes;
  for (int size : {1, 7, 33, 257})
    shapes.push_back({size, size, size});
  // Shapes that cross the microkernels' edges differently on each axis, k blocks included.
  // k 600 and 2100 cross the k blocks of the portable and AVX2 paths (256 groups) and of the
  // AVX-512 fp32 and bf16 paths (2048 values).
  for (Shape s : {Shape{7, 33, 257}, Shape{257, 1, 33}, Shape{13, 65, 600}, Shape{13, 40, 2100},
                  Shape{1, 257, 7}, Shape{25, 31, 3}})
    shapes.push_back(s);
  std::vector<Case> all;
  for (IsaCap cap : {IsaCap::portable, IsaCap::avx2, IsaCap::avx512})
    for (const Shape& s : shapes)
      all.push_back({cap, s});
  return all;
}

INSTANTIATE_TEST_SUITE_P(Paths, LinearTest, testing::ValuesIn(cases()), name_of);

// A caller's own threads each run a product with one kernel thread: each uses its own scratch
// (the calling thread's workspace, tile 0), whatever its number in the caller's team.
TEST(Linear, CallersThreadsEachGetTheirOwnScratch) {
  constexpr int m = 40, n = 70, k = 300, team = 4;
  const auto x = random_values(static_cast<std::size_t>(m) * k, 11);
  const auto wf = random_values(static_cast<std::size_t>(n) * k, 12);
  const PackedFp32Weights w(wf.data(), n, k);
  const QuantizedWeights q(wf.data(), n, k, 8, Granularity::per_channel);
  std::vector<float> alone(static_cast<std::size_t>(m) * n), alone_q(alone.size());
  linear_fp32(x.data(), m, w, nullptr, alone.data(), {.threads = 1});
  linear_quantized(x.data(), m, 0.01f, q, nullptr, alone_q.data(), {.threads = 1});
  std::vector<std::vector<float>> y(team, std::vector<float>(alone.size()));
  std::vector<std::vector<float>> y_q(team, std::vector<float>(alone.size()));
#pragma omp parallel for num_threads(team)
  for (int t = 0; t < team; ++t) {
    linear_fp32(x.data(), m, w, nullptr, y[t].data(), {.threads = 1});
    linear_quantized(x.data(), m, 0.01f, q, nullptr, y_q[t].data(), {.threads = 1});
  }
  for (int t = 0; t < team; ++t) {
    EXPECT_EQ(y[t], alone) << "caller thread " << t;
    EXPECT_EQ(y_q[t], alone_q) << "caller thread " << t;
  }
}

TEST(Linear, BadShapesAreClearErrors) {
  const std::vector<float> w(6, 0.5f), x(6, 0.5f);
  std::vector<float> y(6);
  EXPECT_THROW(PackedFp32Weights(w.data(), 0, 3), std::invalid_argument);
  EXPECT_THROW(QuantizedWeights(w.data(), 2, 3, 3, Granularity::per_tensor), std::invalid_argument);
  const PackedFp32Weights pw(w.data(), 2, 3);
  EXPECT_THROW(linear_fp32(x.data(), 0, pw, nullptr, y.data()), std::invalid_argument);
  const QuantizedWeights qw(w.data(), 2, 3, 8, Granularity::per_tensor);
  EXPECT_THROW(linear_quantized(x.data(), 2, 0.0f, qw, nullptr, y.data()), std::invalid_argument);
  EXPECT_THROW(linear_quantized(QuantizedActivations{nullptr, 2, 4, 1.0f}, qw, nullptr, y.data()),
               std::invalid_argument);
}

TEST(Linear, NanInputShowsUpAsAFailure) {
  std::vector<float> w = random_values(33 * 33, 5), x = random_values(33 * 33, 6);
  x[40] = std::numeric_limits<float>::quiet_NaN();
  const PackedFp32Weights pw(w.data(), 33, 33);
  std::vector<float> y(33 * 33);
  linear_fp32(x.data(), 33, pw, nullptr, y.data());
  const std::vector<double> ref(y.size(), 1.0);
  EXPECT_FALSE(within(relative_error<float>(y, ref), 1e300));
}

}  // namespace
}  // namespace joulebench::kernels
