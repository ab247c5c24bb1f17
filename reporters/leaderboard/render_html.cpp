// The leaderboard as one self-contained HTML page, organised by task: a table of contents with a
// filter, then a section per task with its own table (ranks within the task; sorting a column
// sorts that table only, each row keeping its rank) and its energy-quality plot. The plots are
// Vega-Lite specs (html_plots.h) in one JSON block, drawn by the inlined vega, vega-lite and
// vega-embed builds (html/vendor/); CSS and the page's script are inline too (html/, compiled
// in). Nothing is fetched, so the page works from a file:// URL, an e-mail attachment or a CI
// artifact.

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <vector>

#include "common/result_schema.h"
#include "reporters/html_escape.h"
#include "reporters/leaderboard/cells.h"
#include "reporters/leaderboard/grade.h"
#include "reporters/leaderboard/html_assets.h"
#include "reporters/leaderboard/html_limits.h"
#include "reporters/leaderboard/html_plots.h"
#include "reporters/leaderboard/render.h"

namespace joulebench {
namespace {

struct Cell {
  std::string html;                  // escaped already
  std::optional<double> sort_value;  // numeric columns sort by this; missing sorts last
  bool estimated = false;
  std::string title;  // a tooltip (unescaped), e.g. the per-domain breakdown
};

struct Column {
  std::string heading;
  bool numeric = false;
  std::string key;  // data-key, so the page's self-test can find a column
};

Cell text(std::string_view t) {
  return {html_escape(t), std::nullopt, false, {}};
}

Cell number(std::optional<double> v, bool estimated = false) {
  return {html_escape(format_number(v)), v, estimated && v.has_value(), {}};
}

// The median, and its "[min, max]" on a line of its own below it in small type: a table of
// spreads stays as narrow as its medians.
std::string spread_html(const Spread* s, bool as_duration) {
  const std::string text = format_spread(s, as_duration);
  const auto range = text.find(" [");
  if (range == std::string::npos)
    return html_escape(text);
  return fmt::format("{}<span class=\"range\">{}</span>", html_escape(text.substr(0, range)),
                     html_escape(text.substr(range + 1)));
}

Cell spread(const Entry& e, const char* key, bool as_duration, bool estimated) {
  const Spread* s = e.spread(key);
  return {spread_html(s, as_duration),
          s ? std::optional<double>(s->median) : std::nullopt,
          estimated && s != nullptr,
          {}};
}

// J/iter with its spread; the per-domain breakdown as its tooltip; for a row whose run measured
// energy but which has none, n/a with the reason as its tooltip.
Cell energy_cell(const Entry& e) {
  if (!e.has_energy() && e.repetitions_without_energy > 0 && !e.error) {
    Cell c = text(kNoEnergyCell);
    c.title = e.no_energy_reason;
    return c;
  }
  Cell c = spread(e, counter::kEnergy, false, e.estimated());
  c.title = domains_text(e);
  return c;
}

Cell time_cell(const Entry& e) {
  if (e.error)
    return text("error: " + *e.error);
  return spread(e, kTimeMetric, true, false);
}

void table(std::ostream& out, std::string_view id, const std::vector<Column>& columns,
           const std::vector<std::vector<Cell>>& rows) {
  // The wrapper scrolls a table wider than the page instead of pushing it past the edge.
  fmt::print(out, "<div class=\"table-wrap\"><table class=\"sortable\" id=\"{}\">\n<thead><tr>",
             id);
  for (const Column& c : columns) {
    fmt::print(out, "<th data-type=\"{}\" data-key=\"{}\" tabindex=\"0\">{}</th>",
               c.numeric ? "number" : "text", html_escape(c.key), html_escape(c.heading));
  }
  fmt::print(out, "</tr></thead>\n<tbody>\n");
  for (const auto& row : rows) {
    fmt::print(out, "<tr>");
    for (std::size_t i = 0; i < row.size(); ++i) {
      const Cell& c = row[i];
      std::string cls = columns[i].numeric ? "num" : "";
      if (c.estimated)
        cls += cls.empty() ? "est" : " est";
      const std::string value =
          columns[i].numeric ? fmt::format(" data-value=\"{}\"",
                                           c.sort_value ? fmt::format("{}", *c.sort_value) : "")
                             : "";
      const std::string title =
          c.title.empty() ? "" : fmt::format(" title=\"{}\"", html_escape(c.title));
      // The est. tag right after the figure, before a spread's range on its line below.
      std::string html = c.html;
      if (c.estimated) {
        const auto range = html.find("<span class=\"range\">");
        html.insert(range == std::string::npos ? html.size() : range,
                    "<span class=\"est-mark\">est.</span>");
      }
      fmt::print(out, "<td{}{}{}>{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"", value,
                 title, html);
    }
    fmt::print(out, "</tr>\n");
  }
  fmt::print(out, "</tbody>\n</table></div>\n");
}

// The rows the page shows of each task: the best kHtmlRowsPerTask of each, kHtmlLeaderboardRows in
// all (tasks in name order); and, when that is not every row, a note naming what was left out.
struct ShownTask {
  const TaskInfo* task;
  std::span<const Entry> rows;  // the first rows of the task, in rank order
  std::size_t index;            // the task's index in Report::tasks: its section's id
};

struct ShownTasks {
  std::vector<ShownTask> tasks;
  std::string note;  // unescaped; empty when every row is shown
};

ShownTasks shown_tasks(const Report& r) {
  ShownTasks shown;
  std::size_t rows_shown = 0;
  std::size_t tasks_cut = 0;     // tasks shown in part: their best kHtmlRowsPerTask rows
  std::vector<std::string> cut;  // the first few of them, "task (50 of 800 rows)"
  std::size_t tasks_hidden = 0;  // tasks past the page's kHtmlLeaderboardRows rows
  std::string first_hidden;
  for (std::size_t i = 0; i < r.tasks.size(); ++i) {
    const TaskInfo& task = r.tasks[i];
    const auto rows = task_rows(r, task);
    const std::size_t room = kHtmlLeaderboardRows - rows_shown;
    const std::size_t take = std::min({rows.size(), kHtmlRowsPerTask, room});
    if (take == 0 && !rows.empty()) {
      if (tasks_hidden++ == 0)
        first_hidden = task.name;
      continue;
    }
    if (take < rows.size() && tasks_cut++ < 3)
      cut.push_back(fmt::format("{} ({} of {} rows)", task.name, take, rows.size()));
    shown.tasks.push_back({&task, rows.first(take), i});
    rows_shown += take;
  }
  if (rows_shown == r.entries.size())
    return shown;
  std::vector<std::string> parts;
  if (tasks_cut > 0) {
    parts.push_back(fmt::format("{} shown in part, e.g. {}", count_of(tasks_cut, "task"),
                                fmt::join(cut, ", ")));
  }
  if (tasks_hidden > 0) {
    parts.push_back(fmt::format("{} not shown, from {} on (tasks in name order)",
                                count_of(tasks_hidden, "task"), first_hidden));
  }
  shown.note =
      fmt::format("This page shows {} of {} rows: the best {} of each task and {} in all. {}; {}.",
                  rows_shown, r.entries.size(), kHtmlRowsPerTask, kHtmlLeaderboardRows,
                  fmt::join(parts, "; "), kHtmlFullDetailText);
  return shown;
}

std::string task_id(std::size_t index) {
  return fmt::format("task-{}", index);
}

void table_of_contents(std::ostream& out, const Report& r, const ShownTasks& shown) {
  fmt::print(out,
             "<nav id=\"toc\">\n<h2>Tasks</h2>\n<p><label>Filter tasks: <input type=\"search\" "
             "id=\"task-filter\" placeholder=\"e.g. gemm or batch:64\" "
             "autocomplete=\"off\"></label> <span id=\"task-filter-count\"></span></p>\n"
             "<ol class=\"toc-tasks\">\n");
  for (const ShownTask& t : shown.tasks) {
    fmt::print(out,
               "<li data-task=\"{}\"><a href=\"#{}\">{}</a> <span class=\"count\">{}</span></li>\n",
               html_escape(t.task->name), task_id(t.index), html_escape(t.task->name),
               html_escape(count_of(t.task->rows, "row")));
  }
  fmt::print(out,
             "</ol>\n<p class=\"more\">Also on this page: <a href=\"#flops-energy\">FLOPs "
             "versus energy</a>");
  if (!r.timelines.empty())
    fmt::print(out, " &middot; <a href=\"#power\">power over time</a>");
  if (!energy_gap_rows(r).empty())
    fmt::print(out, " &middot; <a href=\"#energy-gaps\">rows without energy</a>");
  fmt::print(out,
             " &middot; <a href=\"#sources\">sources</a> &middot; <a "
             "href=\"#hosts\">hosts</a>.</p>\n</nav>\n");
  if (!shown.note.empty())
    fmt::print(out, "<p class=\"elided\">{}</p>\n", html_escape(shown.note));
}

// The plots drawn on the page, by element id, for the JSON block the page's script reads.
using PlotSpecs = nlohmann::json;

void plot_or_sentence(std::ostream& out, PlotOrSentence p, PlotSpecs& specs) {
  if (!p.plot) {
    if (!p.sentence.empty())
      fmt::print(out, "<p class=\"no-plot\">{}</p>\n", html_escape(p.sentence));
    return;
  }
  fmt::print(out,
             "<figure class=\"plot\"><div class=\"vega\" id=\"{}\" data-series=\"{}\"></div>"
             "<figcaption>{}</figcaption></figure>\n",
             p.plot->id, p.plot->series, html_escape(p.plot->caption));
  specs[p.plot->id] = std::move(p.plot->spec);
}

void task_section(std::ostream& out, const Report& r, const ShownTask& shown,
                  std::size_t& quality_plots, PlotSpecs& specs) {
  const TaskInfo& task = *shown.task;
  fmt::print(out,
             "<section class=\"task\" id=\"{}\" data-task=\"{}\">\n<h2>{} <span "
             "class=\"count\">{}</span></h2>\n",
             task_id(shown.index), html_escape(task.name), html_escape(task.name),
             html_escape(shown.rows.size() < task.rows ? fmt::format("{} rows, the best {} shown",
                                                                     task.rows, shown.rows.size())
                                                       : count_of(task.rows, "row")));
  std::vector<Column> columns = {{"#", true, "rank"},
                                 {"variant", false, "variant"},
                                 {"host", false, "host"},
                                 {"J/iter", true, counter::kEnergy},
                                 {"time/iter", true, kTimeMetric},
                                 {"gCO2e/iter", true, counter::kCo2},
                                 {"W", true, counter::kPower}};
  // The sort metric gets a column of its own unless one of the usual columns shows it.
  const bool extra = std::none_of(columns.begin(), columns.end(),
                                  [&](const Column& c) { return c.key == r.sort.key; }) &&
                     r.sort.key != task.quality;
  if (extra)
    columns.insert(columns.begin() + 3,
                   Column{std::string(r.sort.label), true, std::string(r.sort.key)});
  const bool quality = !task.quality.empty();
  const std::string unit = unit_text(task.unit);
  const bool per_unit = quality && task.unit != WorkUnit::iteration;
  if (quality) {
    columns.push_back({quality_heading(task), true, task.quality});
    if (per_unit)
      columns.push_back({"J/" + unit, true, "J_per_unit"});
  }
  columns.push_back({"grade", true, "grade"});
  if (quality)
    columns.push_back({"Pareto", false, "pareto"});
  columns.push_back({"provenance", false, "provenance"});
  const bool domains = std::any_of(shown.rows.begin(), shown.rows.end(),
                                   [](const Entry& e) { return !e.domain_energies().empty(); });
  if (domains)
    columns.push_back(Column{"J/iter by domain", false, "energy_by_domain"});

  std::vector<std::vector<Cell>> rows;
  std::size_t position = 1;
  for (const Entry& e : shown.rows) {
    Cell grade = e.stars ? Cell{star_string(*e.stars), double(*e.stars), false, {}} : text("n/a");
    std::vector<Cell> row = {
        // The rank within the row's provenance (est. marks an estimate's); sorting by it
        // restores the task's order: measured ranks first, then estimates.
        Cell{e.rank > 0 ? std::to_string(e.rank) : "-",
             double(position++),
             e.rank > 0 && e.estimated(),
             {}},
        text(variant_text(e)),
        text(e.host),
        energy_cell(e),
        time_cell(e),
        number(e.median(counter::kCo2), e.estimated()),
        number(e.median(counter::kPower), e.estimated())};
    if (extra) {
      row.insert(row.begin() + 3, number(e.median(r.sort.key),
                                         e.estimated() && r.sort.key == counter::kFlopPerJoule));
    }
    if (quality) {
      row.push_back(number(e.median(task.quality)));
      if (per_unit)
        row.push_back(number(e.joules_per_unit(), e.estimated()));
    }
    row.push_back(grade);
    if (quality)
      row.push_back(e.pareto ? Cell{"<strong>yes</strong>", std::nullopt, false, {}} : text(""));
    row.push_back(text(provenance_text(e)));
    if (domains)
      row.push_back(text(domains_text(e)));
    rows.push_back(std::move(row));
  }
  table(out, "table-" + task_id(shown.index), columns, rows);
  if (quality) {
    if (quality_plots < kHtmlQualitySections) {
      plot_or_sentence(out, energy_quality_plot(r, task, shown.index), specs);
      ++quality_plots;
    } else {
      fmt::print(out, "<p class=\"elided\">{}</p>\n",
                 html_escape(fmt::format("No energy-quality plot: the page draws those of the "
                                         "first {} tasks only; {}.",
                                         kHtmlQualitySections, kHtmlFullDetailText)));
    }
  }
  fmt::print(out, "</section>\n");
}

void flops_versus_energy(std::ostream& out, const Report& r, PlotSpecs& specs) {
  fmt::print(out, "<section id=\"flops-energy\">\n<h2>FLOPs versus energy</h2>\n");
  if (!r.flops_energy.empty()) {
    fmt::print(out,
               "<p>Spearman rank correlation between FLOP/iter and J/iter, {}. Below 1, the order "
               "of FLOPs is not the order of joules.</p>\n<ul class=\"correlations\">\n",
               html_escape(kCorrelationScopeText));
    for (const FlopsEnergyCorrelation& c : r.flops_energy) {
      fmt::print(out, "<li>{}: <strong>{}</strong></li>\n", html_escape(correlation_group_text(c)),
                 html_escape(rho_text(c)));
    }
    fmt::print(out, "</ul>\n");
  }
  plot_or_sentence(out, flops_energy_plot(r), specs);
  fmt::print(out, "</section>\n");
}

void power(std::ostream& out, const Report& r, PlotSpecs& specs) {
  if (r.timelines.empty())
    return;
  fmt::print(out, "<section id=\"power\">\n<h2>Power over time</h2>\n");
  plot_or_sentence(out, power_timeline_plot(r), specs);
  fmt::print(out, "</section>\n");
}

void energy_gaps(std::ostream& out, const Report& r) {
  const auto gaps = energy_gap_rows(r);
  if (gaps.empty())
    return;
  fmt::print(out,
             "<section id=\"energy-gaps\">\n<h2>Rows without energy</h2>\n<p>{}:</p>\n"
             "<ul class=\"energy-gaps\">\n",
             html_escape(kEnergyGapHeading));
  for (std::size_t i = 0; i < std::min(gaps.size(), kHtmlListItems); ++i)
    fmt::print(out, "<li>{}</li>\n", html_escape(energy_gap_text(*gaps[i])));
  if (gaps.size() > kHtmlListItems) {
    fmt::print(out, "<li class=\"elided\">{}</li>\n",
               html_escape(fmt::format("showing the first {} of {} rows; {}", kHtmlListItems,
                                       gaps.size(), kHtmlFullDetailText)));
  }
  fmt::print(out, "</ul>\n</section>\n");
}

void hosts(std::ostream& out, const Report& r) {
  fmt::print(out, "<section id=\"hosts\">\n<h2>Hosts</h2>\n<ul>\n");
  std::vector<std::string> seen;
  for (const SourceInfo& s : r.sources) {
    const std::string machine = machine_text(s.machine);
    if (std::find(seen.begin(), seen.end(), machine) != seen.end())
      continue;
    seen.push_back(machine);
    fmt::print(out, "<li>{}</li>\n", html_escape(machine));
  }
  fmt::print(out, "</ul>\n</section>\n");
}

// The JSON of the plots, one a line (a readable diff of the golden page), inert inside a
// <script> element: json_for_script escapes what could end or change the element (< > &); on
// top, a string's quotes and the ' and = of attribute-like text become \u escapes, so the page
// holds no quote or "onerror=" from a benchmark name outside entity-escaped text (the hostile
// names test counts them). JSON.parse reads every escape back unchanged. Invalid UTF-8 in a
// name is replaced, not thrown.
std::string script_safe_json(const PlotSpecs& specs) {
  std::string text = "{";
  for (const auto& [id, spec] : specs.items()) {
    text += fmt::format("{}\n{}:{}", text.size() > 1 ? "," : "", nlohmann::json(id).dump(),
                        spec.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  text += "\n}";
  std::string quoted;
  quoted.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {  // an escape inside a string: keep it whole
      const char next = text[++i];
      quoted += next == '"' ? std::string("\\u0022") : std::string{c, next};
    } else if (c == '\'' || c == '=') {
      quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      quoted += c;
    }
  }
  return json_for_script(quoted);
}

void sources(std::ostream& out, const Report& r) {
  fmt::print(out, "<section id=\"sources\">\n<h2>Sources</h2>\n<ul>\n");
  for (const SourceInfo& s : r.sources) {
    if (!s.has_energy) {
      fmt::print(out, "<li><code>{}</code> ({}; {}): no energy counters.</li>\n",
                 html_escape(s.source), html_escape(machine_text(s.machine)),
                 count_of(s.rows, "row"));
      continue;
    }
    fmt::print(
        out,
        "<li><code>{}</code> ({}; {}, {}): energy <span class=\"prov-{}\">{}</span> "
        "by {} ({}); grid {} gCO2e/kWh for {}; PUE {}.{}</li>\n",
        html_escape(s.source), html_escape(machine_text(s.machine)), html_escape(s.date),
        count_of(s.rows, "row"), html_escape(s.provenance), html_escape(s.provenance),
        html_escape(s.meter), html_escape(s.method), html_escape(s.intensity),
        html_escape(s.region), html_escape(s.pue),
        s.rows_without_energy == 0
            ? std::string()
            : html_escape(fmt::format(" {} without energy (first: {}).",
                                      count_of(s.rows_without_energy, "row"), s.no_energy_reason)));
  }
  for (const std::string& note : r.notes)
    fmt::print(out, "<li class=\"note\">{}</li>\n", html_escape(note));
  fmt::print(out, "</ul>\n</section>\n");
}

}  // namespace

void render_leaderboard_html(std::ostream& out, const Report& r) {
  fmt::print(out,
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<title>joulebench leaderboard</title>\n<style>\n{}</style>\n</head>\n"
             "<body data-jb-status=\"loading\">\n<h1>joulebench leaderboard</h1>\n"
             "<p class=\"summary\">{} from {}: {} in {}. Medians over repetitions, [min, max] "
             "where there were several. Each task has its own table; click a column heading to "
             "sort it. # is the rank by {} ({} is better){}. Grade: {}; {}.{}</p>\n",
             leaderboard_page_css(), count_of(r.sources.size(), "result file"),
             count_of(r.machines, "host"), count_of(r.entries.size(), "row"),
             count_of(r.tasks.size(), "task"), html_escape(r.sort.label),
             r.sort.higher_is_better ? "higher" : "lower",
             r.sort.from_energy ? "; measured rows and estimates are ranked apart, each from 1, "
                                  "measured first (an estimate's rank is marked est.)"
                                : "",
             html_escape(grade_scale_text()), html_escape(kSeparateGradesText),
             r.any_estimated ? " <span class=\"est\">Figures marked <span "
                               "class=\"est-mark\">est.</span> were estimated by a model, not "
                               "measured; in plots, estimates are hollow points.</span>"
                             : "");
  const ShownTasks shown = shown_tasks(r);
  table_of_contents(out, r, shown);
  PlotSpecs specs = nlohmann::json::object();
  std::size_t quality_plots = 0;
  for (const ShownTask& t : shown.tasks)
    task_section(out, r, t, quality_plots, specs);
  flops_versus_energy(out, r, specs);
  power(out, r, specs);
  energy_gaps(out, r);
  sources(out, r);
  hosts(out, r);
  // The plots' specs, then the libraries that draw them, then the page's own script.
  fmt::print(out, "<script type=\"application/json\" id=\"jb-plots\">{}</script>\n",
             script_safe_json(specs));
  fmt::print(out, "<script data-jb=\"vendor\">\n{}\n</script>\n", leaderboard_vega_js());
  fmt::print(out, "<script data-jb=\"vendor\">\n{}\n</script>\n", leaderboard_vega_lite_js());
  fmt::print(out, "<script data-jb=\"vendor\">\n{}\n</script>\n", leaderboard_vega_embed_js());
  fmt::print(out, "<script data-jb=\"page\">\n{}</script>\n</body>\n</html>\n",
             leaderboard_page_js());
}

}  // namespace joulebench
