#include "reporters/compare/metric.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "common/result_schema.h"
#include "reporters/row_energy.h"

namespace joulebench {
namespace {

// The accuracy counter is written by workloads that have a quality figure (classifiers);
// result_schema.h does not name it yet, so it is spelled out here once.
constexpr const char* kAccuracyCounter = "accuracy";

struct Entry {
  Metric metric;
  MetricInfo info;
};

constexpr std::array<Entry, 5> kMetrics = {{
    {Metric::energy, {"energy", counter::kEnergy, "J", false, true}},
    {Metric::time, {"time", "real_time", "s", false, false}},
    {Metric::power, {"power", counter::kPower, "W", false, true}},
    {Metric::co2, {"co2", counter::kCo2, "gCO2e", false, true}},
    {Metric::accuracy, {"accuracy", kAccuracyCounter, "", true, false}},
}};

}  // namespace

const MetricInfo& describe(Metric metric) {
  for (const Entry& entry : kMetrics) {
    if (entry.metric == metric)
      return entry.info;
  }
  throw std::logic_error("unknown Metric value");
}

std::vector<std::string> metric_options() {
  std::vector<std::string> out;
  for (const Entry& entry : kMetrics)
    out.emplace_back(entry.info.option);
  return out;
}

Metric parse_metric(std::string_view option) {
  for (const Entry& entry : kMetrics) {
    if (option == entry.info.option)
      return entry.metric;
  }
  throw std::invalid_argument(fmt::format("unknown metric \"{}\"", option));
}

std::optional<double> metric_value(const ResultRow& row, Metric metric) {
  if (metric == Metric::time) {
    // Per iteration, in seconds, whatever time_unit the benchmark chose.
    return row.real_seconds();
  }
  const MetricInfo& info = describe(metric);
  const std::optional<double> value = row.counter(info.field);
  if (!value || !std::isfinite(*value))
    return std::nullopt;  // a NaN would break the ranks of the test
  if (!info.depends_on_meter)
    return value;
  if (!(*value > 0.0) || lost_energy(row))
    return std::nullopt;
  return value;
}

std::string why_no_value(const ResultRow& row, Metric metric, std::string_view provenance) {
  const MetricInfo& info = describe(metric);
  if (info.depends_on_meter && lost_energy(row))
    return missing_energy_reason(row, provenance);
  const std::optional<double> value = row.counter(info.field);
  if (!value)
    return fmt::format("no {} counter", info.field);
  if (!std::isfinite(*value))
    return fmt::format("{} is not a finite number", info.field);
  return fmt::format("{} = {:g} (not a measurement)", info.field, *value);
}

}  // namespace joulebench
