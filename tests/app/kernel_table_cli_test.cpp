// joulebench-kernel-table as scripts/kernel_table.sh runs it: the tables on a good result file,
// and on bad input one line "joulebench-kernel-table: error: ..." with exit 2, as every
// joulebench program (common/error_model.h).

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

testing::ProcessResult run_tool(const testing::TempDir& dir, const std::vector<std::string>& args) {
  return testing::Process(JOULEBENCH_KERNEL_TABLE, args, dir.path(), dir.path()).wait();
}

void write(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.path() / name) << text;
}

void expect_one_line_error(const testing::ProcessResult& r, const std::string& mention) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  ASSERT_FALSE(r.err.empty());
  EXPECT_TRUE(r.err.starts_with("joulebench-kernel-table: error: ")) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line:\n" << r.err;
  EXPECT_NE(r.err.find(mention), std::string::npos) << r.err;
}

TEST(KernelTableCli, PrintsBothTablesForAResultFile) {
  testing::TempDir dir;
  write(dir, "run.json", R"({
    "context": {"host_name": "test", "joulebench_provenance": "measured",
                "joulebench_meter": "rapl"},
    "benchmarks": [
      {"name": "gemm/int8/joulebench/512", "run_type": "iteration", "iterations": 10,
       "real_time": 1000, "cpu_time": 1000, "time_unit": "us", "flops": 4e8, "energy_J": 0.02},
      {"name": "gemm/int8/onednn/512", "run_type": "iteration", "iterations": 10,
       "real_time": 800, "cpu_time": 800, "time_unit": "us", "flops": 4e8, "energy_J": 0.025}
    ]})");
  const testing::ProcessResult r = run_tool(dir, {"run.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_NE(r.out.find("| gemm/int8/512 | 1 | 400.0 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("measured by meter rapl"), std::string::npos) << r.out;
}

TEST(KernelTableCli, BadInputIsOneLineAndExitTwo) {
  testing::TempDir dir;
  expect_one_line_error(run_tool(dir, {}), "usage: joulebench-kernel-table RESULT.json");
  expect_one_line_error(run_tool(dir, {"a.json", "b.json"}), "expected one argument");
  expect_one_line_error(run_tool(dir, {"missing.json"}), "missing.json");
  write(dir, "empty.json", "");
  expect_one_line_error(run_tool(dir, {"empty.json"}), "empty.json");
  write(dir, "broken.json", "{\"benchmarks\": [");
  expect_one_line_error(run_tool(dir, {"broken.json"}), "broken.json");
  write(dir, "other.json", "{\"rows\": []}");
  expect_one_line_error(run_tool(dir, {"other.json"}), "not a Google Benchmark result");
  std::filesystem::create_directory(dir.path() / "a-directory");
  expect_one_line_error(run_tool(dir, {"a-directory"}), "a-directory");
}

}  // namespace
}  // namespace joulebench
