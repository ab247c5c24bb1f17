#pragma once
// How much of a big leaderboard the HTML page shows. A year of nightly runs over many hosts is
// 10^5 rows or more: written whole, the page was 200 MB that no browser opens. Beyond these
// limits the page says what it left out, and where to find it (the Markdown, CSV and JSON reports
// keep every row). With them the page stays under about 10 MB whatever the input.

#include <cstddef>
#include <vector>

namespace joulebench {

inline constexpr std::size_t kHtmlRowsPerTask = 50;        // table rows of one task
inline constexpr std::size_t kHtmlLeaderboardRows = 3000;  // table rows in all
inline constexpr std::size_t kHtmlQualitySections = 50;    // tasks with an energy-quality plot
inline constexpr std::size_t kHtmlPlotPoints = 1000;       // points of one scatter plot
inline constexpr std::size_t kHtmlTimelines = 200;         // power timelines offered
inline constexpr std::size_t kHtmlTimelinePoints = 300;    // samples drawn of one timeline
inline constexpr std::size_t kHtmlListItems = 200;         // items of a list (energy gaps)
// Series one plot tells apart by colour, each with a legend entry: beyond it colours stop being
// distinguishable and the legend outgrows the plot, so the plot colours by provenance instead.
inline constexpr std::size_t kHtmlLegendEntries = 20;
// An axis whose positive values span more than this ratio (two decades) is drawn in log scale.
inline constexpr double kHtmlLogAxisSpan = 100.0;

// The sentence that ends every elision note.
inline constexpr const char* kHtmlFullDetailText =
    "the Markdown, CSV and JSON reports (joulebench report --format md, csv or json) have all rows";

// Indices of at most `limit` of `count` items, evenly spaced, first and last kept: a plot that
// keeps its shape with a bounded number of points.
inline std::vector<std::size_t> evenly_spaced(std::size_t count, std::size_t limit) {
  std::vector<std::size_t> out;
  if (count <= limit) {
    for (std::size_t i = 0; i < count; ++i)
      out.push_back(i);
    return out;
  }
  if (limit == 0)
    return out;
  if (limit == 1)
    return {0};
  // Item k sits at k (count - 1) / (limit - 1): strictly increasing (count > limit), ending at
  // count - 1.
  for (std::size_t k = 0; k < limit; ++k)
    out.push_back(k * (count - 1) / (limit - 1));
  return out;
}

}  // namespace joulebench
