// Which OpenBLAS core a peer row should run, decided for CPUs joulebench has met, whatever CPU
// runs the test.

#include "workloads/gemm/openblas_core.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

kernels::CpuFeatures avx512_cpu() {
  return {.avx2 = true, .avx512 = true, .avx512_vnni = true, .avx512_bf16 = true};
}
kernels::CpuFeatures avx2_cpu() {
  return {.avx2 = true, .avx512 = false, .avx512_vnni = false, .avx512_bf16 = false};
}
kernels::CpuFeatures sse_cpu() {
  return {.avx2 = false, .avx512 = false, .avx512_vnni = false, .avx512_bf16 = false};
}

TEST(OpenBlasCore, TiersFollowTheWidestInstructionsOfTheKernels) {
  EXPECT_EQ(openblas_core_tier("Prescott"), OpenBlasTier::sse);
  EXPECT_EQ(openblas_core_tier("Sandybridge"), OpenBlasTier::avx);
  EXPECT_EQ(openblas_core_tier("Haswell"), OpenBlasTier::avx2);
  EXPECT_EQ(openblas_core_tier("Zen"), OpenBlasTier::avx2);
  EXPECT_EQ(openblas_core_tier("SkylakeX"), OpenBlasTier::avx512);
  EXPECT_EQ(openblas_core_tier("cooperlake"), OpenBlasTier::avx512);  // as users type it
  EXPECT_EQ(openblas_core_tier("SapphireRapids"), OpenBlasTier::avx512);
  EXPECT_EQ(openblas_core_tier("Neoverse"), OpenBlasTier::unknown);
  EXPECT_EQ(openblas_core_tier(""), OpenBlasTier::unknown);
}

TEST(OpenBlasCore, BestCoreIsTheWidestTheCpuSupports) {
  EXPECT_EQ(best_openblas_core(avx512_cpu()), "SkylakeX");
  EXPECT_EQ(best_openblas_core(avx2_cpu()), "Haswell");
  EXPECT_EQ(best_openblas_core(sse_cpu()), "");
}

// Emerald Rapids with OpenBLAS 0.3.21: Prescott on an AVX-512 CPU (the case of issue 17).
TEST(OpenBlasCore, AnOwnChoiceBelowTheCpuRestartsWithTheBestCore) {
  const OpenBlasCoreDecision d = decide_openblas_core("Prescott", avx512_cpu(), nullptr, nullptr);
  EXPECT_EQ(d.restart_with, "SkylakeX");
  EXPECT_TRUE(d.fallback);  // until the restart happens
  EXPECT_EQ(d.loaded, "Prescott");
  EXPECT_NE(d.provenance.find("a fallback: this CPU supports SkylakeX"), std::string::npos)
      << d.provenance;
}

TEST(OpenBlasCore, AfterTheRestartTheProvenanceSaysWhatOpenBlasHadChosen) {
  const OpenBlasCoreDecision d =
      decide_openblas_core("SkylakeX", avx512_cpu(), "SkylakeX", "Prescott");
  EXPECT_TRUE(d.restart_with.empty());  // never twice
  EXPECT_FALSE(d.fallback);
  EXPECT_EQ(d.provenance,
            "core SkylakeX: OpenBLAS chose Prescott on this CPU, so joulebench set "
            "OPENBLAS_CORETYPE=SkylakeX (the best core this CPU supports) and restarted");
}

TEST(OpenBlasCore, AUsersCoreTypeIsKeptAndAFallbackSaidToBeOne) {
  const OpenBlasCoreDecision d = decide_openblas_core("Haswell", avx512_cpu(), "Haswell", nullptr);
  EXPECT_TRUE(d.restart_with.empty());
  EXPECT_TRUE(d.fallback);
  EXPECT_EQ(d.provenance, "core Haswell: OPENBLAS_CORETYPE=Haswell set by the user");
}

TEST(OpenBlasCore, AGoodOwnChoiceStands) {
  // OpenBLAS picks Cooperlake on AMD Zen 5: as wide as SkylakeX, so nothing to change.
  const OpenBlasCoreDecision zen5 =
      decide_openblas_core("Cooperlake", avx512_cpu(), nullptr, nullptr);
  EXPECT_TRUE(zen5.restart_with.empty());
  EXPECT_FALSE(zen5.fallback);
  EXPECT_EQ(zen5.provenance, "core Cooperlake, OpenBLAS's own choice");
  EXPECT_FALSE(decide_openblas_core("Haswell", avx2_cpu(), nullptr, nullptr).fallback);
  EXPECT_FALSE(decide_openblas_core("Prescott", sse_cpu(), nullptr, nullptr).fallback);
}

TEST(OpenBlasCore, AnUnknownCoreIsNeitherJudgedNorReplaced) {
  const OpenBlasCoreDecision d = decide_openblas_core("Neoverse", avx512_cpu(), nullptr, nullptr);
  EXPECT_TRUE(d.restart_with.empty());
  EXPECT_FALSE(d.fallback);
}

}  // namespace
}  // namespace joulebench
