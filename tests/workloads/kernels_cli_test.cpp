// The real binary with the kernel path forced through JOULEBENCH_KERNEL_ISA: the row's label and
// the run context say which path ran, and a bad value is a one-line error before anything runs.

#include <gtest/gtest.h>

#include <algorithm>

#include "common/result_schema.h"
#include "reporters/result_file.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

using testing::Process;
using testing::ProcessResult;

testing::Environment kernel_isa(const char* value) {
  return {{"JOULEBENCH_KERNEL_ISA", value}};
}

TEST(KernelsCli, ForcedPortablePathIsLabelledAndInTheContext) {
  testing::TempDir dir;
  const ProcessResult r =
      Process(JOULEBENCH_BINARY,
              {"run", "--meter", "model", "--filter", "^gemm/int8/joulebench/128$", "--min-time",
               "0.01", "--out", "run.json"},
              dir.path(), dir.path(), kernel_isa("portable"))
          .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const ResultFile file = read_result_file(dir.path() / "run.json");
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_EQ(file.rows[0].label.rfind("portable", 0), 0u) << file.rows[0].label;
  const double error = file.rows[0].counter(counter::kRelError).value_or(-1.0);
  EXPECT_GT(error, 0.0);
  EXPECT_LT(error, 2e-2);
  const auto paths = file.context_value(context_key::kKernelPaths);
  ASSERT_TRUE(paths.has_value());
  EXPECT_NE(paths->find("int8 portable"), std::string::npos) << *paths;
}

TEST(KernelsCli, UnknownIsaIsAOneLineError) {
  testing::TempDir dir;
  const auto r = Process(JOULEBENCH_BINARY,
                         {"run", "--filter", "^gemm/int8/joulebench/128$", "--out", "run.json"},
                         dir.path(), dir.path(), kernel_isa("avx9000"))
                     .wait();
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("JOULEBENCH_KERNEL_ISA='avx9000'"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{});
}

}  // namespace
}  // namespace joulebench
