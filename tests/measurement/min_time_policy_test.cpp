#include "harness/measurement/min_time_policy.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

FrontEndNames main_names() {
  FrontEndNames names;
  names.program = "./bench";
  names.min_time = "--benchmark_min_time";
  return names;
}

TEST(MinTimePolicy, RaisedToTheResolvableWindowWhenTheUserGaveNone) {
  const MinTimeChoice choice = choose_min_time(std::nullopt, Seconds{1.0}, "model", main_names());
  EXPECT_EQ(choice.seconds, 1.0);
  EXPECT_EQ(choice.note,
            "./bench: --benchmark_min_time raised to 1 s, the shortest window model "
            "resolves");
}

TEST(MinTimePolicy, GoogleBenchmarksDefaultIsKeptWhenItIsLongEnough) {
  const MinTimeChoice choice = choose_min_time(std::nullopt, Seconds{0.1}, "rapl", main_names());
  EXPECT_EQ(choice.seconds, std::nullopt);
  EXPECT_EQ(choice.note, "");
}

TEST(MinTimePolicy, TheUsersShorterTimeIsKeptWithAWarningNamingTheirFlag) {
  FrontEndNames names = main_names();
  names.program = "joulebench run";
  names.min_time = "--min-time";
  const MinTimeChoice choice = choose_min_time(0.05, Seconds{0.1}, "rapl", names);
  EXPECT_EQ(choice.seconds, 0.05);
  EXPECT_EQ(choice.note,
            "joulebench run: warning: --min-time 0.05 s is below the 0.1 s rapl "
            "resolves; rows under it are labelled");
  EXPECT_EQ(choose_min_time(2.0, Seconds{0.1}, "rapl", names).note, "");
}

}  // namespace
}  // namespace joulebench
