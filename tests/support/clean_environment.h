#pragma once
// The environment tests run in, so that no test depends on the tester's shell or the host's
// sensors:
//  - a process a test starts (testing::Process) gets only PATH, LANG=C.UTF-8, HOME (the test's
//    own directory), TMPDIR and the sanitizers' options if set, every energy source pinned to
//    "absent", and the variables the test names itself;
//  - the test program itself (tests/support/hermetic_main.cpp) drops every variable the code
//    under test or its libraries read, pins the same sources, and works in a scratch directory.

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace joulebench::testing {

// Variables a test sets for a process it starts, beside the clean set; they win over it.
using Environment = std::map<std::string, std::string>;

// Where no energy source exists on any host: a test that wants a sensor points the variable at
// a fixture (tests/support/powercap_fixture.h) instead.
inline constexpr const char* kAbsentPowercapRoot = "/nonexistent/joulebench-test/powercap";
inline constexpr const char* kAbsentPerfPmuRoot = "/nonexistent/joulebench-test/power-pmu";
inline constexpr const char* kAbsentNvmlLibrary = "/nonexistent/joulebench-test/libnvidia-ml.so.1";
// The distribution's data set packages (/usr/share/datasets): without them the MLP rows read the
// committed Fashion-MNIST slice on every host, whether dataset-fashion-mnist is installed or not.
inline constexpr const char* kAbsentSystemDatasets = "/nonexistent/joulebench-test/datasets";

// Every source joulebench discovers on the host, pinned to "absent": auto selection gives the
// labelled estimate on every host, an explicit --meter rapl|perf|nvml is unusable everywhere,
// and the MLP rows read the same data everywhere.
inline Environment no_sensor_environment() {
  return {{"JOULEBENCH_POWERCAP_ROOT", kAbsentPowercapRoot},
          {"JOULEBENCH_PERF_PMU_ROOT", kAbsentPerfPmuRoot},
          {"JOULEBENCH_NVML_LIBRARY", kAbsentNvmlLibrary},
          {"JOULEBENCH_SYSTEM_DATASETS", kAbsentSystemDatasets}};
}

// Variables of the tester's environment that pass to a started process because they configure
// the tools around the test, not the code under test.
inline constexpr std::array<const char*, 5> kPassedThrough = {
    "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"};

// The whole environment ("NAME=value" strings, for execve) of a process a test starts, with
// HOME at `home`: PATH, LANG, HOME, the passed-through variables that are set, the no-sensor
// pins, then `extra`.
inline std::vector<std::string> child_environment(const std::filesystem::path& home,
                                                  const Environment& extra = {}) {
  Environment all = {{"LANG", "C.UTF-8"}, {"HOME", home.string()}};
  const char* path = std::getenv("PATH");
  all["PATH"] = path != nullptr && *path != '\0' ? path : "/usr/local/bin:/usr/bin:/bin";
  for (const char* name : kPassedThrough) {
    if (const char* value = std::getenv(name); value != nullptr)
      all[name] = value;
  }
  for (auto& [name, value] : no_sensor_environment())
    all[name] = value;
  for (const auto& [name, value] : extra)
    all[name] = value;
  std::vector<std::string> entries;
  for (const auto& [name, value] : all)
    entries.push_back(name + "=" + value);
  return entries;
}

// Whether `name` is a variable the code under test reads (joulebench's own, the XDG config
// directory the region comes from, the XDG cache directory of the weights) or a library it links
// reads (Google Benchmark's flags, OpenMP, OpenBLAS, oneDNN). JOULEBENCH_UPDATE_GOLDEN is the
// golden-file tests' own switch (tests/support/golden_file.h), not an input of the code under test,
// so it stays.
inline bool is_read_by_the_code_under_test(std::string_view name) {
  if (name == "JOULEBENCH_UPDATE_GOLDEN")
    return false;
  // GLIBC_TUNABLES: the reading commands restart with a malloc tunable unless the user set one
  // (app/huge_page_restart.h); a tester's own tunables would change which path a test takes.
  // XDG_CACHE_HOME: where the trained MLP weights are cached (workloads/mlp/data_locations.h).
  if (name == "XDG_CONFIG_HOME" || name == "XDG_CACHE_HOME" || name == "GLIBC_TUNABLES")
    return true;
  for (std::string_view prefix :
       {"JOULEBENCH_", "BENCHMARK_", "OMP_", "GOMP_", "OPENBLAS_", "GOTO_", "ONEDNN_", "DNNL_"}) {
    if (name.starts_with(prefix))
      return true;
  }
  return false;
}

// Whether a library reads `name` once, when it loads (before main): unsetting it then is too
// late, so the test program starts itself again without it.
inline bool is_read_when_libraries_load(std::string_view name) {
  return is_read_by_the_code_under_test(name) && !name.starts_with("JOULEBENCH_") &&
         name != "XDG_CONFIG_HOME" && name != "XDG_CACHE_HOME";
}

// Sets (or, given std::nullopt, unsets) a variable of this test program for one scope, then puts
// back what was there: in-process tests of code that reads the environment.
class ScopedVariable {
 public:
  ScopedVariable(std::string name, const std::optional<std::string>& value)
      : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str()); old != nullptr)
      previous_ = old;
    set(value);
  }
  ~ScopedVariable() { set(previous_); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  void set(const std::optional<std::string>& value) const {
    if (value)
      ::setenv(name_.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }

  std::string name_;
  std::optional<std::string> previous_;
};

}  // namespace joulebench::testing
