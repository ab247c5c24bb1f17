// Reporters that scale (issue 18): the HTML page of a leaderboard bigger than its limits says what
// it left out and stays small, while Markdown and CSV keep every row; the O(n log n) Pareto front
// and Mann-Whitney U agree with pairwise counting. Behaviour only: no timings.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "reporters/leaderboard/html_limits.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"
#include "reporters/statistics/mann_whitney.h"
#include "tests/reporters/html_page_text.h"

namespace joulebench {
namespace {

std::string row_json(const std::string& name, double energy, double rel_error) {
  return fmt::format(
      R"({{"name": "{0}", "run_name": "{0}", "run_type": "iteration", "iterations": 10,
          "real_time": 1000, "cpu_time": 1000, "time_unit": "ns", "energy_J": {1},
          "co2_g": 1e-9, "flops": {2}, "rel_error": {3}}})",
      name, energy, 1000.0 + energy, rel_error);
}

std::string timeline_json(const std::string& name, std::size_t samples) {
  std::vector<std::string> t, w;
  for (std::size_t i = 0; i < samples; ++i) {
    t.push_back(fmt::format("{}", 0.1 * static_cast<double>(i + 1)));
    w.push_back(fmt::format("{}", 10.0 + static_cast<double>(i % 5)));
  }
  return fmt::format(R"({{"name": "{}", "interval_s": 0.1, "t_s": [{}], "power_W": [{}]}})", name,
                     fmt::join(t, ","), fmt::join(w, ","));
}

ResultFile file_of(const std::vector<std::string>& rows,
                   const std::vector<std::string>& timelines) {
  return parse_result_json(
      fmt::format(R"({{"context": {{"host_name": "h", "joulebench_meter": "rapl",
                     "joulebench_provenance": "measured"}},
                     "benchmarks": [{}], "joulebench_power_timelines": [{}]}})",
                  fmt::join(rows, ","), fmt::join(timelines, ",")),
      "big.json");
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// 66 tasks of 50 variants (3300 rows: over the page's 3000), one task of 120 (over 50 per task,
// first by name), every row with FLOPs and a quality figure, kHtmlTimelines + 10 timelines of
// 2000 samples.
Report big_report() {
  std::vector<std::string> rows;
  for (int task = 0; task < 66; ++task) {
    for (int v = 0; v < 50; ++v)
      rows.push_back(row_json(fmt::format("t{}/fp32/b{}/8", task, v), 1.0 + v, 1e-3 / (1 + v)));
  }
  for (int v = 0; v < 120; ++v)
    rows.push_back(row_json(fmt::format("a-wide/fp32/b{}/8", v), 1.0 + v, 1e-3 / (1 + v)));
  std::vector<std::string> timelines;
  for (int t = 0; t < static_cast<int>(kHtmlTimelines) + 10; ++t)
    timelines.push_back(timeline_json(fmt::format("t{}/fp32/b0/8", t), 2000));
  return build_report({file_of(rows, timelines)}, *find_sort_metric("energy"));
}

TEST(HtmlPageLimits, BigLeaderboardSaysWhatItLeftOutAndStaysSmall) {
  const Report r = big_report();
  ASSERT_EQ(r.entries.size(), 3420u);
  std::ostringstream html;
  render_leaderboard_html(html, r);
  const std::string page = html.str();

  EXPECT_NE(page.find(fmt::format("This page shows {} of 3420 rows: the best {} of each task",
                                  kHtmlLeaderboardRows, kHtmlRowsPerTask)),
            std::string::npos);
  EXPECT_NE(page.find("1 task shown in part, e.g. a-wide/8 (50 of 120 rows)"), std::string::npos);
  // 3000 rows: a-wide's 50, then 59 whole tasks of 50 in name order; 7 tasks left.
  EXPECT_NE(page.find("7 tasks not shown, from t"), std::string::npos);
  EXPECT_NE(page.find("120 rows, the best 50 shown"), std::string::npos);
  // 60 task sections (a-wide and 59 more), the first kHtmlQualitySections with a plot.
  EXPECT_EQ(occurrences(page, "<section class=\"task\""), 60u);
  EXPECT_EQ(occurrences(page, fmt::format("No energy-quality plot: the page draws those of the "
                                          "first {} tasks only",
                                          kHtmlQualitySections)),
            60u - kHtmlQualitySections);
  EXPECT_NE(page.find(fmt::format("Showing {} of 3420 points", kHtmlPlotPoints)),
            std::string::npos);
  EXPECT_NE(page.find(fmt::format("Offering the first {} of {} timelines", kHtmlTimelines,
                                  kHtmlTimelines + 10)),
            std::string::npos);
  EXPECT_NE(page.find(fmt::format("At most {} samples of each", kHtmlTimelinePoints)),
            std::string::npos);
  EXPECT_NE(page.find(kHtmlFullDetailText), std::string::npos);

  // Table rows: kHtmlLeaderboardRows and one heading row per task table.
  EXPECT_EQ(occurrences(testing::without_vendor_scripts(page), "<tr>"), kHtmlLeaderboardRows + 60);
  // Written whole, this page was 14 MB; 10^5 rows made 206 MB.
  EXPECT_LT(page.size(), 6u << 20) << page.size();
}

TEST(HtmlPageLimits, MarkdownAndCsvKeepEveryRow) {
  const Report r = big_report();
  std::ostringstream csv, md;
  render_leaderboard_csv(csv, r);
  render_leaderboard_markdown(md, r);
  EXPECT_EQ(occurrences(csv.str(), "\n"), 3421u);  // heading and every row
  EXPECT_GE(occurrences(md.str(), "| a-wide/8 |"), 120u);
  EXPECT_EQ(md.str().find(kHtmlFullDetailText), std::string::npos);
}

TEST(HtmlPageLimits, SmallLeaderboardIsWhole) {
  std::vector<std::string> rows;
  for (int v = 0; v < 10; ++v)
    rows.push_back(row_json(fmt::format("t/fp32/b{}/8", v), 1.0 + v, 1e-3));
  std::ostringstream html;
  render_leaderboard_html(html, build_report({file_of(rows, {timeline_json("t/fp32/b0/8", 50)})},
                                             *find_sort_metric("energy")));
  const std::string page = testing::without_vendor_scripts(html.str());
  EXPECT_EQ(page.find("class=\"elided\""), std::string::npos);
  EXPECT_EQ(page.find("Showing"), std::string::npos);
  EXPECT_EQ(page.find("Offering"), std::string::npos);
  EXPECT_EQ(page.find("At most"), std::string::npos);
}

TEST(HtmlPageLimits, EvenlySpacedKeepsEndsAndBound) {
  EXPECT_EQ(evenly_spaced(3, 5), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(evenly_spaced(10, 3), (std::vector<std::size_t>{0, 4, 9}));
  EXPECT_EQ(evenly_spaced(10, 1), (std::vector<std::size_t>{0}));
  EXPECT_TRUE(evenly_spaced(10, 0).empty());
  const auto many = evenly_spaced(1'000'001, 500);
  ASSERT_EQ(many.size(), 500u);
  EXPECT_EQ(many.back(), 1'000'000u);
  EXPECT_TRUE(std::is_sorted(many.begin(), many.end()));
  EXPECT_EQ(std::adjacent_find(many.begin(), many.end()), many.end());
}

// The sweep gives the front that checking every pair gives, ties of energy and quality included.
TEST(ParetoSweep, AgreesWithPairwiseDominance) {
  std::mt19937 random(18);
  std::uniform_int_distribution<int> level(1, 6);  // few levels: many ties
  std::vector<std::string> rows;
  std::vector<std::pair<double, double>> points;
  for (int v = 0; v < 300; ++v) {
    const double energy = level(random);
    const double error = 1e-3 * level(random);
    rows.push_back(row_json(fmt::format("t/fp32/b{}/8", v), energy, error));
    points.emplace_back(energy, error);
  }
  const Report r = build_report({file_of(rows, {})}, *find_sort_metric("energy"));
  ASSERT_EQ(r.entries.size(), 300u);
  for (const Entry& e : r.entries) {
    const double energy = *e.median("energy_J");
    const double error = *e.median("rel_error");
    const bool dominated = std::any_of(points.begin(), points.end(), [&](const auto& o) {
      return o.first <= energy && o.second <= error && (o.first < energy || o.second < error);
    });
    EXPECT_EQ(e.pareto, !dominated) << e.name.workload << " " << energy << " " << error;
  }
}

TEST(MannWhitneyScaling, UOfLargeTiedSamplesEqualsPairCounting) {
  std::mt19937 random(21);
  std::uniform_int_distribution<int> level(0, 40);
  std::vector<double> x(700), y(900);
  for (double& v : x)
    v = level(random);
  for (double& v : y)
    v = level(random) + 1.0;
  double pairs = 0.0;
  for (double a : x) {
    for (double b : y)
      pairs += a > b ? 1.0 : a == b ? 0.5 : 0.0;
  }
  EXPECT_EQ(mann_whitney_u_test(x, y).u, pairs);
  EXPECT_EQ(mann_whitney_u_test(y, x).u, 700.0 * 900.0 - pairs);
}

}  // namespace
}  // namespace joulebench
