#pragma once
// Google Benchmark 1.7.1 writes a counter that is not finite as a bare NaN, -NaN, Infinity or
// -Infinity (for instance the cv of a counter that is 0 in every repetition), which is not JSON:
// a strict parser would reject the whole result file for one statistic. Result files are read
// through this first, which turns those tokens (outside strings) into null: "no value".

#include <string>
#include <string_view>

namespace joulebench {

std::string with_non_finite_numbers_as_null(std::string_view json_text);

}  // namespace joulebench
