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

}  // namespace joulebench
