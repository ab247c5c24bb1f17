#include "reporters/leaderboard/html_plots.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/result_schema.h"
#include "reporters/leaderboard/cells.h"
#include "reporters/leaderboard/html_limits.h"

namespace joulebench {
namespace {

// Hollow for estimates; red for the Pareto front, which only the energy-quality plot shows.
std::string point_class(const Entry& e, bool show_pareto) {
  std::string c = e.estimated() ? "est" : "measured";
  if (show_pareto && e.pareto)
    c += " pareto";
  return c;
}

std::string tooltip(const Entry& e, std::string_view what) {
  return fmt::format("{} {} on {}: {}{}", e.name.task, variant_text(e), e.host, what,
                     e.estimated() ? " (estimated)" : "");
}

// At most kHtmlPlotPoints points, evenly spaced in their order (by energy, or by FLOPs), the
// title saying so: a plot of 10^5 circles is megabytes that show nothing more.
void limit_points(Plot& plot) {
  const std::size_t all = plot.points.size();
  if (all <= kHtmlPlotPoints)
    return;
  std::vector<PlotPoint> kept;
  for (std::size_t i : evenly_spaced(all, kHtmlPlotPoints))
    kept.push_back(std::move(plot.points[i]));
  plot.points = std::move(kept);
  plot.title += fmt::format(" (showing {} of {} points, evenly spaced; {})", kHtmlPlotPoints, all,
                            kHtmlFullDetailText);
}

}  // namespace

Plot energy_quality_plot(const Report& report, const TaskInfo& task, std::size_t index) {
  const std::string unit = unit_text(task.unit);
  Plot plot;
  plot.id = fmt::format("plot-quality-{}", index);
  plot.title = fmt::format("{}: energy versus {}", task.name, task.quality);
  plot.x = {fmt::format("J per {} (log)", unit), true};
  // Relative errors span decades between precisions; accuracies sit in a narrow band.
  plot.y = {task.quality == counter::kRelError ? "rel_error (log, lower is better)"
                                               : "accuracy (higher is better)",
            task.quality == counter::kRelError};
  // One front per provenance: build_report compares measured rows only with measured ones.
  std::map<std::string, PlotLine> fronts;
  for (const Entry* e : quality_rows(report, task)) {
    const auto q = e->median(task.quality);
    const auto j = e->joules_per_unit();
    if (!q || !j)
      continue;
    plot.points.push_back(
        {*j, *q, tooltip(*e, fmt::format("{:.4g} J/{}, {} {:.4g}", *j, unit, task.quality, *q)),
         point_class(*e, true)});
    if (e->pareto) {
      PlotLine& front = fronts[e->provenance];
      if (front.points.empty()) {
        front.css_class = e->estimated() ? "front est" : "front";
        front.legend =
            fmt::format("Pareto front ({})", e->provenance.empty() ? "no energy" : e->provenance);
      }
      front.points.emplace_back(*j, *q);  // quality_rows is sorted by energy
    }
  }
  for (auto& [provenance, front] : fronts) {
    if (front.points.size() > kHtmlPlotPoints) {
      std::vector<std::pair<double, double>> kept;
      for (std::size_t i : evenly_spaced(front.points.size(), kHtmlPlotPoints))
        kept.push_back(front.points[i]);
      front.points = std::move(kept);
    }
    plot.lines.push_back(std::move(front));
  }
  limit_points(plot);
  return plot;
}

Plot flops_energy_plot(const Report& report) {
  Plot plot;
  plot.id = "plot-flops";
  plot.title = fmt::format("FLOPs versus energy (Spearman rho per provenance and machine: {})",
                           correlations_summary(report));
  plot.x = {"FLOP per iteration (log)", true};
  plot.y = {"J per iteration (log)", true};
  for (const Entry* e : flops_rows(report)) {
    const double f = *e->median(counter::kFlops);
    const double j = *e->median(counter::kEnergy);
    plot.points.push_back(
        {f, j, tooltip(*e, fmt::format("{:.4g} FLOP, {:.4g} J", f, j)), point_class(*e, false)});
  }
  limit_points(plot);
  return plot;
}

Plot power_timeline_plot(const Report& report) {
  Plot plot;
  plot.id = "plot-power";
  plot.title = "Power over time";
  plot.x = {"seconds since the benchmark's first sample", false};
  plot.y = {"W (mean of all energy domains)", false};
  // The first kHtmlTimelines timelines, each at most kHtmlTimelinePoints samples (evenly spaced):
  // an hour at 10 Hz is 36,000 samples, more than a plot's width in pixels.
  const std::size_t drawn = std::min(report.timelines.size(), kHtmlTimelines);
  bool downsampled = false;
  for (std::size_t i = 0; i < drawn; ++i) {
    const TimelineSeries& s = report.timelines[i];
    PlotLine line{{},
                  fmt::format("series series-{}{}", i % 6, s.estimated ? " est" : ""),
                  fmt::format("{} ({}){}", s.timeline.name, s.host, s.estimated ? ", est." : "")};
    const std::size_t samples = std::min(s.timeline.t_s.size(), s.timeline.power_W.size());
    downsampled = downsampled || samples > kHtmlTimelinePoints;
    for (std::size_t k : evenly_spaced(samples, kHtmlTimelinePoints))
      line.points.emplace_back(s.timeline.t_s[k], s.timeline.power_W[k]);
    plot.lines.push_back(std::move(line));
  }
  if (drawn < report.timelines.size()) {
    plot.title += fmt::format(" (showing the first {} of {} timelines; the JSON report has all)",
                              drawn, report.timelines.size());
  }
  if (downsampled) {
    plot.title +=
        fmt::format(" (at most {} samples of each, evenly spaced; the JSON report has all)",
                    kHtmlTimelinePoints);
  }
  return plot;
}

}  // namespace joulebench
