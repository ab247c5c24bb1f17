#include "reporters/kernel_table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace joulebench {
namespace {

constexpr const char* kRun = R"({
  "context": {"host_name": "test"},
  "benchmarks": [
    {"name": "gemm/int8/joulebench/512/real_time", "run_name": "gemm/int8/joulebench/512/real_time",
     "run_type": "iteration", "iterations": 10, "real_time": 1000, "cpu_time": 900,
     "time_unit": "us", "flops": 4e8, "label": "avx512-vnni; estimated"},
    {"name": "gemm/int8/onednn/512/real_time", "run_name": "gemm/int8/onednn/512/real_time",
     "run_type": "iteration", "iterations": 10, "real_time": 800, "cpu_time": 900,
     "time_unit": "us", "flops": 4e8, "label": "onednn brg"},
    {"name": "gemm/int8/joulebench/512/threads:2/real_time",
     "run_name": "gemm/int8/joulebench/512/threads:2/real_time", "run_type": "iteration",
     "iterations": 10, "real_time": 500, "cpu_time": 500, "time_unit": "us", "flops": 4e8},
    {"name": "not/a/kernel", "run_name": "not/a/kernel", "run_type": "iteration",
     "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "us"}
  ]
})";

TEST(KernelTable, PivotsBackendsAndDividesByThePeers) {
  const auto entries = kernel_table_entries(parse_result_json(kRun, "run.json"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].problem, "gemm/int8/512");
  EXPECT_EQ(entries[0].label, "avx512-vnni");
  EXPECT_DOUBLE_EQ(entries[0].gflops_real, 400.0);
  EXPECT_EQ(entries[2].threads, 2);
  std::ostringstream out;
  write_kernel_table(out, entries);
  // 400 against 500 GOP/s by real time; equal CPU times give 1.00.
  EXPECT_NE(out.str().find(
                "| gemm/int8/512 | 1 | 400.0 | avx512-vnni | 500.0 |  |  |  | 0.80 |  | 1.00 |"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("| gemm/int8/512 | 2 | 800.0 |"), std::string::npos) << out.str();
}

// Labelled rows are read from their labels; a threads segment that is no count stays in the
// problem instead of ending the program (it was std::stoi).
TEST(KernelTable, ReadsLabelsAndNeverThrowsOnAThreadsSegment) {
  const auto entries = kernel_table_entries(parse_result_json(R"({"benchmarks": [
    {"name": "k/real_time", "run_name": "k/real_time", "run_type": "iteration",
     "iterations": 1, "real_time": 1000, "cpu_time": 1000, "time_unit": "us", "flops": 1e9,
     "joulebench_task": "gemm/512/threads:2", "joulebench_variant": "int8/joulebench",
     "joulebench_precision": "int8", "joulebench_backend": "joulebench"},
    {"name": "gemm/fp32/eigen/512/threads:many/real_time",
     "run_name": "gemm/fp32/eigen/512/threads:many/real_time", "run_type": "iteration",
     "iterations": 1, "real_time": 1000, "cpu_time": 1000, "time_unit": "us", "flops": 1e9}]})",
                                                              "labels.json"));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].problem, "gemm/int8/512");
  EXPECT_EQ(entries[0].backend, "joulebench");
  EXPECT_EQ(entries[0].threads, 2);
  EXPECT_EQ(entries[1].problem, "gemm/fp32/512/threads:many");
  EXPECT_EQ(entries[1].threads, 1);
}

// Energy per operation beside speed: energy_J / flops in pJ, headed by how it was obtained; rows
// without energy (a failed meter's, or none) stay blank, never 0.
TEST(KernelTable, EnergyPerOperationInPicojoules) {
  constexpr const char* kWithEnergy = R"({
    "context": {"host_name": "test", "joulebench_provenance": "measured"},
    "benchmarks": [
      {"name": "gemm/int8/joulebench/512", "run_type": "iteration", "iterations": 10,
       "real_time": 1000, "cpu_time": 1000, "time_unit": "us", "flops": 4e8, "energy_J": 0.02},
      {"name": "gemm/int8/onednn/512", "run_type": "iteration", "iterations": 10,
       "real_time": 800, "cpu_time": 800, "time_unit": "us", "flops": 4e8, "energy_J": 0.025},
      {"name": "gemm/int8/openblas/512", "run_type": "iteration", "iterations": 10,
       "real_time": 800, "cpu_time": 800, "time_unit": "us", "flops": 4e8}
    ]})";
  const auto entries = kernel_table_entries(parse_result_json(kWithEnergy, "run.json"));
  ASSERT_EQ(entries.size(), 3u);
  ASSERT_TRUE(entries[0].picojoules_per_op);
  EXPECT_DOUBLE_EQ(*entries[0].picojoules_per_op, 50.0);  // 0.02 J / 4e8 OP
  EXPECT_FALSE(entries[2].picojoules_per_op);
  std::ostringstream out;
  write_kernel_energy_table(out, entries, "measured by meter rapl");
  EXPECT_NE(out.str().find("pJ/FLOP (pJ/OP for integers; lower is better), measured by meter rapl"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("| gemm/int8/512 | 1 | 50 | 62.5 |  |  |  | 0.80 |  |"),
            std::string::npos)
      << out.str();

  std::ostringstream none;
  write_kernel_energy_table(none, kernel_table_entries(parse_result_json(kRun, "run.json")), "x");
  EXPECT_EQ(none.str(), "No energy per operation: no row of the file has an energy figure.\n");
}

TEST(KernelTable, SortsRowsByTaskPrecisionSizeAndThreads) {
  std::vector<KernelTableEntry> entries;
  for (const char* problem :
       {"gemm/int8/1024", "gemv/fp32/4096x4096/batch:1", "gemm/int8/512", "gemm/fp32/2048"})
    entries.push_back({problem, 1, "joulebench", 1.0, 1.0, "", std::nullopt});
  entries.push_back({"gemm/int8/512", 2, "joulebench", 1.0, 1.0, "", std::nullopt});
  std::ostringstream out;
  write_kernel_table(out, entries);
  const std::string text = out.str();
  const auto at = [&](const char* row) { return text.find(row); };
  EXPECT_LT(at("| gemm/fp32/2048 | 1"), at("| gemm/int8/512 | 1"));
  EXPECT_LT(at("| gemm/int8/512 | 1"), at("| gemm/int8/512 | 2"));
  EXPECT_LT(at("| gemm/int8/512 | 2"), at("| gemm/int8/1024 | 1"));
  EXPECT_LT(at("| gemm/int8/1024 | 1"), at("| gemv/fp32/4096x4096/batch:1 | 1"));
}

}  // namespace
}  // namespace joulebench
