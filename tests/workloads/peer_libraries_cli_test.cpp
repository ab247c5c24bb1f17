// The real binary: each peer row's label and the run context say what the peer library ran, and
// `run` restarts itself once so that OpenBLAS runs the best core this CPU supports.

#include <gtest/gtest.h>

#include "common/result_schema.h"
#include "reporters/result_file.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "workloads/gemm/openblas_core.h"
#include "workloads/kernels/cpu_features.h"
#include "workloads/workload.h"

namespace joulebench {
namespace {

using testing::Process;
using testing::ProcessResult;

bool built_with_openblas() {
  return !select_workloads("^gemm/fp32/openblas/128$").empty();
}

ResultFile run_openblas_row(const testing::TempDir& dir, const testing::Environment& env) {
  const ProcessResult r =
      Process(JOULEBENCH_BINARY,
              {"run", "--meter", "model", "--filter", "^gemm/fp32/(openblas|eigen)/128$",
               "--min-time", "0.01", "--out", "run.json"},
              dir.path(), dir.path(), env)
          .wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return read_result_file(dir.path() / "run.json");
}

const ResultRow* row_named(const ResultFile& file, std::string_view prefix) {
  for (const ResultRow& row : file.rows) {
    if (row.name.starts_with(prefix))
      return &row;
  }
  return nullptr;
}

TEST(PeerLibrariesCli, AUsersCoreTypeIsRunAndNamedInTheRowAndTheContext) {
  if (!built_with_openblas())
    GTEST_SKIP() << "this build has no OpenBLAS peer";
  testing::TempDir dir;
  const ResultFile file = run_openblas_row(dir, {{kOpenBlasCoreType, "Prescott"}});
  const ResultRow* openblas = row_named(file, "gemm/fp32/openblas/128");
  ASSERT_NE(openblas, nullptr);
  // Every CPU joulebench meets has AVX2, on which SSE3 kernels are a fallback.
  const bool fallback = kernels::cpu_features().avx2;
  EXPECT_EQ(openblas->label,
            fallback ? "openblas core Prescott (a fallback)" : "openblas core Prescott");
  const auto peers = file.context_value(context_key::kPeerLibraries);
  ASSERT_TRUE(peers.has_value());
  EXPECT_NE(peers->find("openblas: core Prescott: OPENBLAS_CORETYPE=Prescott set by the user"),
            std::string::npos)
      << *peers;
  EXPECT_NE(peers->find("eigen "), std::string::npos) << *peers;
  const ResultRow* eigen = row_named(file, "gemm/fp32/eigen/128");
  ASSERT_NE(eigen, nullptr);
  EXPECT_TRUE(eigen->label.starts_with("eigen ")) << eigen->label;  // with its SIMD
}

TEST(PeerLibrariesCli, AFallbackOfOpenBlassOwnIsReplacedByARestartOnTheBestCore) {
  if (!built_with_openblas())
    GTEST_SKIP() << "this build has no OpenBLAS peer";
  const std::string best = best_openblas_core(kernels::cpu_features());
  if (best.empty())
    GTEST_SKIP() << "this CPU has neither AVX2 nor AVX-512: no better core to choose";
  testing::TempDir dir;
  // As if OpenBLAS had loaded Prescott on its own (it does on Intel Emerald Rapids).
  const ResultFile file = run_openblas_row(dir, {{kOpenBlasTestOwnChoice, "Prescott"}});
  const ResultRow* openblas = row_named(file, "gemm/fp32/openblas/128");
  ASSERT_NE(openblas, nullptr);
  EXPECT_EQ(openblas->label, "openblas core " + best);  // the restarted process loaded it
  const auto peers = file.context_value(context_key::kPeerLibraries);
  ASSERT_TRUE(peers.has_value());
  EXPECT_NE(peers->find("OpenBLAS chose Prescott on this CPU, so joulebench set "
                        "OPENBLAS_CORETYPE=" +
                        best),
            std::string::npos)
      << *peers;
}

}  // namespace
}  // namespace joulebench
