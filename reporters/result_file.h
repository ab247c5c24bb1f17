#pragma once
// Google Benchmark JSON result files, read into plain structs. Works for joulebench's own files
// and for plain files from users' benchmarks that carry no energy counters.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "joulebench/labels.h"
#include "reporters/flat_string_map.h"

namespace joulebench {

struct ResultRow {
  std::string name;
  std::string run_name;
  std::string run_type;        // "iteration" or "aggregate"
  std::string aggregate_name;  // "mean", "median", ... for aggregate rows
  std::int64_t iterations = 0;
  double real_time = 0.0;
  double cpu_time = 0.0;
  std::string time_unit = "ns";
  CounterMap counters;  // every user counter, in name order
  std::string label;
  std::optional<std::string> error_message;  // set when the benchmark failed
  // The row's labels (common/result_schema.h row_key), when the code that ran it set them; rows
  // without them are described by their parsed name.
  std::optional<RowLabels> labels;

  std::optional<double> counter(std::string_view key) const;
  // Real time per iteration in seconds.
  double real_seconds() const;
};

// Mean power between consecutive sampler reads of one benchmark run (top-level key
// result_key::kPowerTimelines); t_s counts from the run's first sample.
struct TimeWindow {
  double start_s = 0.0;
  double end_s = 0.0;
};

struct PowerTimeline {
  std::string name;  // the benchmark's run name
  double interval_s = 0.0;
  std::vector<double> t_s;
  std::vector<double> power_W;
  // The spans its timed loops ran, on the t_s axis (timeline_key::kTimedFrom/kTimedTo); samples
  // outside them are set-up. Empty in files written before joulebench recorded them.
  std::vector<TimeWindow> measured;
};

struct ResultFile {
  std::string source;                          // path or name, for messages
  std::map<std::string, std::string> context;  // scalar context entries, as strings
  std::vector<ResultRow> rows;
  std::vector<PowerTimeline> timelines;  // empty unless the run kept a sampler timeline

  std::optional<std::string> context_value(std::string_view key) const;
};

// The top-level key that marks `joulebench report --format json` output. Such a file sits beside
// the runs in results/, so `results/*.json` matches it; readers recognise it instead of failing.
inline constexpr const char* kLeaderboardMarker = "joulebench_leaderboard";

// Thrown (one line, naming the file) for a leaderboard JSON given where a result file belongs.
struct LeaderboardFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Above this, energy_J, co2_g or power_W is no measured figure (a terawatt-hour per iteration)
// and would overflow the sums of every report.
inline constexpr double kMaxEnergyFigure = 1e12;

// Throws std::runtime_error with a one-line message naming `source` when the text is not a
// Google Benchmark result (malformed JSON, numbers out of a double's range, missing "benchmarks",
// wrong field types), and naming the benchmark too for a figure no run can produce: iterations
// not a whole number in [0, 2^63); negative real_time or cpu_time, or 0 in a row that is neither
// an aggregate nor a failed or skipped run; negative energy_J, co2_g, power_W or per-domain energy,
// or one above kMaxEnergyFigure. Such a file is refused whole, never read with the row dropped.
// Non-finite counters (written by Google Benchmark as NaN) read as absent.
ResultFile parse_result_json(std::string_view text, std::string source);

// Result files are kilobytes to a few megabytes (a timeline at 10 Hz for an hour is under 1 MB);
// a bigger file is almost certainly not one, and parsing it whole would take gigabytes of memory.
inline constexpr std::uintmax_t kMaxResultFileBytes = 64u << 20;

// Reads and parses a file of any kind (regular, pipe, FIFO, device; common/bounded_read.h); the
// same errors, plus unreadable, empty and oversized files and directories ("is a directory").
ResultFile read_result_file(const std::filesystem::path& path);
// The same, reading the text into `buffer` (scratch, reused from call to call): for callers that
// read many files in turn.
ResultFile read_result_file(const std::filesystem::path& path, std::string& buffer);

}  // namespace joulebench
