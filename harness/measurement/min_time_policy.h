#pragma once
// How long Google Benchmark runs each benchmark, so that its energy window is one the meter can
// resolve. A counter that ticks every millisecond read over a few ticks prints quantisation noise
// as a result; the window has to span many update intervals (minimum_resolvable_window).
//
// Both front ends ask here: `joulebench run` for its --min-time, a JOULEBENCH_MAIN program for
// Google Benchmark's own --benchmark_min_time.

#include <optional>
#include <string>
#include <string_view>

#include "common/units.h"
#include "harness/measurement/front_end_names.h"

namespace joulebench {

// Google Benchmark 1.7.1's --benchmark_min_time when none is given.
inline constexpr Seconds kGoogleBenchmarkDefaultMinTime{0.5};

struct MinTimeChoice {
  std::optional<double> seconds;  // the minimum time to hand Google Benchmark; nullopt: its own
  std::string note;               // one line for stderr (no newline), or empty
};

// `requested`: the user's minimum time, if they gave one. Raised to `resolvable` when the user
// gave none and Google Benchmark's default is shorter; kept, with a warning, when the user's is
// below it (the user may want short windows, and those rows are labelled).
MinTimeChoice choose_min_time(std::optional<double> requested, Seconds resolvable,
                              std::string_view meter_name, const FrontEndNames& names);

}  // namespace joulebench
