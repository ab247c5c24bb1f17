#pragma once
// The values of Google Benchmark's own flags that Google Benchmark checks itself, checked before
// it sees them. Its own reaction would break the one-line error model: a number it cannot parse
// is reported on a line of its own (then the flag is unrecognised: a second line), and an unknown
// --benchmark_format, --benchmark_out_format, --benchmark_time_unit or an empty
// --benchmark_color prints its usage and exits 0, as if nothing were wrong.

#include <string>
#include <vector>

namespace joulebench {

// Throws UserError (common/error_model.h), one line naming the flag and its value, for the first
// value Google Benchmark 1.7 would refuse: --benchmark_min_time, --benchmark_min_warmup_time (a
// number, as strtod reads it), --benchmark_repetitions, --v (a 32-bit whole number),
// --benchmark_format, --benchmark_out_format (console, json or csv), --benchmark_color (not
// empty), --benchmark_time_unit (ns, us, ms or s). Other arguments are not looked at. The bounds
// of the numbers are common/flag_rules.h's (check_benchmark_flags).
void check_benchmark_flag_values(const std::vector<std::string>& args);

}  // namespace joulebench
