#pragma once
// The HTML report's plots, as Plot descriptions (svg_plot.h) built from a Report.

#include <vector>

#include "reporters/leaderboard/report.h"
#include "reporters/leaderboard/svg_plot.h"

namespace joulebench {

// Energy per unit (log) against the task's quality figure, Pareto front drawn; nullopt-like
// empty plot (no points) when the task has no row with both.
Plot energy_quality_plot(const Report& report, const TaskInfo& task, std::size_t index);
// FLOP per iteration against J per iteration, both on log axes.
Plot flops_energy_plot(const Report& report);
// Power against time, one line per timeline.
Plot power_timeline_plot(const Report& report);

}  // namespace joulebench
