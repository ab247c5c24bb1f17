#include "reporters/result_row_checks.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "common/error_text.h"
#include "common/result_schema.h"
#include "reporters/result_file.h"

namespace joulebench::result_rows {
namespace {

// Looked up once per key of every row: a hash set, since a 10^5-row file has millions of keys.
const std::unordered_set<std::string_view>& run_fields() {
  static const std::unordered_set<std::string_view> fields = {"name",
                                                              "family_index",
                                                              "per_family_instance_index",
                                                              "run_name",
                                                              "run_type",
                                                              "repetitions",
                                                              "repetition_index",
                                                              "threads",
                                                              "aggregate_name",
                                                              "aggregate_unit",
                                                              "error_occurred",
                                                              "error_message",
                                                              "iterations",
                                                              "real_time",
                                                              "cpu_time",
                                                              "time_unit",
                                                              "bytes_per_second",
                                                              "items_per_second",
                                                              "label",
                                                              "big_o",
                                                              "rms",
                                                              "complexity",
                                                              "allocs_per_iter",
                                                              "max_bytes_used",
                                                              "total_allocated_bytes",
                                                              "net_heap_growth",
                                                              "memory_iterations",
                                                              "skipped",
                                                              "skip_message"};
  return fields;
}

[[noreturn]] void impossible(const std::string& source, const std::string& benchmark,
                             std::string_view what) {
  throw std::runtime_error(
      fmt::format("{}: benchmark {}: {}", source, quoted_value(benchmark), what));
}

}  // namespace

bool is_run_field(std::string_view key) {
  return run_fields().contains(key);
}

bool is_joulebench_counter(std::string_view key) {
  static const std::unordered_set<std::string_view> names = {
      counter::kEnergy,   counter::kPower,        counter::kCo2,
      counter::kFlops,    counter::kFlopPerJoule, counter::kEnergyNet,
      counter::kRelError, counter::kAccuracy,     counter::kGridIntensity};
  return names.contains(key) || counter::is_domain_energy_counter(key);
}

double seconds_per_unit(std::string_view unit) {
  if (unit == "ns")
    return 1e-9;
  if (unit == "us")
    return 1e-6;
  if (unit == "ms")
    return 1e-3;
  if (unit == "s")
    return 1.0;
  return 0.0;
}

std::int64_t iteration_count(double value, const std::string& source, const std::string& name) {
  // 2^63 is exactly representable; every double below it converts to int64 without UB.
  constexpr double kLimit = 9223372036854775808.0;
  if (!(value >= 0.0 && value < kLimit) || std::trunc(value) != value)
    impossible(source, name,
               fmt::format("iterations {:g} is not a whole number from 0 to 2^63", value));
  return static_cast<std::int64_t>(value);
}

void check_run_time(std::string_view key, double value, bool present, bool may_be_zero,
                    const std::string& source, const std::string& name) {
  if (value < 0.0)
    impossible(source, name, fmt::format("{} {:g} is negative", key, value));
  if (value == 0.0 && present && !may_be_zero)
    impossible(source, name, fmt::format("{} is 0 in a measured run", key));
}

void check_counter(std::string_view key, double value, const std::string& source,
                   const std::string& name) {
  const bool energy_figure = key == counter::kEnergy || key == counter::kCo2 ||
                             key == counter::kPower || counter::is_domain_energy_counter(key);
  if (!energy_figure)
    return;
  if (value < 0.0)
    impossible(source, name, fmt::format("{} {:g} is negative", key, value));
  if (value > kMaxEnergyFigure)
    impossible(
        source, name,
        fmt::format("{} {:g} is above {:g}, no measured figure", key, value, kMaxEnergyFigure));
}

}  // namespace joulebench::result_rows
