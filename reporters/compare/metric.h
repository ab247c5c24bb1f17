#pragma once
// What `compare` compares: one number per repetition of a benchmark, read from an iteration row
// of a result file.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reporters/result_file.h"

namespace joulebench {

enum class Metric { energy, time, power, co2, accuracy };

struct MetricInfo {
  const char* option;  // the --metric value
  const char* field;   // how the result file names it
  const char* unit;
  // Accuracy: a drop is the regression. Every other metric is a cost.
  bool higher_is_better;
  // Energy, power and CO2e come from a meter, so two files are comparable only when they were
  // measured the same way; time and accuracy do not depend on the meter.
  bool depends_on_meter;
};

const MetricInfo& describe(Metric metric);

// The --metric values, in the order --help lists them.
std::vector<std::string> metric_options();

// Throws std::invalid_argument for a name that is not one of metric_options().
Metric parse_metric(std::string_view option);

// The value of the metric for one row; nothing when the row does not carry it. For the metrics
// that come from a meter (energy, power, CO2e) only a figure counts: a positive, finite value
// from a row whose energy was not lost (reporters/row_energy.h). A dead sensor's 0 J is not a
// sample, so 0 J against 0 J can never read as "no change".
std::optional<double> metric_value(const ResultRow& row, Metric metric);

// Why metric_value() gave nothing for a row, in a few words: "no accuracy counter",
// "energy_J = 0 (a sensor that did not advance; not a measurement)", the meter's "no energy:"
// reason, ...
std::string why_no_value(const ResultRow& row, Metric metric, std::string_view provenance = {});

}  // namespace joulebench
