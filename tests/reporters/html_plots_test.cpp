// The HTML page's Vega-Lite specs (html_plots.h), read as JSON: the rules a reader relies on,
// checked without a browser (the browser test draws them).

#include "reporters/leaderboard/html_plots.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reporters/leaderboard/html_limits.h"
#include "reporters/result_file.h"

namespace joulebench {
namespace {

using nlohmann::json;

// A row of task "t/8" (variant `precision`/b`backend`) with the given energy and quality.
std::string row(int variant, double energy, const char* quality, double value,
                const char* precision = "fp32") {
  return fmt::format(
      R"({{"name": "t/{0}/b{1}/8", "run_name": "t/{0}/b{1}/8", "run_type": "iteration",
          "iterations": 10, "real_time": 1000, "cpu_time": 1000, "time_unit": "ns",
          "energy_J": {2}, "flops": 1000, "{3}": {4}}})",
      precision, variant, energy, quality, value);
}

Report report_of(const std::vector<std::string>& rows, const std::string& timelines = "",
                 const char* provenance = "measured") {
  return build_report(
      {parse_result_json(fmt::format(R"({{"context": {{"host_name": "h", "joulebench_meter": "rapl",
                         "joulebench_provenance": "{}"}}, "benchmarks": [{}],
                         "joulebench_power_timelines": [{}]}})",
                                     provenance, fmt::join(rows, ","), timelines),
                         "t.json")},
      *find_sort_metric("energy"));
}

const json& layer_with_mark(const json& spec, const char* mark) {
  for (const json& layer : spec.at("layer")) {
    if (layer.at("mark").at("type") == mark)
      return layer;
  }
  static const json none;
  ADD_FAILURE() << "no " << mark << " layer in " << spec.dump();
  return none;
}

TEST(HtmlPlots, OnePointGetsASentenceNotAnEmptyBox) {
  const Report r = report_of({row(0, 1.0, "accuracy", 0.8)});
  const PlotOrSentence p = energy_quality_plot(r, r.tasks.at(0), 0);
  EXPECT_FALSE(p.plot);
  EXPECT_EQ(p.sentence, "No plot: only one row has both energy and accuracy.");
}

TEST(HtmlPlots, AccuracyAxisSpansItsDataNotZeroToOne) {
  const Report r = report_of({row(0, 1.0, "accuracy", 0.80), row(1, 2.0, "accuracy", 0.86)});
  const PlotOrSentence p = energy_quality_plot(r, r.tasks.at(0), 0);
  ASSERT_TRUE(p.plot);
  const json& y = layer_with_mark(p.plot->spec, "point").at("encoding").at("y");
  EXPECT_EQ(y.at("scale").at("zero"), false);
  EXPECT_FALSE(y.at("scale").contains("type"));
  EXPECT_EQ(y.at("axis").at("title"), "accuracy (higher is better)");
}

TEST(HtmlPlots, LogAxesWhereValuesSpanMoreThanTwoDecades) {
  const Report r = report_of({row(0, 1.0, "rel_error", 1e-7), row(1, 2.0, "rel_error", 1e-2)});
  const PlotOrSentence p = energy_quality_plot(r, r.tasks.at(0), 0);
  ASSERT_TRUE(p.plot);
  const json& encoding = layer_with_mark(p.plot->spec, "point").at("encoding");
  EXPECT_EQ(encoding.at("y").at("scale").at("type"), "log");
  EXPECT_FALSE(encoding.at("x").at("scale").contains("type")) << "1 to 2 J is linear";
}

TEST(HtmlPlots, ParetoFrontOnlyWithTwoPointsOnIt) {
  // Lower energy and lower error: one row dominates, the front is one point.
  const Report dominated =
      report_of({row(0, 1.0, "rel_error", 1e-3), row(1, 2.0, "rel_error", 1e-2)});
  const PlotOrSentence one = energy_quality_plot(dominated, dominated.tasks.at(0), 0);
  ASSERT_TRUE(one.plot);
  EXPECT_EQ(one.plot->spec.at("layer").size(), 1u) << "points only";
  EXPECT_EQ(one.plot->series, 2u);
  // A trade-off: both rows are on the front, drawn and named in the legend.
  const Report trade = report_of({row(0, 1.0, "rel_error", 1e-2), row(1, 2.0, "rel_error", 1e-3)});
  const PlotOrSentence two = energy_quality_plot(trade, trade.tasks.at(0), 0);
  ASSERT_TRUE(two.plot);
  const json& line = layer_with_mark(two.plot->spec, "line");
  EXPECT_EQ(line.at("encoding").at("strokeDash").at("scale").at("domain"),
            json::array({"Pareto front (measured)"}));
  EXPECT_EQ(two.plot->series, 3u) << "two variants and the front";
}

TEST(HtmlPlots, EstimatesAreHollowAndTheLegendOutsideThePlot) {
  const Report r =
      report_of({row(0, 1.0, "rel_error", 1e-2), row(1, 2.0, "rel_error", 1e-3)}, "", "estimated");
  const PlotOrSentence p = energy_quality_plot(r, r.tasks.at(0), 0);
  ASSERT_TRUE(p.plot);
  const json& encoding = layer_with_mark(p.plot->spec, "point").at("encoding");
  EXPECT_EQ(encoding.at("fill").at("condition").at("test"), "datum.estimated");
  EXPECT_EQ(encoding.at("fill").at("condition").at("value"), "white");
  EXPECT_EQ(encoding.at("color").at("legend").at("orient"), "right");
  for (const json& point : p.plot->spec.at("data").at("values"))
    EXPECT_EQ(point.at("estimated"), true);
  EXPECT_NE(p.plot->caption.find("hollow points were estimated"), std::string::npos);
}

TEST(HtmlPlots, TooManyVariantsColourByProvenance) {
  std::vector<std::string> rows;
  for (std::size_t v = 0; v < kHtmlLegendEntries + 5; ++v)
    rows.push_back(row(static_cast<int>(v), 1.0 + static_cast<double>(v), "rel_error", 1e-3));
  const Report r = report_of(rows);
  const PlotOrSentence p = energy_quality_plot(r, r.tasks.at(0), 0);
  ASSERT_TRUE(p.plot);
  EXPECT_LE(p.plot->series, kHtmlLegendEntries);
  EXPECT_EQ(
      layer_with_mark(p.plot->spec, "point").at("encoding").at("color").at("scale").at("domain"),
      json::array({"measured"}));
  EXPECT_NE(p.plot->caption.find("colours show the provenance"), std::string::npos);
}

TEST(HtmlPlots, PowerTimelinesOneAtATimeWholeRunsSaySo) {
  const std::string timeline =
      R"({"name": "t/fp32/b0/8", "interval_s": 0.1, "t_s": [0.1, 0.2, 0.3],
          "power_W": [10, 11, 12]})";
  const Report r = report_of({row(0, 1.0, "rel_error", 1e-3)}, timeline);
  const PlotOrSentence p = power_timeline_plot(r);
  ASSERT_TRUE(p.plot);
  EXPECT_EQ(p.plot->series, 1u);
  const json& bind = p.plot->spec.at("params").at(0).at("bind");
  EXPECT_EQ(bind.at("input"), "select");
  ASSERT_EQ(bind.at("labels").size(), 1u);
  EXPECT_NE(bind.at("labels").at(0).get<std::string>().find("whole run, set-up included"),
            std::string::npos);
  EXPECT_NE(p.plot->caption.find("each is the whole run, set-up included"), std::string::npos);
  EXPECT_EQ(p.plot->spec.at("data").at("values").at(0).at("w"), json::array({10, 11, 12}));
}

// Set-up excluded: of ten samples at 0.1 s, those whose interval overlaps a timed loop
// ([0.35, 0.55] and [0.8, 0.85]), each loop a segment of its own.
TEST(HtmlPlots, PowerTimelinesDrawOnlyTheTimedLoops) {
  const std::string timeline =
      R"({"name": "t/fp32/b0/8", "interval_s": 0.1,
          "t_s": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
          "power_W": [50, 50, 50, 10, 11, 12, 50, 50, 13, 50],
          "timed_from_s": [0.35, 0.8], "timed_to_s": [0.55, 0.85]})";
  const Report r = report_of({row(0, 1.0, "rel_error", 1e-3)}, timeline);
  const PlotOrSentence p = power_timeline_plot(r);
  ASSERT_TRUE(p.plot);
  const json& values = p.plot->spec.at("data").at("values").at(0);
  EXPECT_EQ(values.at("t"), json::array({0.4, 0.5, 0.6, 0.9}));
  EXPECT_EQ(values.at("w"), json::array({10, 11, 12, 13}));
  EXPECT_EQ(values.at("s"), json::array({0, 0, 0, 1}));
  const json& labels = p.plot->spec.at("params").at(0).at("bind").at("labels");
  EXPECT_NE(labels.at(0).get<std::string>().find("timed loops only"), std::string::npos);
  EXPECT_NE(p.plot->caption.find("set-up is left out"), std::string::npos);
}

// A run shorter than the sampling interval leaves one sample: a sentence, not a one-dot plot.
TEST(HtmlPlots, PowerTimelineOfOneSampleGetsASentence) {
  const std::string timeline =
      R"({"name": "t/fp32/b0/8", "interval_s": 0.1, "t_s": [0.1], "power_W": [4.5],
          "timed_from_s": [0.02], "timed_to_s": [0.1]})";
  const Report r = report_of({row(0, 1.0, "rel_error", 1e-3)}, timeline);
  const PlotOrSentence p = power_timeline_plot(r);
  EXPECT_FALSE(p.plot);
  EXPECT_NE(p.sentence.find("No plot: the one timeline has fewer than two samples"),
            std::string::npos)
      << p.sentence;
}

}  // namespace
}  // namespace joulebench
