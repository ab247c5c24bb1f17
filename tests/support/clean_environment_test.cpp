// The test environment itself: a process a test starts sees only the clean set and what the test
// names; a test program started with a hostile environment runs as if it had none; and every
// variable the code reads is one the test main drops.

#include "tests/support/clean_environment.h"

#include <benchmark/benchmark.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/capturing_reporter.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace joulebench {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CleanEnvironment, AStartedProcessSeesOnlyTheCleanSetAndWhatTheTestNames) {
  const testing::ScopedVariable region("JOULEBENCH_REGION", "FR");
  const testing::ScopedVariable config("XDG_CONFIG_HOME", "/somewhere");
  const testing::ScopedVariable other("SOME_TESTER_VARIABLE", "1");
  const testing::ScopedVariable tmpdir("TMPDIR", std::nullopt);
  const testing::ScopedVariable asan("ASAN_OPTIONS", "detect_leaks=1");
  // The sanitizer presets set these for the whole ctest run; the expected set is fixed here.
  const testing::ScopedVariable ubsan("UBSAN_OPTIONS", std::nullopt);
  const testing::ScopedVariable tsan("TSAN_OPTIONS", std::nullopt);
  const testing::ScopedVariable lsan("LSAN_OPTIONS", std::nullopt);
  testing::TempDir dir;
  const auto r = testing::Process("/usr/bin/env", {}, dir.path(), dir.path(),
                                  {{"JOULEBENCH_KERNEL_ISA", "portable"},
                                   {"JOULEBENCH_POWERCAP_ROOT", "/fixture"}})
                     .wait();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> expected = {
      "ASAN_OPTIONS=detect_leaks=1",
      "HOME=" + dir.path().string(),
      "JOULEBENCH_KERNEL_ISA=portable",
      std::string("JOULEBENCH_NVML_LIBRARY=") + testing::kAbsentNvmlLibrary,
      std::string("JOULEBENCH_PERF_PMU_ROOT=") + testing::kAbsentPerfPmuRoot,
      "JOULEBENCH_POWERCAP_ROOT=/fixture",  // what the test names wins over the pin
      std::string("JOULEBENCH_SYSTEM_DATASETS=") + testing::kAbsentSystemDatasets,
      "LANG=C.UTF-8",
      std::string("PATH=") + std::getenv("PATH"),
  };
  EXPECT_EQ(lines(r.out), expected) << r.out;
}

// Run by the next test in a hostile environment; disabled so that it never runs on its own.
TEST(HermeticMain, DISABLED_ProbeRunsAsIfTheTesterHadSetNothing) {
  for (const char* name :
       {"JOULEBENCH_REGION", "JOULEBENCH_METER", "JOULEBENCH_CARBON_TABLES",
        "JOULEBENCH_KERNEL_ISA", "JOULEBENCH_DATA_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
        "BENCHMARK_REPETITIONS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"})
    EXPECT_EQ(std::getenv(name), nullptr) << name;
  EXPECT_STREQ(std::getenv("JOULEBENCH_POWERCAP_ROOT"), testing::kAbsentPowercapRoot);
  EXPECT_STREQ(std::getenv("JOULEBENCH_PERF_PMU_ROOT"), testing::kAbsentPerfPmuRoot);
  EXPECT_STREQ(std::getenv("JOULEBENCH_NVML_LIBRARY"), testing::kAbsentNvmlLibrary);
  EXPECT_STREQ(std::getenv("JOULEBENCH_SYSTEM_DATASETS"), testing::kAbsentSystemDatasets);
  EXPECT_STREQ(std::getenv("JOULEBENCH_UPDATE_GOLDEN"), "1");  // the tests' own switch stays
  EXPECT_STREQ(std::getenv("UNRELATED_VARIABLE"), "kept");
  // HOME and the working directory: a fresh scratch directory, not where the program started
  // (which holds a joulebench.json).
  const fs::path cwd = fs::current_path();
  EXPECT_EQ(fs::path(std::getenv("HOME")), cwd);
  EXPECT_FALSE(fs::exists("joulebench.json"));
  EXPECT_TRUE(fs::is_empty(cwd));
  // Google Benchmark read BENCHMARK_REPETITIONS=3 as it loaded; the restarted program never saw
  // it, so one run, no aggregates.
  benchmark::RegisterBenchmark("hermetic/probe", [](benchmark::State& state) {
    for (auto _ : state)
      benchmark::DoNotOptimize(state.iterations());
  })->Iterations(1);
  EXPECT_EQ(testing::run_benchmarks("^hermetic/probe/").runs().size(), 1u);
}

TEST(HermeticMain, ATestProgramStartedWithAHostileEnvironmentSeesNoneOfIt) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "joulebench.json") << R"({"region": "DE"})";
  const auto r =
      testing::Process(fs::read_symlink("/proc/self/exe").string(),
                       {"--gtest_also_run_disabled_tests",
                        "--gtest_filter=HermeticMain.DISABLED_ProbeRunsAsIfTheTesterHadSetNothing"},
                       dir.path(), dir.path(),
                       {{"JOULEBENCH_REGION", "FR"},
                        {"JOULEBENCH_METER", "perf"},
                        {"JOULEBENCH_CARBON_TABLES", "/nonexistent"},
                        {"JOULEBENCH_KERNEL_ISA", "avx9000"},
                        {"JOULEBENCH_POWERCAP_ROOT", dir.path().string()},
                        {"JOULEBENCH_UPDATE_GOLDEN", "1"},
                        {"JOULEBENCH_DATA_DIR", "/nonexistent"},
                        {"XDG_CONFIG_HOME", dir.path().string()},
                        {"XDG_CACHE_HOME", dir.path().string()},
                        {"BENCHMARK_REPETITIONS", "3"},
                        {"OMP_NUM_THREADS", "7"},
                        {"OPENBLAS_NUM_THREADS", "7"},
                        {"UNRELATED_VARIABLE", "kept"}})
          .wait();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("[  PASSED  ] 1 test"), std::string::npos) << r.out;
}

// Every variable joulebench's own code reads (getenv, or a CLI11 option's envname) is one the
// test main drops, or HOME, which it points at the scratch directory. A new getenv that this
// fails on belongs in is_read_by_the_code_under_test.
TEST(HermeticMain, DropsEveryVariableTheSourcesRead) {
  const std::regex read(R"re((?:getenv|envname)\("([A-Za-z0-9_]+)"\))re");
  std::set<std::string> names;
  for (const char* folder : {"app", "common", "harness", "include", "reporters", "workloads"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(JOULEBENCH_SOURCE_DIR) / folder)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".h")
        continue;
      std::ifstream in(entry.path());
      const std::string text{std::istreambuf_iterator<char>(in), {}};
      for (std::sregex_iterator m(text.begin(), text.end(), read), end; m != end; ++m)
        names.insert((*m)[1]);
    }
  }
  EXPECT_TRUE(names.contains("JOULEBENCH_REGION"));  // the scan found what it looks for
  for (const std::string& name : names) {
    if (name != "HOME") {
      EXPECT_TRUE(testing::is_read_by_the_code_under_test(name)) << name;
    }
  }
}

}  // namespace
}  // namespace joulebench
