#include "harness/measurement/run_record_reporter.h"

#include <algorithm>
#include <utility>

namespace joulebench {

std::vector<TimedSpan> spans_on_axis(const std::vector<TimedSpan>& spans, Seconds origin,
                                     Seconds end) {
  std::vector<TimedSpan> out;
  out.reserve(spans.size());
  for (const TimedSpan& span : spans) {
    // A span cannot start before the first sample (the previous benchmark's last) or end after
    // the last: clamping keeps the file's promise whatever the clocks did.
    const double start = std::clamp((span.start - origin).value, 0.0, end.value);
    const double stop = std::clamp((span.end - origin).value, start, end.value);
    out.push_back({Seconds{start}, Seconds{stop}});
  }
  return out;
}

RunRecordReporter::RunRecordReporter(benchmark::BenchmarkReporter& display, BenchmarkNotes& notes,
                                     MeterSampler* sampler, Seconds interval)
    : display_(display), notes_(notes), sampler_(sampler), interval_(interval) {}

bool RunRecordReporter::ReportContext(const Context& context) {
  return display_.ReportContext(context);
}

void RunRecordReporter::ReportRuns(const std::vector<Run>& runs) {
  display_.ReportRuns(runs);
  // Taken even when there is nothing to name, so the next benchmark starts from its own notes
  // and samples.
  BenchmarkNotes::Taken notes = notes_.take();
  std::vector<PowerSample> samples;
  if (sampler_ != nullptr) {
    samples = sampler_->take_samples();
    // The previous benchmark's last sample opens this one's first interval: no gap between them.
    if (previous_last_)
      samples.insert(samples.begin(), *previous_last_);
    if (!samples.empty())
      previous_last_ = samples.back();
  }
  if (runs.empty())
    return;
  const std::string run_name = runs.front().run_name.str();
  if (notes.labels)
    records_.labels.push_back({run_name, std::move(*notes.labels)});
  std::vector<PowerPoint> points = power_timeline(samples);
  if (points.empty())
    return;
  const Seconds origin = samples.front().time;
  for (PowerPoint& point : points)
    point.time = point.time - origin;
  std::vector<TimedSpan> timed = spans_on_axis(notes.spans, origin, points.back().time);
  records_.timelines.push_back({run_name, interval_, std::move(points), std::move(timed)});
}

void RunRecordReporter::Finalize() {
  display_.Finalize();
}

}  // namespace joulebench
