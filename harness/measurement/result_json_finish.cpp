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
    nlohmann::json from = nlohmann::json::array();
    nlohmann::json to = nlohmann::json::array();
    for (const TimedSpan& span : timeline.timed) {
      from.push_back(span.start.value);
      to.push_back(span.end.value);
    }
    entries.push_back({{timeline_key::kName, timeline.run_name},
                       {timeline_key::kInterval, timeline.interval.value},
                       {timeline_key::kTimes, std::move(t_s)},
                       {timeline_key::kPower, std::move(power_w)},
                       {timeline_key::kTimedFrom, std::move(from)},
                       {timeline_key::kTimedTo, std::move(to)}});
  }
  return entries;
}

void set_label_fields(nlohmann::json& row, const RowLabels& labels) {
  row[row_key::kTask] = labels.task;
  for (const auto& [key, value] : {std::pair{row_key::kVariant, &labels.variant},
                                   std::pair{row_key::kPrecision, &labels.precision},
                                   std::pair{row_key::kBackend, &labels.backend}}) {
    if (!value->empty())
      row[key] = *value;
  }
  if (labels.batch > 0)
    row[row_key::kBatch] = labels.batch;
  row[row_key::kUnit] = std::string(work_unit_name(labels.unit));
}

}  // namespace

int add_row_labels(nlohmann::json& document, const std::vector<BenchmarkLabels>& labels) {
  if (labels.empty() || !document.contains("benchmarks") || !document["benchmarks"].is_array())
    return 0;
  std::map<std::string, const RowLabels*> by_run_name;
  for (const BenchmarkLabels& l : labels)
    by_run_name[l.run_name] = &l.labels;
  int labelled = 0;
  for (nlohmann::json& row : document["benchmarks"]) {
    if (!row.is_object())
      continue;
    const auto it = by_run_name.find(row.value("run_name", row.value("name", "")));
    if (it == by_run_name.end())
      continue;
    set_label_fields(row, *it->second);
    ++labelled;
  }
  return labelled;
}

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
                                 const RunRecords& records) {
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
  add_row_labels(document, records.labels);
  if (!records.timelines.empty())
    document[result_key::kPowerTimelines] = timelines_json(records.timelines);
  return document.dump(2) + '\n';
}

void finish_result_json(const std::filesystem::path& result_json, const RunRecords& records) {
  write_file_atomically(result_json, finished_result_json(result_json, records));
}

}  // namespace joulebench
