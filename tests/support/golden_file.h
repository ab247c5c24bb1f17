#pragma once
// Golden-file checks shared by the renderers' tests. With JOULEBENCH_UPDATE_GOLDEN set, the
// golden file is rewritten from the actual output first; review its diff before committing it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace joulebench::testing {

inline void expect_matches_golden(const std::string& actual, const std::filesystem::path& path) {
  if (std::getenv("JOULEBENCH_UPDATE_GOLDEN") != nullptr)
    std::ofstream(path, std::ios::binary) << actual;
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

}  // namespace joulebench::testing
