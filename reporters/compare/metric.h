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

// The value of the metric for one row; nothing when the row does not carry it.
std::optional<double> metric_value(const ResultRow& row, Metric metric);

}  // namespace joulebench
