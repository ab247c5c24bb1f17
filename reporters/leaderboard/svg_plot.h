#pragma once
// A small scatter-and-line plot as inline SVG, for the HTML report: linear or log axes with
// ticks, points as circles (with a tooltip), lines as polylines. Classes, not inline styles,
// so the page's CSS decides how measured, estimated and Pareto-optimal points look.

#include <string>
#include <utility>
#include <vector>

#include "reporters/html_escape.h"  // html_escape, for the renderers that draw plots

namespace joulebench {

struct PlotAxis {
  std::string label;
  bool log = false;
};

struct PlotPoint {
  double x = 0.0;
  double y = 0.0;
  std::string tooltip;
  std::string css_class;  // e.g. "est" for an estimate, "pareto" for a front point
};

struct PlotLine {
  std::vector<std::pair<double, double>> points;
  std::string css_class;  // "front", "series-0", ...
  std::string legend;     // shown beside the plot when not empty
};

struct Plot {
  std::string id;  // the svg element's id
  std::string title;
  PlotAxis x, y;
  std::vector<PlotPoint> points;
  std::vector<PlotLine> lines;
};

// Points and line vertices that a log axis cannot show (zero or negative) are left out.
std::string render_svg(const Plot& plot);

}  // namespace joulebench
