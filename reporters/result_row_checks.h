#pragma once
// What a result file's row may hold: which keys are Google Benchmark's own fields, which counters
// are joulebench's, and the figures no run can produce. Used by the result-file reader; kept
// apart from it so the rules read as one list, not as branches of a parser.

#include <cstdint>
#include <string>
#include <string_view>

namespace joulebench::result_rows {

// Keys Google Benchmark 1.7-1.9 writes for each run; every other numeric key is a user counter.
bool is_run_field(std::string_view key);

// The counters joulebench writes (result_schema.h), the per-domain energies included: these must
// be numbers when present (or null, "no value"), never strings or objects.
bool is_joulebench_counter(std::string_view key);

// Seconds per Google Benchmark time unit ("ns", "us", "ms", "s"); 0 for any other unit.
double seconds_per_unit(std::string_view unit);

// The checks below throw std::runtime_error, one line naming `source` and the benchmark. A file
// that holds such a figure was edited or damaged, and any statement made from the rest of it
// would be suspect too: it is refused whole, never read with the row dropped.

// Iteration counts are whole numbers Google Benchmark keeps in an int64; anything else (1e19,
// -3, 2.5) would make the cast undefined or the figure meaningless.
std::int64_t iteration_count(double value, const std::string& source, const std::string& name);

// real_time or cpu_time (`key`): never negative; zero only where `may_be_zero` (an aggregate row,
// whose cv or stddev may be 0, or a failed or skipped run, which has no time) or where the file
// does not give the field at all (`present` false).
void check_run_time(std::string_view key, double value, bool present, bool may_be_zero,
                    const std::string& source, const std::string& name);

// energy_J, co2_g, power_W and the per-domain energies are never negative; energy_net_J may be
// (a run below the idle baseline). 1e308 J is finite but no run's energy and overflows every sum:
// above kMaxEnergyFigure (result_file.h) it is refused too. Other counters are not checked.
void check_counter(std::string_view key, double value, const std::string& source,
                   const std::string& name);

}  // namespace joulebench::result_rows
