// The pull-request comment: the verdict first, then the table, then what was not compared.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <string>
#include <vector>

#include "reporters/compare/render.h"
#include "reporters/compare/render_format.h"
#include "reporters/markdown_cell.h"

namespace joulebench {
namespace {

std::string headline(const Comparison& c) {
  const std::size_t regressions = c.count(Verdict::regression);
  if (regressions > 0) {
    return fmt::format(":red_circle: **{} {} regression{}**", regressions,
                       describe(c.options.metric).field, regressions == 1 ? "" : "s");
  }
  if (c.count(Verdict::improvement) > 0)
    return fmt::format(":green_circle: **No {} regression**, and improvements",
                       describe(c.options.metric).field);
  return fmt::format(":white_circle: **No {} regression**", describe(c.options.metric).field);
}

}  // namespace

void render_compare_markdown(std::ostream& out, const Comparison& c) {
  namespace f = compare_format;
  const MetricInfo& metric = describe(c.options.metric);
  fmt::print(out, "### joulebench compare: {}\n\n{}: {}.\n\n", metric.field, headline(c),
             f::summary(c));
  fmt::print(out,
             "| benchmark | base median | new median | change | p-value | verdict |\n"
             "|---|---:|---:|---:|---:|---|\n");
  for (const BenchmarkComparison& b : c.benchmarks) {
    const bool flagged = b.verdict == Verdict::regression;
    fmt::print(out, "| {} | {} | {} | {} | {} | {}{}{} |\n", markdown_cell(b.name),
               f::value(b.base_median, metric), f::value(b.new_median, metric),
               f::change(b.relative_change), f::p_value(b), flagged ? "**" : "",
               to_string(b.verdict), flagged ? "**" : "");
  }
  std::vector<std::string> bullets;
  for (const f::ReasonGroup& g : f::reason_groups(c)) {
    std::vector<std::string> names;
    for (const std::string& name : g.names)
      names.push_back(markdown_cell(name));
    bullets.push_back(
        fmt::format("{}: {}: {}{}", fmt::join(names, ", "), g.verdict, markdown_cell(g.reason),
                    g.more > 0 ? fmt::format(" (and {} more benchmarks)", g.more) : ""));
  }
  auto list = [&](const char* label, const std::vector<std::string>& names) {
    if (names.empty())
      return;
    std::string line = fmt::format("{} (not compared):", label);
    for (const std::string& name : names)
      line += fmt::format(" {}", markdown_cell(name));
    bullets.push_back(line);
  };
  list("only in base", c.only_in_base);
  list("only in new", c.only_in_new);
  for (const std::string& note : c.notes)
    bullets.push_back("note: " + markdown_cell(note));
  if (!c.energy_source.empty())
    bullets.push_back("energy from " + markdown_cell(c.energy_source));
  fmt::print(out, "\n");
  for (const std::string& bullet : bullets)
    fmt::print(out, "- {}\n", bullet);
  if (!bullets.empty())
    fmt::print(out, "\n");
  fmt::print(out, "<sub>{}. Base {}, new {}.</sub>\n", f::method(c), markdown_cell(c.base_source),
             markdown_cell(c.new_source));
}

}  // namespace joulebench
