// The main() of every GoogleTest program (tests/CMakeLists.txt links it in place of gtest_main).
// Before any test runs, nothing of the tester's shell or home can reach the code under test:
//  - every variable it or its libraries read is dropped (clean_environment.h says which); a
//    library that read one as it loaded (Google Benchmark's BENCHMARK_* flags, OpenMP, OpenBLAS)
//    cannot forget it, so then the program starts itself again without it;
//  - every energy source is pinned to "absent" (a test that wants one sets a fixture);
//  - HOME and the working directory are a fresh scratch directory, so no ~/.config/joulebench
//    or ./joulebench.json of the tester's is read. GoogleTest resolves its own output paths
//    (--gtest_output) against the directory it started in, as before.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/clean_environment.h"

extern char** environ;

namespace {

using joulebench::testing::is_read_by_the_code_under_test;
using joulebench::testing::is_read_when_libraries_load;

// Drops the variables the code under test reads; true when a library read one before main.
bool drop_variables_the_code_reads() {
  std::vector<std::string> names;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string_view name = text.substr(0, text.find('='));
    if (is_read_by_the_code_under_test(name))
      names.emplace_back(name);
  }
  bool read_at_load = false;
  for (const std::string& name : names) {
    read_at_load = read_at_load || is_read_when_libraries_load(name);
    ::unsetenv(name.c_str());
  }
  return read_at_load;
}

std::filesystem::path make_scratch_directory() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "joulebench-test-home-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("joulebench tests: cannot make a scratch directory");
    std::exit(2);
  }
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  if (drop_variables_the_code_reads()) {
    ::execv("/proc/self/exe", argv);
    std::perror("joulebench tests: cannot restart without the tester's variables");
    return 2;
  }
  for (const auto& [name, value] : joulebench::testing::no_sensor_environment())
    ::setenv(name.c_str(), value.c_str(), 1);

  ::testing::InitGoogleTest(&argc, argv);
  const std::filesystem::path scratch = make_scratch_directory();
  ::setenv("HOME", scratch.c_str(), 1);
  std::filesystem::current_path(scratch);

  const int result = RUN_ALL_TESTS();

  std::error_code ignored;
  std::filesystem::current_path("/", ignored);
  std::filesystem::remove_all(scratch, ignored);
  return result;
}
