// The GEMM workloads: FLOPs, rel_error against fp64 within each precision's bound, the path in
// the label, the forced fallback, pruning, peers (when built) and the catalog's names.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "workloads/gemm/gemm_eigen.h"
#include "workloads/gemm/gemm_kernels.h"
#include "workloads/gemm/gemm_pruned.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/rel_error.h"
#include "workloads/workload.h"

namespace joulebench {
namespace {

using kernels::Granularity;
using kernels::IsaCap;
using kernels::Precision;

double bound_for(Precision p) {
  switch (p) {
    case Precision::fp32:
      return 1e-6;
    case Precision::bf16:
      return 1e-2;
    case Precision::int8:
      return 2e-2;
    case Precision::int4:
      return 2.5e-1;
  }
  return 0.0;
}

class KernelWorkloadTest : public testing::TestWithParam<std::tuple<IsaCap, Precision>> {
 protected:
  void TearDown() override { kernels::reset_isa_cap(); }
};

TEST_P(KernelWorkloadTest, RelErrorWithinThePrecisionsBound) {
  const auto [cap, precision] = GetParam();
  kernels::set_isa_cap(cap);
  for (GemmShape shape : {GemmShape{1, 1, 1}, GemmShape{7, 7, 7}, GemmShape{33, 33, 33},
                          GemmShape{257, 257, 257}, GemmShape{7, 257, 33}}) {
    for (Granularity g : {Granularity::per_channel, Granularity::per_tensor}) {
      const GemmKernelWorkload w(shape, precision, g, 1);
      EXPECT_EQ(w.flops_per_iteration(), 2.0 * shape.m * shape.n * shape.k);
      EXPECT_EQ(w.implementation(), kernels::kernel_path(precision));
      const double error = w.quality().at("rel_error");
      EXPECT_TRUE(within(error, bound_for(precision))) << shape.name() << ": " << error;
      // Quantization and rounding do cost something (the inputs are never all representable).
      if (precision != Precision::fp32 && shape.k > 1) {
        EXPECT_GT(error, 1e-6) << shape.name();
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Paths, KernelWorkloadTest,
                         testing::Combine(testing::Values(IsaCap::portable, IsaCap::avx2,
                                                          IsaCap::avx512),
                                          testing::Values(Precision::fp32, Precision::bf16,
                                                          Precision::int8, Precision::int4)));

TEST(KernelWorkload, ForcedFallbackIsLabelledPortable) {
  kernels::set_isa_cap(IsaCap::portable);
  const GemmKernelWorkload w({33, 33, 33}, Precision::int8, Granularity::per_channel, 1);
  kernels::reset_isa_cap();
  EXPECT_EQ(w.implementation(), "portable");
}

TEST(KernelWorkload, RunWritesTheResultQualityChecks) {
  GemmKernelWorkload w({7, 33, 9}, Precision::fp32, Granularity::per_channel, 2);
  w.run();
  const GemmInputs inputs({7, 33, 9});
  EXPECT_TRUE(within(relative_error<float>(w.result(), inputs.reference()), 1e-6));
}

TEST(EigenWorkload, Fp64AndFp32AgainstTheReference) {
  // Against a long double reference, fp64 is off by rounding alone: small, and not exactly 0
  // (an exact 0 would mean the reference was computed the same way).
  const GemmEigen<double> d({33, 33, 33}, 1);
  EXPECT_TRUE(within(d.quality().at("rel_error"), 1e-14));
  EXPECT_GT(d.quality().at("rel_error"), 0.0);
  const GemmEigen<float> f({33, 7, 257}, 2);
  EXPECT_TRUE(within(f.quality().at("rel_error"), 1e-6));
  EXPECT_EQ(f.flops_per_iteration(), 2.0 * 33 * 7 * 257);
}

TEST(Pruning, ZeroesTheSmallestMagnitudes) {
  std::vector<float> w = {0.5f, -0.1f, 0.3f, -0.9f, 0.2f, -0.4f, 0.7f, 0.6f, -0.8f, 1.0f};
  prune_by_magnitude(w, 0.5);
  EXPECT_EQ(std::count(w.begin(), w.end(), 0.0f), 5);
  EXPECT_EQ(w, (std::vector<float>{0.0f, 0.0f, 0.0f, -0.9f, 0.0f, 0.0f, 0.7f, 0.6f, -0.8f, 1.0f}));
  EXPECT_THROW(prune_by_magnitude(w, 1.0), std::invalid_argument);
}

TEST(GemmInputs, SampledRelErrorAgreesWithTheFullOne) {
  // 300 x 300 = 90000 entries: above the 65536 that are checked one by one.
  const GemmInputs inputs({300, 40, 300});
  std::vector<double> ref = inputs.reference();
  std::vector<float> c(ref.size());
  std::mt19937 gen(3);
  std::normal_distribution<double> noise(0.0, 1e-3);
  for (std::size_t i = 0; i < c.size(); ++i)
    c[i] = static_cast<float>(ref[i] * (1.0 + noise(gen)));
  const double full = relative_error<float>(c, ref);
  EXPECT_NEAR(inputs.rel_error(c.data()), full, 0.05 * full);
  const GemmInputs small({7, 5, 9});
  std::vector<float> c_small(63, std::numeric_limits<float>::quiet_NaN());
  EXPECT_FALSE(within(small.rel_error(c_small.data()), 1.0));
}

TEST(PrunedWorkload, CountsTheWorkDoneAndTheErrorOfPruning) {
  const GemmShape shape{33, 64, 40};
  double previous_error = 0.0;
  for (double sparsity : {0.5, 0.9, 0.95}) {
    const GemmPruned w(shape, sparsity);
    const double kept = std::round((1.0 - sparsity) * shape.n * shape.k);
    EXPECT_NEAR(w.flops_per_iteration(), 2.0 * kept * shape.m, 2.0 * shape.m);
    const double error = w.quality().at("rel_error");
    EXPECT_GT(error, previous_error);  // more pruning, further from the dense product
    EXPECT_LT(error, 1.0);
    previous_error = error;
  }
}

TEST(Catalog, NamesAreUniqueAndTheDefaultSuiteIsASubset) {
  const auto all = all_workloads();
  std::set<std::string> names;
  for (const auto& spec : all)
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
  const auto suite = select_workloads("");
  EXPECT_FALSE(suite.empty());
  EXPECT_LT(suite.size(), all.size());
  EXPECT_EQ(select_workloads("", true).size(), all.size());
  for (const char* name : {"gemm/fp32/eigen/128", "gemm/fp32/eigen/1024",
                           "gemm/int8/joulebench/512", "gemv/int4/joulebench/4096x4096/batch:1"})
    EXPECT_TRUE(names.count(name)) << name;
  EXPECT_EQ(select_workloads("^gemm/int8/joulebench/512/threads:2$").size(), 1u);
}

// Peers, when this build has them: the same product within fp32/bf16/int8 bounds.
TEST(PeerWorkloads, AgreeWithTheReference) {
  std::size_t peers = 0;
  for (const auto& spec : select_workloads("/(openblas|onednn)/128$")) {
    ++peers;
    const auto w = spec.make();
    const double bound = spec.name.find("/bf16/") != std::string::npos   ? 1e-2
                         : spec.name.find("/int8/") != std::string::npos ? 2e-2
                                                                         : 1e-5;
    EXPECT_TRUE(within(w->quality().at("rel_error"), bound)) << spec.name;
    EXPECT_FALSE(w->implementation().empty()) << spec.name;
  }
  if (peers == 0) {
    EXPECT_FALSE(workloads_not_built().empty()) << "no peers and no reason given";
  }
}

}  // namespace
}  // namespace joulebench
