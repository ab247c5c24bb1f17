#include "common/benchmark_json.h"

#include <gtest/gtest.h>

namespace joulebench {
namespace {

TEST(BenchmarkJson, NonFiniteNumbersBecomeNullOutsideStrings) {
  // As Google Benchmark 1.7.1 writes a cv over repetitions that all measured 0.
  EXPECT_EQ(with_non_finite_numbers_as_null(
                R"({"rel_error": NaN, "a": -NaN, "b": Infinity, "c": -Infinity, "d": 1.5})"),
            R"({"rel_error": null, "a": null, "b": null, "c": null, "d": 1.5})");
}

TEST(BenchmarkJson, StringsAreLeftAlone) {
  const std::string text =
      R"({"name": "NaN/Infinity", "label": "say \"NaN\" -Infinity", "x": [NaN]})";
  EXPECT_EQ(with_non_finite_numbers_as_null(text),
            R"({"name": "NaN/Infinity", "label": "say \"NaN\" -Infinity", "x": [null]})");
}

TEST(BenchmarkJson, ValidJsonIsUnchanged) {
  const std::string text = R"({"e": 1e-300, "s": "\\", "t": true, "n": null, "v": [-1, 2.5E3]})";
  EXPECT_EQ(with_non_finite_numbers_as_null(text), text);
}

}  // namespace
}  // namespace joulebench
