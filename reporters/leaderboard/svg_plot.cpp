#include "reporters/leaderboard/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace joulebench {
namespace {

constexpr double kWidth = 560, kHeight = 340;
constexpr double kLeft = 78, kRight = 16, kTop = 30, kBottom = 48;

struct Scale {
  bool log = false;
  double lo = 0.0, hi = 1.0;    // in axis units (log10 of the value on a log axis)
  double from = 0.0, to = 1.0;  // pixels

  bool shows(double v) const { return !log || v > 0.0; }
  double unit(double v) const { return log ? std::log10(v) : v; }
  double pixel(double v) const { return from + (unit(v) - lo) / (hi - lo) * (to - from); }
};

Scale make_scale(const std::vector<double>& values, bool log, double from, double to) {
  Scale s{log, 0.0, 1.0, from, to};
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values) {
    if (!s.shows(v) || !std::isfinite(v))
      continue;
    lo = std::min(lo, s.unit(v));
    hi = std::max(hi, s.unit(v));
  }
  if (!std::isfinite(lo))
    return s;
  if (log) {
    // Whole decades, so the ticks fall on powers of ten.
    s.lo = std::floor(lo);
    s.hi = std::max(std::ceil(hi), s.lo + 1.0);
  } else {
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(std::abs(hi) * 0.1, 1.0);
    s.lo = lo - pad;
    s.hi = hi + pad;
  }
  return s;
}

// Axis units at which to draw ticks: decades on a log axis, 1-2-5 steps on a linear one.
std::vector<double> ticks(const Scale& s) {
  std::vector<double> out;
  if (s.log) {
    const double step = std::max(1.0, std::ceil((s.hi - s.lo) / 6.0));
    for (double t = s.lo; t <= s.hi + 1e-9; t += step)
      out.push_back(t);
    return out;
  }
  const double raw = (s.hi - s.lo) / 5.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw)
      break;
  }
  for (double t = std::ceil(s.lo / step) * step; t <= s.hi + step * 1e-9; t += step)
    out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

std::string tick_label(const Scale& s, double t) {
  return s.log ? fmt::format("1e{}", static_cast<int>(std::lround(t))) : fmt::format("{:.4g}", t);
}

double axis_value(const Scale& s, double t) {
  return s.log ? std::pow(10.0, t) : t;
}

}  // namespace

std::string render_svg(const Plot& plot) {
  std::vector<double> xs, ys;
  for (const PlotPoint& p : plot.points) {
    xs.push_back(p.x);
    ys.push_back(p.y);
  }
  for (const PlotLine& l : plot.lines) {
    for (const auto& [x, y] : l.points) {
      xs.push_back(x);
      ys.push_back(y);
    }
  }
  const Scale sx = make_scale(xs, plot.x.log, kLeft, kWidth - kRight);
  const Scale sy = make_scale(ys, plot.y.log, kHeight - kBottom, kTop);

  std::string svg = fmt::format(
      "<svg id=\"{}\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\">\n<text class=\"title\" x=\"{}\" y=\"18\">{}</text>\n",
      html_escape(plot.id), kWidth, kHeight, html_escape(plot.title), kLeft,
      html_escape(plot.title));
  svg += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                     kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  for (double t : ticks(sx)) {
    const double px = sx.pixel(axis_value(sx, t));
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
        "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        px, kTop, kHeight - kBottom, kHeight - kBottom + 16, tick_label(sx, t));
  }
  for (double t : ticks(sy)) {
    const double py = sy.pixel(axis_value(sy, t));
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
        "<text class=\"tick\" x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
        kLeft, py, kWidth - kRight, kLeft - 6, py + 4, tick_label(sy, t));
  }
  svg += fmt::format(
      "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n"
      "<text class=\"axis\" transform=\"translate(16 {}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      (kLeft + kWidth - kRight) / 2, kHeight - 10, html_escape(plot.x.label),
      (kTop + kHeight - kBottom) / 2, html_escape(plot.y.label));

  double legend_y = kTop + 14;
  for (const PlotLine& l : plot.lines) {
    std::string coords;
    for (const auto& [x, y] : l.points) {
      if (sx.shows(x) && sy.shows(y))
        coords += fmt::format("{:.1f},{:.1f} ", sx.pixel(x), sy.pixel(y));
    }
    if (!coords.empty())
      coords.pop_back();
    svg +=
        fmt::format("<polyline class=\"{}\" points=\"{}\"/>\n", html_escape(l.css_class), coords);
    if (!l.legend.empty()) {
      svg += fmt::format(
          "<text class=\"legend {}\" x=\"{}\" y=\"{:.0f}\" text-anchor=\"end\">{}</text>\n",
          html_escape(l.css_class), kWidth - kRight - 6, legend_y, html_escape(l.legend));
      legend_y += 14;
    }
  }
  for (const PlotPoint& p : plot.points) {
    if (!sx.shows(p.x) || !sy.shows(p.y))
      continue;
    svg += fmt::format(
        "<circle class=\"pt {}\" cx=\"{:.1f}\" cy=\"{:.1f}\" "
        "r=\"4.5\"><title>{}</title></circle>\n",
        html_escape(p.css_class), sx.pixel(p.x), sy.pixel(p.y), html_escape(p.tooltip));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace joulebench
