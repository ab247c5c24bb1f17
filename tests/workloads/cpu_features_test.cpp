#include "workloads/kernels/cpu_features.h"

#include <gtest/gtest.h>

namespace joulebench::kernels {
namespace {

class CapGuard {
 public:
  ~CapGuard() { reset_isa_cap(); }
};

TEST(KernelDispatch, PortableCapForcesThePortablePathEverywhere) {
  CapGuard guard;
  set_isa_cap(IsaCap::portable);
  for (Precision p : {Precision::fp32, Precision::bf16, Precision::int8, Precision::int4})
    EXPECT_EQ(kernel_path(p), "portable") << to_string(p);
}

TEST(KernelDispatch, PathFollowsTheCpuFeatures) {
  CapGuard guard;
  set_isa_cap(IsaCap::avx512);
  const CpuFeatures& f = cpu_features();
  EXPECT_EQ(kernel_path(Precision::int8), f.avx512_vnni ? "avx512-vnni"
                                          : f.avx2      ? "avx2"
                                                        : "portable");
  EXPECT_EQ(kernel_path(Precision::bf16), f.avx512_bf16 ? "avx512-bf16" : "portable");
  set_isa_cap(IsaCap::avx2);
  EXPECT_EQ(kernel_path(Precision::int8), f.avx2 ? "avx2" : "portable");
  EXPECT_EQ(kernel_path(Precision::fp32), f.avx2 ? "avx2" : "portable");
}

TEST(KernelDispatch, DescriptionNamesFeaturesAndPaths) {
  const std::string text = describe_kernels();
  EXPECT_NE(text.find("cpu: "), std::string::npos);
  EXPECT_NE(text.find("int8 "), std::string::npos);
}

}  // namespace
}  // namespace joulebench::kernels
