#include "app/run_progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace joulebench::cli {
namespace {

using std::chrono::duration;

TEST(RunProgress, DurationsReadAsPeopleSayThem) {
  EXPECT_EQ(duration_text(duration<double>(0.4)), "0s");
  EXPECT_EQ(duration_text(duration<double>(45.0)), "45s");
  EXPECT_EQ(duration_text(duration<double>(65.0)), "1m 05s");
  EXPECT_EQ(duration_text(duration<double>(7380.0)), "2h 03m");
  EXPECT_EQ(duration_text(duration<double>(-3.0)), "0s");  // a clock that stepped back
}

TEST(RunProgress, TheFirstLineHasNoGuessAndLaterOnesGuessFromTheMean) {
  EXPECT_EQ(progress_line(0, 71, "gemm/fp32/eigen/64", duration<double>(0.0)),
            "[1/71] gemm/fp32/eigen/64");
  // 10 done in 20 s: 2 s each, 61 left including this one.
  EXPECT_EQ(progress_line(10, 71, "gemv/fp32/joulebench/4096x4096/batch:1", duration<double>(20)),
            "[11/71] gemv/fp32/joulebench/4096x4096/batch:1 (20s so far, about 2m 02s left)");
}

// Google Benchmark enters a workload several times (finding its iteration count, repetitions,
// interleaved repetitions): one line per workload, and none at all when quiet.
TEST(RunProgress, OneLinePerWorkloadHoweverOftenItIsEntered) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  RunProgress progress(2, out);
  progress.entering(0, "a");
  progress.entering(0, "a");
  progress.entering(1, "b");
  progress.entering(1, "b");
  // Random interleaving comes back to a workload after another: still one line each, never
  // "[3/2]" and never a negative time left.
  progress.entering(0, "a");
  progress.entering(1, "b");
  std::rewind(out);
  std::string text(256, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), out));
  std::fclose(out);
  EXPECT_EQ(text.rfind("joulebench run: [1/2] a\njoulebench run: [2/2] b (", 0), 0u) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;

  RunProgress quiet(2, nullptr);
  quiet.entering(0, "a");  // writes nowhere, and does not crash
}

}  // namespace
}  // namespace joulebench::cli
