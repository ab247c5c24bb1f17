#include "reporters/leaderboard/html_plots.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/result_schema.h"
#include "reporters/leaderboard/cells.h"
#include "reporters/leaderboard/html_limits.h"

namespace joulebench {
namespace {

using nlohmann::json;

// Twenty colours a reader can tell apart (Tableau 20, dark shades first), one per series.
const std::vector<std::string>& palette() {
  static const std::vector<std::string> colours = {
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
      "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"};
  return colours;
}

// Four significant digits: what a plot can show, and a page a tenth the size of full precision.
double rounded(double v) {
  return std::stod(fmt::format("{:.4g}", v));
}

// A log scale when every value is positive and they span more than kHtmlLogAxisSpan; otherwise
// linear, fitted to the data (no forced zero: accuracies of 0.80 to 0.86 fill the axis).
json scale_for(const std::vector<double>& values, bool& log) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  log = !values.empty() && *lo > 0.0 && *hi / *lo > kHtmlLogAxisSpan;
  if (log)
    return {{"type", "log"}};
  return {{"zero", false}, {"nice", true}};
}

// `short_format`: the d3 format of labels on a log axis or one of very small or large values
// ("~s": 10k, 20M, 10µ; "~e": 1e-7), which stay short where decimals would run to 0.0000001 or
// 1,000,000,000.
// `unit`, when given, follows each short label ("500µJ", "2mJ"): an SI prefix alone reads as
// metres or minutes.
json axis_encoding(const char* field, std::string title, const std::vector<double>& values,
                   const char* short_format = "~s", const char* unit = "") {
  bool log = false;
  json scale = scale_for(values, log);
  json axis = {{"grid", true}, {"labelOverlap", true}};
  double largest = 0.0;
  for (double v : values)
    largest = std::max(largest, std::abs(v));
  if (log)
    title += " (log scale)";
  if (log || largest < 1e-2 || largest >= 1e5) {
    if (*unit != '\0')
      axis["labelExpr"] = fmt::format("format(datum.value, '{}') + '{}'", short_format, unit);
    else
      axis["format"] = short_format;
  }
  axis["title"] = std::move(title);
  return {{"field", field},
          {"type", "quantitative"},
          {"scale", std::move(scale)},
          {"axis", std::move(axis)}};
}

// Colour (the outline) and fill of one series per `series` value; estimated points get a white
// fill, so they are hollow. Explicit domain and range keep the fill's colours the outline's.
void colour_by_series(json& encoding, const std::vector<std::string>& series, std::string title) {
  std::vector<std::string> range;
  for (std::size_t i = 0; i < series.size(); ++i)
    range.push_back(palette()[i % palette().size()]);
  const json scale = {{"domain", series}, {"range", range}};
  encoding["color"] = {{"field", "series"},
                       {"type", "nominal"},
                       {"scale", scale},
                       {"legend",
                        {{"title", std::move(title)},
                         {"orient", "right"},
                         {"labelLimit", 260},
                         {"symbolType", "circle"},
                         {"symbolFillColor", "white"}}}};
  encoding["fill"] = {{"condition", {{"test", "datum.estimated"}, {"value", "white"}}},
                      {"field", "series"},
                      {"type", "nominal"},
                      {"scale", scale},
                      {"legend", nullptr}};
}

json base_spec(int width, int height) {
  // width and height are the plot area's; axes and the legend (to the right) come outside it, so
  // a legend never covers data.
  return {{"width", width},
          {"height", height},
          {"config",
           {{"font", "system-ui, sans-serif"},
            {"view", {{"stroke", "#ccc"}}},
            {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}}},
            {"legend", {{"labelFontSize", 11}, {"titleFontSize", 11}}}}}};
}

// The series names of `points` (their "series" field), in order of first appearance; when there
// are more than kHtmlLegendEntries, each point's series becomes its provenance instead.
std::vector<std::string> series_of(json& points, bool& by_provenance) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const json& p : points) {
    if (seen.insert(p["series"].get<std::string>()).second)
      names.push_back(p["series"]);
  }
  by_provenance = names.size() > kHtmlLegendEntries;
  if (!by_provenance)
    return names;
  names.clear();
  seen.clear();
  for (json& p : points) {
    p["series"] = p["provenance"];
    if (seen.insert(p["series"].get<std::string>()).second)
      names.push_back(p["series"]);
  }
  return names;
}

std::string provenance_word(const Entry& e) {
  return e.provenance.empty() ? "no energy" : e.provenance;
}

// At most kHtmlPlotPoints of `points`, evenly spaced in their order, and a note when cut.
std::string limit_points(json& points) {
  const std::size_t all = points.size();
  if (all <= kHtmlPlotPoints)
    return "";
  json kept = json::array();
  for (std::size_t i : evenly_spaced(all, kHtmlPlotPoints))
    kept.push_back(std::move(points[i]));
  points = std::move(kept);
  return fmt::format(" Showing {} of {} points, evenly spaced; {}.", kHtmlPlotPoints, all,
                     kHtmlFullDetailText);
}

const char* kHollowText = "Filled points were measured; hollow points were estimated by a model.";

}  // namespace

PlotOrSentence energy_quality_plot(const Report& report, const TaskInfo& task, std::size_t index) {
  const std::string unit = unit_text(task.unit);
  const auto rows = quality_rows(report, task);
  // A series per variant, and per host when the task ran on several.
  std::set<std::string> hosts;
  for (const Entry* e : rows)
    hosts.insert(e->host);
  json points = json::array();
  std::map<std::string, std::size_t> front_sizes;  // by provenance
  for (const Entry* e : rows) {
    const auto q = e->median(task.quality);
    const auto j = e->joules_per_unit();
    if (!q || !j)
      continue;
    std::string series = variant_text(*e);
    if (hosts.size() > 1)
      series += " on " + e->host;
    points.push_back({{"series", series},
                      {"variant", variant_text(*e)},
                      {"host", e->host},
                      {"provenance", provenance_word(*e)},
                      {"estimated", e->estimated()},
                      {"x", *j},
                      {"y", *q},
                      {"front", e->pareto ? json("Pareto front (" + provenance_word(*e) + ")")
                                          : json(nullptr)}});
    if (e->pareto)
      ++front_sizes[provenance_word(*e)];
  }
  if (points.size() < 2) {
    return {std::nullopt,
            points.empty()
                ? fmt::format("No plot: no row has both energy and {}.", task.quality)
                : fmt::format("No plot: only one row has both energy and {}.", task.quality)};
  }
  // A front of one point is no front: drop its label so no line or legend entry appears.
  for (json& p : points) {
    if (!p["front"].is_null() && front_sizes[p["provenance"].get<std::string>()] < 2)
      p["front"] = nullptr;
  }
  std::string caption = fmt::format(
      "One point per row with energy and {}; colours name the variants in the legend. {}",
      task.quality, kHollowText);
  caption += limit_points(points);
  bool by_provenance = false;
  const std::vector<std::string> series = series_of(points, by_provenance);
  if (by_provenance) {
    caption += fmt::format(
        " More than {} variants: colours show the provenance; hover a point "
        "for its variant.",
        kHtmlLegendEntries);
  }

  std::vector<double> xs, ys;
  for (const json& p : points) {
    xs.push_back(p["x"]);
    ys.push_back(p["y"]);
  }
  const bool accuracy = task.quality == counter::kAccuracy;
  const json x = axis_encoding("x", fmt::format("J per {}", unit), xs, "~s", "J");
  const json y = axis_encoding(
      "y", accuracy ? "accuracy (higher is better)" : "rel_error (lower is better)", ys, "~e");
  const json tooltip = json::array({{{"field", "variant"}, {"title", "variant"}},
                                    {{"field", "host"}, {"title", "host"}},
                                    {{"field", "provenance"}, {"title", "provenance"}},
                                    {{"field", "x"}, {"title", "J/" + unit}, {"format", ".4~g"}},
                                    {{"field", "y"}, {"title", task.quality}, {"format", ".4~g"}}});

  json point_layer = {
      {"mark", {{"type", "point"}, {"size", 90}, {"strokeWidth", 2}, {"opacity", 1}}},
      {"encoding", {{"x", x}, {"y", y}, {"tooltip", tooltip}}}};
  colour_by_series(point_layer["encoding"], series, by_provenance ? "provenance" : "variant");
  json layers = json::array();
  std::size_t fronts = 0;
  for (const auto& [provenance, size] : front_sizes)
    fronts += size >= 2;
  if (fronts > 0) {
    caption +=
        " The grey line joins the Pareto-optimal rows of each provenance: no other row "
        "has both lower energy and better quality.";
    std::vector<std::string> domain;
    for (const auto& [provenance, size] : front_sizes) {
      if (size >= 2)
        domain.push_back("Pareto front (" + provenance + ")");
    }
    json dash_range = json::array();
    for (const std::string& d : domain)
      dash_range.push_back(d.find("(estimated)") != std::string::npos ? json({5, 3})
                                                                      : json({1, 0}));
    layers.push_back(
        {{"transform", json::array({{{"filter", "datum.front != null"}}})},
         {"mark", {{"type", "line"}, {"color", "#666"}, {"strokeWidth", 1.5}}},
         {"encoding",
          {{"x", x},
           {"y", y},
           {"order", {{"field", "x"}, {"type", "quantitative"}}},
           {"strokeDash",
            {{"field", "front"},
             {"type", "nominal"},
             {"scale", {{"domain", domain}, {"range", dash_range}}},
             {"legend",
              {{"title", nullptr}, {"orient", "right"}, {"symbolStrokeColor", "#666"}}}}}}}});
  }
  layers.push_back(std::move(point_layer));

  HtmlPlot plot{fmt::format("plot-quality-{}", index), base_spec(420, 260), series.size() + fronts,
                std::move(caption)};
  plot.spec["data"] = {{"values", std::move(points)}};
  plot.spec["layer"] = std::move(layers);
  plot.spec["resolve"] = {{"scale", {{"color", "shared"}}}};
  return {std::move(plot), ""};
}

PlotOrSentence flops_energy_plot(const Report& report) {
  const auto rows = flops_rows(report);
  if (rows.size() < 2) {
    return {std::nullopt, rows.empty() ? "No row has both FLOPs and energy."
                                       : "One row has both FLOPs and energy; a plot needs two."};
  }
  std::set<std::string> hosts;
  for (const Entry* e : rows)
    hosts.insert(e->host);
  json points = json::array();
  for (const Entry* e : rows) {
    // Series: the provenance, and the host when there are several: correlations are computed
    // within one of each (report.h), so the plot shows the same groups.
    std::string series = provenance_word(*e);
    if (hosts.size() > 1)
      series += " on " + e->host;
    points.push_back({{"series", series},
                      {"task", e->name.task},
                      {"variant", variant_text(*e)},
                      {"host", e->host},
                      {"provenance", provenance_word(*e)},
                      {"estimated", e->estimated()},
                      {"x", *e->median(counter::kFlops)},
                      {"y", *e->median(counter::kEnergy)}});
  }
  std::string caption = fmt::format(
      "One point per row; colours are the groups a correlation is "
      "computed in. {} Hover a point for its task and variant.",
      kHollowText);
  caption += limit_points(points);
  bool by_provenance = false;
  const std::vector<std::string> series = series_of(points, by_provenance);
  std::vector<double> xs, ys;
  for (const json& p : points) {
    xs.push_back(p["x"]);
    ys.push_back(p["y"]);
  }
  json encoding = {
      {"x", axis_encoding("x", "FLOP per iteration", xs)},
      {"y", axis_encoding("y", "J per iteration", ys, "~s", "J")},
      {"tooltip", json::array({{{"field", "task"}},
                               {{"field", "variant"}},
                               {{"field", "host"}},
                               {{"field", "provenance"}},
                               {{"field", "x"}, {"title", "FLOP/iter"}, {"format", ".4~g"}},
                               {{"field", "y"}, {"title", "J/iter"}, {"format", ".4~g"}}})}};
  colour_by_series(encoding, series, hosts.size() > 1 ? "provenance on host" : "provenance");
  HtmlPlot plot{"plot-flops", base_spec(520, 300), series.size(), std::move(caption)};
  plot.spec["data"] = {{"values", std::move(points)}};
  plot.spec["mark"] = {{"type", "point"}, {"size", 70}, {"strokeWidth", 2}, {"opacity", 1}};
  plot.spec["encoding"] = std::move(encoding);
  return {std::move(plot), ""};
}

PlotOrSentence power_timeline_plot(const Report& report) {
  if (report.timelines.empty())
    return {std::nullopt, ""};
  const std::size_t offered = std::min(report.timelines.size(), kHtmlTimelines);
  // Columns per benchmark, flattened by the spec: a third the size of one object per sample.
  json data = json::array();
  json options = json::array();
  json labels = json::array();
  bool downsampled = false;
  std::size_t whole_runs = 0;
  std::size_t too_short = 0;  // timelines of fewer than two samples to draw
  for (std::size_t i = 0; i < offered; ++i) {
    const TimelineSeries& s = report.timelines[i];
    const std::vector<TimeWindow>& windows = s.timeline.measured;
    const std::size_t samples = std::min(s.timeline.t_s.size(), s.timeline.power_W.size());
    // The samples drawn: those whose interval (from the previous read to this one) overlaps a
    // measured window, each window a segment of its own so the line does not bridge the set-up
    // between them; every sample when the file records no windows, or none overlaps one (a
    // timed loop shorter than the sampling interval).
    std::vector<std::size_t> kept;
    std::vector<int> segment;
    for (std::size_t k = 0; k < samples; ++k) {
      const double to = s.timeline.t_s[k];
      const double from = k > 0 ? s.timeline.t_s[k - 1] : to - s.timeline.interval_s;
      for (std::size_t w = 0; w < windows.size(); ++w) {
        if (from < windows[w].end_s && to > windows[w].start_s) {
          kept.push_back(k);
          segment.push_back(static_cast<int>(w));
          break;
        }
      }
    }
    const bool whole = kept.empty();
    if (whole) {
      for (std::size_t k = 0; k < samples; ++k) {
        kept.push_back(k);
        segment.push_back(0);
      }
    }
    // One sample is a figure, not a curve: the table's W column has it.
    if (kept.size() < 2) {
      ++too_short;
      continue;
    }
    downsampled = downsampled || kept.size() > kHtmlTimelinePoints;
    json t = json::array(), w = json::array(), seg = json::array();
    for (std::size_t k : evenly_spaced(kept.size(), kHtmlTimelinePoints)) {
      t.push_back(rounded(s.timeline.t_s[kept[k]]));
      w.push_back(rounded(s.timeline.power_W[kept[k]]));
      seg.push_back(segment[k]);
    }
    whole_runs += whole;
    data.push_back({{"b", i}, {"est", s.estimated}, {"t", t}, {"w", w}, {"s", seg}});
    options.push_back(i);
    labels.push_back(fmt::format("{} ({}{}){}", s.timeline.name, s.host,
                                 s.estimated ? ", estimated" : "",
                                 whole ? (windows.empty() ? ": whole run, set-up included"
                                                          : ": whole run (no sample inside "
                                                            "the timed loops)")
                                       : ": timed loops only"));
  }
  if (options.empty()) {
    return {std::nullopt,
            fmt::format("No plot: {} fewer than two samples to draw (runs shorter than the "
                        "sampling interval); the tables' W column has each run's mean power.",
                        offered == 1 ? std::string("the one timeline has")
                                     : fmt::format("each of the {} timelines has", offered))};
  }
  std::string caption =
      "Choose a benchmark below the plot. Each benchmark's power, the mean over its energy "
      "domains, against seconds since its first sample.";
  if (whole_runs == options.size()) {
    caption +=
        " No timeline here records samples inside its timed loops (files written before "
        "joulebench recorded them, or loops shorter than a sample), so each is the whole run, "
        "set-up included.";
  } else if (whole_runs > 0) {
    caption +=
        " Timelines marked \"timed loops only\" show only samples taken while the timed loops "
        "ran, set-up left out; those marked \"whole run\" include set-up.";
  } else {
    caption += " Only samples taken while the timed loops ran are drawn; set-up is left out.";
  }
  if (too_short > 0) {
    caption +=
        fmt::format(" {} fewer than two samples to draw and {} not offered.",
                    too_short == 1 ? "1 timeline has" : fmt::format("{} timelines have", too_short),
                    too_short == 1 ? "is" : "are");
  }
  if (offered < report.timelines.size()) {
    caption += fmt::format(" Offering the first {} of {} timelines; the JSON report has all.",
                           offered, report.timelines.size());
  }
  if (downsampled) {
    caption += fmt::format(" At most {} samples of each, evenly spaced; the JSON report has all.",
                           kHtmlTimelinePoints);
  }
  HtmlPlot plot{"plot-power", base_spec(640, 240), 1, std::move(caption)};
  plot.spec["data"] = {{"values", std::move(data)}};
  plot.spec["params"] = json::array({{{"name", "benchmark"},
                                      {"value", options.at(0)},
                                      {"bind",
                                       {{"input", "select"},
                                        {"options", options},
                                        {"labels", labels},
                                        {"name", "benchmark "}}}}});
  plot.spec["transform"] = json::array(
      {{{"filter", "datum.b == benchmark"}}, {{"flatten", json::array({"t", "w", "s"})}}});
  // Points on the line: a short run's timeline may be a single sample, which a bare line hides.
  plot.spec["mark"] = {{"type", "line"},
                       {"strokeWidth", 1.5},
                       {"color", "#1f77b4"},
                       {"point", {{"size", 30}, {"filled", true}}}};
  plot.spec["encoding"] = {{"x",
                            {{"field", "t"},
                             {"type", "quantitative"},
                             {"scale", {{"zero", false}, {"nice", false}, {"padding", 10}}},
                             {"axis",
                              {{"title", "seconds since the benchmark's first sample"},
                               {"grid", true},
                               {"labelOverlap", true},
                               {"tickCount", 8}}}}},
                           {"y",
                            {{"field", "w"},
                             {"type", "quantitative"},
                             {"scale", {{"zero", false}, {"padding", 10}}},
                             {"axis", {{"title", "W"}, {"grid", true}}}}},
                           {"detail", {{"field", "s"}, {"type", "nominal"}}},
                           {"strokeDash",
                            {{"condition", {{"test", "datum.est"}, {"value", json::array({4, 2})}}},
                             {"value", json::array({1, 0})}}}};
  return {std::move(plot), ""};
}

}  // namespace joulebench
