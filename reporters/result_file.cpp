#include "reporters/result_file.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/benchmark_json.h"
#include "common/bounded_read.h"
#include "common/error_text.h"
#include "common/result_schema.h"

namespace joulebench {
namespace {

using nlohmann::json;

// Keys Google Benchmark 1.7-1.9 writes for each run; every other numeric key is a user counter.
const std::set<std::string, std::less<>>& run_fields() {
  static const std::set<std::string, std::less<>> fields = {"name",
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

// The counters joulebench writes (result_schema.h).
const std::set<std::string, std::less<>>& joulebench_counters() {
  static const std::set<std::string, std::less<>> names = {
      counter::kEnergy,   counter::kPower,        counter::kCo2,
      counter::kFlops,    counter::kFlopPerJoule, counter::kEnergyNet,
      counter::kRelError, counter::kAccuracy,     counter::kGridIntensity};
  return names;
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

// Figures no run can produce. They are errors, not rows dropped with a note: a file that holds
// one was edited or damaged, and any statement made from the rest of it would be suspect too.
[[noreturn]] void impossible(const std::string& source, const std::string& benchmark,
                             std::string_view what) {
  throw std::runtime_error(
      fmt::format("{}: benchmark {}: {}", source, quoted_value(benchmark), what));
}

// Iteration counts are whole numbers Google Benchmark keeps in an int64; anything else (1e19,
// -3, 2.5) would make the cast to int64 undefined or the figure meaningless.
std::int64_t iteration_count(double value, const std::string& source, const std::string& name) {
  // 2^63 is exactly representable; every double below it converts to int64 without UB.
  constexpr double kLimit = 9223372036854775808.0;
  if (!(value >= 0.0 && value < kLimit) || std::trunc(value) != value)
    impossible(source, name,
               fmt::format("iterations {:g} is not a whole number from 0 to 2^63", value));
  return static_cast<std::int64_t>(value);
}

// real_time and cpu_time: never negative; zero only in aggregate rows (a cv or stddev of 0) and
// rows of a failed or skipped run, which have no time at all.
void require_possible_times(const json& j, const ResultRow& row, const std::string& source) {
  const bool may_be_zero = row.run_type == "aggregate" || row.error_message ||
                           (j.contains("skipped") && !j["skipped"].is_null() &&
                            j["skipped"] != false && j["skipped"] != 0);
  for (const auto& [key, value] :
       {std::pair{"real_time", row.real_time}, std::pair{"cpu_time", row.cpu_time}}) {
    if (value < 0.0)
      impossible(source, row.name, fmt::format("{} {:g} is negative", key, value));
    if (value == 0.0 && j.contains(key) && !may_be_zero)
      impossible(source, row.name, fmt::format("{} is 0 in a measured run", key));
  }
}

// energy_J, co2_g, power_W and the per-domain energies are never negative; energy_net_J may be
// (a run below the idle baseline). Non-finite values arrive as null (benchmark_json.h), which
// reads as "no value"; 1e308 J is finite but no run's energy, and overflows every sum: above
// kMaxEnergyFigure it is refused too.
void require_possible_counter(const std::string& key, double value, const std::string& source,
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

ResultRow parse_row(const json& j, const std::string& source, std::size_t index) {
  if (!j.is_object()) {
    throw std::runtime_error(fmt::format("{}: benchmarks[{}] is not an object", source, index));
  }
  auto require_string = [&](const char* key) -> std::string {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}] has no string field \"{}\"", source, index, key));
    }
    return it->get<std::string>();
  };
  auto optional_string = [&](const char* key) -> std::string {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number = [&](const char* key) -> double {
    const auto it = j.find(key);
    if (it == j.end())
      return 0.0;
    if (!it->is_number()) {
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}].{} is not a number", source, index, key));
    }
    return it->get<double>();  // finite: non-finite tokens arrive as null, see above
  };

  ResultRow row;
  row.name = require_string("name");
  row.run_name = optional_string("run_name");
  if (row.run_name.empty())
    row.run_name = row.name;
  row.run_type = optional_string("run_type");
  if (row.run_type.empty())
    row.run_type = "iteration";
  row.aggregate_name = optional_string("aggregate_name");
  row.iterations = iteration_count(number("iterations"), source, row.name);
  row.real_time = number("real_time");
  row.cpu_time = number("cpu_time");
  row.time_unit = optional_string("time_unit");
  if (row.time_unit.empty())
    row.time_unit = "ns";
  if (seconds_per_unit(row.time_unit) == 0.0) {
    throw std::runtime_error(fmt::format("{}: benchmarks[{}] has unknown time_unit \"{}\"", source,
                                         index, row.time_unit));
  }
  row.label = optional_string("label");
  const auto err = j.find("error_occurred");
  if (err != j.end() && err->is_boolean() && err->get<bool>()) {
    row.error_message = optional_string("error_message");
  }
  require_possible_times(j, row, source);
  for (const auto& [key, value] : j.items()) {
    if (value.is_number() && !run_fields().contains(key)) {
      row.counters[key] = value.get<double>();
      require_possible_counter(key, row.counters[key], source, row.name);
    } else if ((joulebench_counters().contains(key) || counter::is_domain_energy_counter(key)) &&
               !value.is_null()) {
      // Other counters of other types are someone else's business; ours must be numbers, or a
      // report would silently show "n/a" where the file says something else.
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}].{} is not a number", source, index, key));
    }
  }
  return row;
}

std::vector<double> number_array(const json& j, const char* key, const std::string& source,
                                 std::size_t index) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) {
    throw std::runtime_error(fmt::format("{}: {}[{}] has no array \"{}\"", source,
                                         result_key::kPowerTimelines, index, key));
  }
  std::vector<double> values;
  values.reserve(it->size());
  for (const json& v : *it) {
    if (!v.is_number()) {
      throw std::runtime_error(fmt::format("{}: {}[{}].{} holds a non-number", source,
                                           result_key::kPowerTimelines, index, key));
    }
    values.push_back(v.get<double>());
  }
  return values;
}

std::vector<PowerTimeline> parse_timelines(const json& doc, const std::string& source) {
  const auto it = doc.find(result_key::kPowerTimelines);
  if (it == doc.end())
    return {};
  if (!it->is_array()) {
    throw std::runtime_error(
        fmt::format("{}: {} is not an array", source, result_key::kPowerTimelines));
  }
  std::vector<PowerTimeline> timelines;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& t = (*it)[i];
    if (!t.is_object() || !t.contains("name") || !t["name"].is_string()) {
      throw std::runtime_error(fmt::format("{}: {}[{}] has no string field \"name\"", source,
                                           result_key::kPowerTimelines, i));
    }
    PowerTimeline timeline;
    timeline.name = t["name"].get<std::string>();
    if (const auto interval = t.find("interval_s"); interval != t.end() && interval->is_number())
      timeline.interval_s = interval->get<double>();
    timeline.t_s = number_array(t, "t_s", source, i);
    timeline.power_W = number_array(t, "power_W", source, i);
    if (timeline.t_s.size() != timeline.power_W.size()) {
      throw std::runtime_error(fmt::format("{}: {}[{}] has {} times but {} power values", source,
                                           result_key::kPowerTimelines, i, timeline.t_s.size(),
                                           timeline.power_W.size()));
    }
    timelines.push_back(std::move(timeline));
  }
  return timelines;
}

}  // namespace

std::optional<double> ResultRow::counter(std::string_view key) const {
  const auto it = counters.find(std::string(key));
  if (it == counters.end())
    return std::nullopt;
  return it->second;
}

double ResultRow::real_seconds() const {
  return real_time * seconds_per_unit(time_unit);
}

std::optional<std::string> ResultFile::context_value(std::string_view key) const {
  const auto it = context.find(std::string(key));
  if (it == context.end())
    return std::nullopt;
  return it->second;
}

ResultFile parse_result_json(std::string_view text, std::string source) {
  json doc;
  try {
    // Rewriting NaN and Infinity copies the whole text character by character: a tenth of the
    // time of a 10^5-row file that has none of them, which is nearly every file.
    const bool non_finite = text.find("NaN") != std::string_view::npos ||
                            text.find("Infinity") != std::string_view::npos;
    doc = non_finite ? json::parse(with_non_finite_numbers_as_null(text)) : json::parse(text);
  } catch (const json::exception& e) {
    // parse_error (syntax) and out_of_range.406 (a number such as 1e309 that overflows a double).
    // nlohmann's message starts with "[json.exception.parse_error.101] "; keep what follows, cut
    // and escaped: it quotes the offending token, which may be 50 MB long or hold control bytes.
    std::string_view what = e.what();
    if (const auto close = what.find("] "); close != std::string_view::npos) {
      what.remove_prefix(close + 2);
    }
    throw std::runtime_error(
        fmt::format("{}: not valid JSON: {}", source, printable_text(what, 2 * kMaxQuotedChars)));
  }
  if (doc.is_object() && doc.contains(kLeaderboardMarker)) {
    throw LeaderboardFileError(
        fmt::format("{}: a leaderboard written by joulebench report, not a result file", source));
  }
  if (!doc.is_object() || !doc.contains("benchmarks") || !doc["benchmarks"].is_array()) {
    throw std::runtime_error(
        fmt::format("{}: not a Google Benchmark result (no \"benchmarks\" array)", source));
  }
  ResultFile file;
  file.source = std::move(source);
  if (const auto ctx = doc.find("context"); ctx != doc.end() && ctx->is_object()) {
    for (const auto& [key, value] : ctx->items()) {
      if (value.is_string()) {
        file.context[key] = value.get<std::string>();
      } else if (value.is_primitive()) {
        file.context[key] = value.dump();
      }
    }
  }
  const json& benchmarks = doc["benchmarks"];
  file.rows.reserve(benchmarks.size());
  for (std::size_t i = 0; i < benchmarks.size(); ++i) {
    file.rows.push_back(parse_row(benchmarks[i], file.source, i));
  }
  file.timelines = parse_timelines(doc, file.source);
  return file;
}

ResultFile read_result_file(const std::filesystem::path& path) {
  // Any kind of file (a pipe, /dev/stdin, a FIFO) is read, never more than the limit.
  const std::string text = read_file_bounded(path, kMaxResultFileBytes, "a result file");
  if (text.empty())
    throw std::runtime_error(
        fmt::format("{}: empty file, not a benchmark result", path_for_message(path)));
  return parse_result_json(text, path_for_message(path));
}

}  // namespace joulebench
