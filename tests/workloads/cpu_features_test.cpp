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

// The choice from fixed CPUs, so the test means the same on every host (this one's features
// decide nothing here).
TEST(KernelDispatch, PathFollowsTheCpuFeatures) {
  using P = KernelPath;
  const CpuFeatures baseline;
  const CpuFeatures haswell{.avx2 = true};
  const CpuFeatures skylake_sp{.avx2 = true, .avx512 = true};
  const CpuFeatures cascade_lake{.avx2 = true, .avx512 = true, .avx512_vnni = true};
  const CpuFeatures sapphire_rapids{
      .avx2 = true, .avx512 = true, .avx512_vnni = true, .avx512_bf16 = true};
  struct Case {
    const CpuFeatures& cpu;
    IsaCap cap;
    P fp32, bf16, int8, int4;
  };
  const Case cases[] = {
      {baseline, IsaCap::avx512, P::portable, P::portable, P::portable, P::portable},
      {haswell, IsaCap::avx512, P::avx2, P::portable, P::avx2, P::portable},
      {skylake_sp, IsaCap::avx512, P::avx512, P::portable, P::avx2, P::portable},
      {cascade_lake, IsaCap::avx512, P::avx512, P::portable, P::avx512_vnni, P::avx512_vnni},
      {sapphire_rapids, IsaCap::avx512, P::avx512, P::avx512_bf16, P::avx512_vnni, P::avx512_vnni},
      {sapphire_rapids, IsaCap::avx2, P::avx2, P::portable, P::avx2, P::portable},
      {sapphire_rapids, IsaCap::portable, P::portable, P::portable, P::portable, P::portable},
      {haswell, IsaCap::portable, P::portable, P::portable, P::portable, P::portable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << "avx2 " << c.cpu.avx2 << " avx512 " << c.cpu.avx512
                                      << " vnni " << c.cpu.avx512_vnni << " bf16 "
                                      << c.cpu.avx512_bf16 << " cap " << static_cast<int>(c.cap));
    EXPECT_STREQ(to_string(path_for(Precision::fp32, c.cpu, c.cap)), to_string(c.fp32));
    EXPECT_STREQ(to_string(path_for(Precision::bf16, c.cpu, c.cap)), to_string(c.bf16));
    EXPECT_STREQ(to_string(path_for(Precision::int8, c.cpu, c.cap)), to_string(c.int8));
    EXPECT_STREQ(to_string(path_for(Precision::int4, c.cpu, c.cap)), to_string(c.int4));
  }
}

// This host's path is the same choice applied to its own features and cap.
TEST(KernelDispatch, ThisHostsPathIsTheChoiceForItsFeatures) {
  CapGuard guard;
  for (IsaCap cap : {IsaCap::portable, IsaCap::avx2, IsaCap::avx512}) {
    set_isa_cap(cap);
    for (Precision p : {Precision::fp32, Precision::bf16, Precision::int8, Precision::int4})
      EXPECT_EQ(path_for(p), path_for(p, cpu_features(), cap)) << to_string(p);
  }
}

TEST(KernelDispatch, DescriptionNamesFeaturesAndPaths) {
  const std::string text = describe_kernels();
  EXPECT_NE(text.find("cpu: "), std::string::npos);
  EXPECT_NE(text.find("int8 "), std::string::npos);
}

// Every result file names the blocking each path ran with and the caches it came from.
TEST(KernelDispatch, DescriptionNamesTheBlockingAndItsCaches) {
  CapGuard guard;
  set_isa_cap(IsaCap::portable);
  const std::string text = describe_kernels();
  EXPECT_NE(text.find("fp32 portable (kc "), std::string::npos) << text;
  EXPECT_NE(text.find("int8 portable (kc all of k, nc 16 panels)"), std::string::npos) << text;
  EXPECT_NE(text.find("; blocking from L1d "), std::string::npos) << text;
}

}  // namespace
}  // namespace joulebench::kernels
