#include "harness/measurement/power_timeline_reporter.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/benchmark_json.h"
#include "common/result_schema.h"

namespace joulebench {

PowerTimelineReporter::PowerTimelineReporter(benchmark::BenchmarkReporter& display,
                                             MeterSampler& sampler, Seconds interval)
    : display_(display), sampler_(sampler), interval_(interval) {}

bool PowerTimelineReporter::ReportContext(const Context& context) {
  return display_.ReportContext(context);
}

void PowerTimelineReporter::ReportRuns(const std::vector<Run>& runs) {
  display_.ReportRuns(runs);
  // Taken even when there is nothing to name, so the next benchmark starts from its own samples.
  std::vector<PowerSample> samples = sampler_.take_samples();
  // The previous benchmark's last sample opens this one's first interval: no gap between them.
  if (previous_last_)
    samples.insert(samples.begin(), *previous_last_);
  if (!samples.empty())
    previous_last_ = samples.back();
  if (runs.empty())
    return;
  std::vector<PowerPoint> points = power_timeline(samples);
  if (points.empty())
    return;
  for (PowerPoint& point : points)
    point.time = point.time - samples.front().time;
  timelines_.push_back({runs.front().run_name.str(), interval_, std::move(points)});
}

void PowerTimelineReporter::Finalize() {
  display_.Finalize();
}

void add_power_timelines(const std::filesystem::path& result_json,
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
  document[result_key::kPowerTimelines] = std::move(entries);
  write_file_atomically(result_json, document.dump(2) + '\n');
}

}  // namespace joulebench
