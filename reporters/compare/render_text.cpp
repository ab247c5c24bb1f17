// The terminal form: an aligned table, then what could not be decided and why.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "reporters/compare/render.h"
#include "reporters/compare/render_format.h"

namespace joulebench {

void render_compare_text(std::ostream& out, const Comparison& c) {
  namespace f = compare_format;
  const MetricInfo& metric = describe(c.options.metric);
  fmt::print(out, "base: {}\nnew:  {}\n{}.\n\n", c.base_source, c.new_source, f::method(c));

  using Line = std::array<std::string, 6>;
  std::vector<Line> lines = {
      {"benchmark", "base median", "new median", "change", "p-value", "verdict"}};
  for (const BenchmarkComparison& b : c.benchmarks) {
    lines.push_back({b.name, f::value(b.base_median, metric), f::value(b.new_median, metric),
                     f::change(b.relative_change), f::p_value(b), to_string(b.verdict)});
  }
  std::array<std::size_t, 6> width{};
  for (const Line& line : lines) {
    for (std::size_t i = 0; i < line.size(); ++i)
      width[i] = std::max(width[i], line[i].size());
  }
  for (const Line& line : lines) {
    // Names and verdicts read left to right; numbers line up on the right.
    fmt::print(out, "{:<{}}  {:>{}}  {:>{}}  {:>{}}  {:>{}}  {}\n", line[0], width[0], line[1],
               width[1], line[2], width[2], line[3], width[3], line[4], width[4], line[5]);
  }

  for (const f::ReasonGroup& g : f::reason_groups(c)) {
    fmt::print(out, "{}: {}: {}{}\n", fmt::join(g.names, ", "), g.verdict, g.reason,
               g.more > 0 ? fmt::format(" (and {} more benchmarks)", g.more) : "");
  }
  if (!c.only_in_base.empty())
    fmt::print(out, "only in base (not compared): {}\n", fmt::join(c.only_in_base, ", "));
  if (!c.only_in_new.empty())
    fmt::print(out, "only in new (not compared): {}\n", fmt::join(c.only_in_new, ", "));
  for (const std::string& note : c.notes)
    fmt::print(out, "note: {}\n", note);
  if (!c.energy_source.empty())
    fmt::print(out, "energy from {}\n", c.energy_source);
  fmt::print(out, "{}\n", f::summary(c));
}

}  // namespace joulebench
