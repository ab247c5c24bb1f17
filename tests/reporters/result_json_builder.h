#pragma once
// Builds small Google Benchmark result files in memory, shaped like joulebench's own: one
// iteration row per repetition, plus the aggregate rows Google Benchmark adds.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/result_schema.h"
#include "reporters/result_file.h"

namespace joulebench::test {

struct BenchmarkValues {
  std::string name;
  std::vector<double> values;  // one repetition each
};

struct FileSpec {
  std::string source = "file.json";
  std::string meter = "model";
  std::string provenance = "estimated";
  std::string counter = counter::kEnergy;
  bool with_aggregates = true;
  std::vector<BenchmarkValues> benchmarks;
};

inline nlohmann::json result_json(const FileSpec& spec) {
  using nlohmann::json;
  json rows = json::array();
  for (const BenchmarkValues& b : spec.benchmarks) {
    for (double v : b.values) {
      rows.push_back({{"name", b.name},
                      {"run_name", b.name},
                      {"run_type", "iteration"},
                      {"repetitions", b.values.size()},
                      {"iterations", 100},
                      {"real_time", 1000.0},
                      {"cpu_time", 1000.0},
                      {"time_unit", "ns"},
                      {spec.counter, v}});
    }
    if (spec.with_aggregates && b.values.size() > 1) {
      // Values that would distort the result if they were taken for repetitions.
      rows.push_back({{"name", b.name + "_median"},
                      {"run_name", b.name},
                      {"run_type", "aggregate"},
                      {"aggregate_name", "median"},
                      {"iterations", b.values.size()},
                      {"real_time", 1000.0},
                      {"cpu_time", 1000.0},
                      {"time_unit", "ns"},
                      {spec.counter, 1e9}});
    }
  }
  json context = {{"host_name", "test"}};
  if (!spec.meter.empty())
    context[context_key::kMeter] = spec.meter;
  if (!spec.provenance.empty())
    context[context_key::kProvenance] = spec.provenance;
  return {{"context", context}, {"benchmarks", rows}};
}

inline ResultFile result_file(const FileSpec& spec) {
  return parse_result_json(result_json(spec).dump(), spec.source);
}

}  // namespace joulebench::test
