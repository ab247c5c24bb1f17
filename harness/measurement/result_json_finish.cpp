#include "harness/measurement/result_json_finish.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>

#include "common/atomic_file.h"
#include "common/benchmark_json.h"
#include "common/result_schema.h"

namespace joulebench {
namespace {

struct RepetitionCount {
  int total = 0;
  int without_energy = 0;
};

bool is_aggregate(const nlohmann::json& row) {
  return row.value("run_type", "") == "aggregate";
}

// Errored repetitions have no figures at all; Google Benchmark already leaves them out.
bool counts_as_repetition(const nlohmann::json& row) {
  return !is_aggregate(row) && !row.value("error_occurred", false);
}

nlohmann::json timelines_json(const std::vector<BenchmarkPowerTimeline>& timelines) {
  nlohmann::json entries = nlohmann::json::array();
  for (const BenchmarkPowerTimeline& timeline : timelines) {
    nlohmann::json t_s = nlohmann::json::array();
    nlohmann::json power_w = nlohmann::json::array();
    for (const PowerPoint& point : timeline.points) {
      t_s.push_back(point.time.value);
      power_w.push_back(point.power.value);
    }
    entries.push_back({{"name", timeline.run_name},
                       {"interval_s", timeline.interval.value},
                       {"t_s", std::move(t_s)},
                       {"power_W", std::move(power_w)}});
  }
  return entries;
}

}  // namespace

int drop_energy_of_incomplete_aggregates(nlohmann::json& document) {
  if (!document.contains("benchmarks") || !document["benchmarks"].is_array())
    return 0;
  nlohmann::json& rows = document["benchmarks"];
  std::map<std::string, RepetitionCount> repetitions;  // by run_name
  for (const nlohmann::json& row : rows) {
    if (!row.is_object() || !counts_as_repetition(row))
      continue;
    RepetitionCount& count = repetitions[row.value("run_name", "")];
    ++count.total;
    if (!row.contains(counter::kEnergy))
      ++count.without_energy;
  }
  int changed = 0;
  for (nlohmann::json& row : rows) {
    if (!row.is_object() || !is_aggregate(row))
      continue;
    const auto it = repetitions.find(row.value("run_name", ""));
    if (it == repetitions.end() || it->second.without_energy == 0)
      continue;
    for (auto field = row.begin(); field != row.end();) {
      if (counter::is_energy_derived(field.key()))
        field = row.erase(field);
      else
        ++field;
    }
    const std::string reason = fmt::format("no energy: {} of {} repetitions had none",
                                           it->second.without_energy, it->second.total);
    const std::string label = row.value("label", "");
    row["label"] = label.empty() ? reason : label + "; " + reason;
    ++changed;
  }
  return changed;
}

std::string finished_result_json(const std::filesystem::path& result_json,
                                 const std::vector<BenchmarkPowerTimeline>& timelines) {
  nlohmann::json document;
  {
    std::ifstream in(result_json);
    if (!in)
      throw std::runtime_error(fmt::format("cannot read {}", result_json.string()));
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    try {
      document = nlohmann::json::parse(with_non_finite_numbers_as_null(text));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(
          fmt::format("{} is not valid JSON: {}", result_json.string(), e.what()));
    }
  }
  drop_energy_of_incomplete_aggregates(document);
  if (!timelines.empty())
    document[result_key::kPowerTimelines] = timelines_json(timelines);
  return document.dump(2) + '\n';
}

void finish_result_json(const std::filesystem::path& result_json,
                        const std::vector<BenchmarkPowerTimeline>& timelines) {
  write_file_atomically(result_json, finished_result_json(result_json, timelines));
}

}  // namespace joulebench
