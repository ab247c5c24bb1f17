#pragma once
// The HTML report's plots as Vega-Lite specs (https://vega.github.io/vega-lite/), data inline,
// built from a Report. The page's script draws them with the vendored vega-embed, as SVG. The
// rules a reader relies on live here: a legend names every series (or there is no per-series
// colour), log axes where values span more than kHtmlLogAxisSpan, quality axes in their data's
// range, Pareto fronts only where one has two points or more, estimates hollow.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "reporters/leaderboard/report.h"

namespace joulebench {

struct HtmlPlot {
  std::string id;         // the id of the element the page draws it into
  nlohmann::json spec;    // a Vega-Lite spec
  std::size_t series{0};  // series the plot tells apart, each with a legend entry
  std::string caption;    // what the marks mean and what was left out (unescaped)
};

// A plot, or the sentence the page shows instead of an empty or one-point plot box.
struct PlotOrSentence {
  std::optional<HtmlPlot> plot;
  std::string sentence;  // unescaped; empty when there is a plot
};

// J per unit of work against the task's accuracy or rel_error, one point per row with both.
PlotOrSentence energy_quality_plot(const Report& report, const TaskInfo& task, std::size_t index);
// J/iter against FLOP/iter over every row with both.
PlotOrSentence flops_energy_plot(const Report& report);
// Power over time, one benchmark at a time, chosen with a <select> on the page. Samples outside
// the timeline's measured windows (set-up, weight training) are left out; a timeline without
// windows (older files) is drawn whole and its option says "whole run, set-up included".
PlotOrSentence power_timeline_plot(const Report& report);

}  // namespace joulebench
