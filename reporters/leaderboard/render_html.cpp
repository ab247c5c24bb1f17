// The leaderboard as one self-contained HTML page: inline CSS and JS (html/page.css, page.js,
// compiled in), tables sortable by clicking a heading, and inline SVG plots. Nothing is fetched,
// so the page works from a file:// URL, an e-mail attachment or a CI artifact.

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <algorithm>
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

Cell spread(const Entry& e, const char* key, bool as_duration, bool estimated) {
  const Spread* s = e.spread(key);
  return {html_escape(format_spread(s, as_duration)),
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
  fmt::print(out, "<table class=\"sortable\" id=\"{}\">\n<thead><tr>", id);
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
      fmt::print(out, "<td{}{}{}>{}{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"", value,
                 title, c.html, c.estimated ? "<span class=\"est-mark\">est.</span>" : "");
    }
    fmt::print(out, "</tr>\n");
  }
  fmt::print(out, "</tbody>\n</table>\n");
}

// The leaderboard rows the page shows: the best kHtmlRowsPerTask of each task, kHtmlLeaderboardRows
// in all; and, when that is not every row, a note naming what was left out.
struct ShownRows {
  std::vector<const Entry*> rows;
  std::string note;  // unescaped; empty when every row is shown
};

ShownRows leaderboard_rows(const Report& r) {
  ShownRows shown;
  std::size_t tasks_cut = 0;     // tasks shown in part: their best kHtmlRowsPerTask rows
  std::vector<std::string> cut;  // the first few of them, "task (50 of 800 rows)"
  std::size_t tasks_hidden = 0;  // tasks past the page's kHtmlLeaderboardRows rows
  std::string first_hidden;
  for (const TaskInfo& task : r.tasks) {
    const auto rows = task_rows(r, task);
    const std::size_t room = kHtmlLeaderboardRows - shown.rows.size();
    const std::size_t take = std::min({rows.size(), kHtmlRowsPerTask, room});
    for (std::size_t i = 0; i < take; ++i)
      shown.rows.push_back(&rows[i]);
    if (take == 0 && !rows.empty()) {
      if (tasks_hidden++ == 0)
        first_hidden = task.name;
    } else if (take < rows.size() && tasks_cut++ < 3) {
      cut.push_back(fmt::format("{} ({} of {} rows)", task.name, take, rows.size()));
    }
  }
  if (shown.rows.size() == r.entries.size())
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
                  shown.rows.size(), r.entries.size(), kHtmlRowsPerTask, kHtmlLeaderboardRows,
                  fmt::join(parts, "; "), kHtmlFullDetailText);
  return shown;
}

void leaderboard(std::ostream& out, const Report& r) {
  fmt::print(out,
             "<section id=\"leaderboard\">\n<h2>Leaderboard</h2>\n<p>Each task sorted by {} ({} "
             "is better){}. Grade: {}; {}.</p>\n",
             html_escape(r.sort.label), r.sort.higher_is_better ? "higher" : "lower",
             r.sort.from_energy ? ", measured rows ranked first and apart from estimates" : "",
             html_escape(grade_scale_text()), html_escape(kSeparateGradesText));
  const std::vector<Column> columns = {{"task", false, "task"},
                                       {"#", true, "rank"},
                                       {"variant", false, "variant"},
                                       {"host", false, "host"},
                                       {"J/iter", true, counter::kEnergy},
                                       {"time/iter", true, kTimeMetric},
                                       {"gCO2e/iter", true, counter::kCo2},
                                       {"W", true, counter::kPower},
                                       {"grade", true, "grade"},
                                       {"provenance", false, "provenance"}};
  // The sort metric gets a column of its own unless one of the usual columns shows it.
  std::vector<Column> all = columns;
  const bool extra = std::none_of(columns.begin(), columns.end(),
                                  [&](const Column& c) { return c.key == r.sort.key; });
  if (extra)
    all.insert(all.begin() + 4, Column{std::string(r.sort.label), true, std::string(r.sort.key)});
  const bool domains = std::any_of(r.entries.begin(), r.entries.end(),
                                   [](const Entry& e) { return !e.domain_energies().empty(); });
  if (domains)
    all.push_back(Column{"J/iter by domain", false, "energy_by_domain"});
  const ShownRows shown = leaderboard_rows(r);
  if (!shown.note.empty())
    fmt::print(out, "<p class=\"elided\">{}</p>\n", html_escape(shown.note));
  std::vector<std::vector<Cell>> rows;
  for (const Entry* shown_entry : shown.rows) {
    const Entry& e = *shown_entry;
    Cell grade = e.stars ? Cell{star_string(*e.stars), double(*e.stars), false, {}} : text("n/a");
    std::vector<Cell> row = {
        text(e.name.task),
        e.rank > 0 ? Cell{std::to_string(e.rank), double(e.rank), false, {}} : text("-"),
        text(variant_text(e)),
        text(e.host),
        energy_cell(e),
        time_cell(e),
        number(e.median(counter::kCo2), e.estimated()),
        number(e.median(counter::kPower), e.estimated()),
        grade,
        text(provenance_text(e))};
    if (extra) {
      row.insert(row.begin() + 4, number(e.median(r.sort.key),
                                         e.estimated() && r.sort.key == counter::kFlopPerJoule));
    }
    if (domains)
      row.push_back(text(domains_text(e)));
    rows.push_back(std::move(row));
  }
  table(out, "leaderboard-table", all, rows);
  const auto gaps = energy_gap_rows(r);
  if (!gaps.empty()) {
    fmt::print(out, "<p>{}:</p>\n<ul class=\"energy-gaps\">\n", html_escape(kEnergyGapHeading));
    for (std::size_t i = 0; i < std::min(gaps.size(), kHtmlListItems); ++i)
      fmt::print(out, "<li>{}</li>\n", html_escape(energy_gap_text(*gaps[i])));
    if (gaps.size() > kHtmlListItems) {
      fmt::print(out, "<li class=\"elided\">{}</li>\n",
                 html_escape(fmt::format("showing the first {} of {} rows; {}", kHtmlListItems,
                                         gaps.size(), kHtmlFullDetailText)));
    }
    fmt::print(out, "</ul>\n");
  }
  fmt::print(out, "</section>\n");
}

void energy_versus_quality(std::ostream& out, const Report& r) {
  fmt::print(out,
             "<section id=\"energy-accuracy\">\n<h2>Energy versus accuracy</h2>\n<p>Per task; "
             "Pareto-optimal rows (no other row has both lower energy and better quality) are "
             "marked and joined by the front line. Hollow points are estimates.</p>\n");
  std::size_t index = 0;
  std::size_t tasks_left_out = 0;
  for (const TaskInfo& task : r.tasks) {
    if (task.quality.empty())
      continue;
    if (index == kHtmlQualitySections) {
      // Counting the rest needs their rows; a task without any would have had no section.
      tasks_left_out += std::any_of(task_rows(r, task).begin(), task_rows(r, task).end(),
                                    [](const Entry& e) { return e.median(counter::kEnergy); });
      continue;
    }
    auto rows = quality_rows(r, task);
    if (rows.empty())
      continue;
    const std::string unit = unit_text(task.unit);
    fmt::print(out, "<h3>{}</h3>\n<div class=\"pair\">\n{}", html_escape(task.name),
               render_svg(energy_quality_plot(r, task, index)));
    const std::vector<Column> columns = {
        {"variant", false, "variant"},     {"precision", false, "precision"},
        {"host", false, "host"},           {quality_heading(task), true, task.quality},
        {"J/" + unit, true, "J_per_unit"}, {"gCO2e/1000 " + unit + "s", true, "gCO2e_per_1000"},
        {"time/iter", true, kTimeMetric},  {"Pareto", false, "pareto"}};
    if (rows.size() > kHtmlQualityRows) {
      fmt::print(
          out, "<p class=\"elided\">{}</p>\n",
          html_escape(fmt::format("Showing the {} lowest-energy of {} rows of task {}; {}.",
                                  kHtmlQualityRows, rows.size(), task.name, kHtmlFullDetailText)));
      rows.resize(kHtmlQualityRows);
    }
    std::vector<std::vector<Cell>> cells;
    for (const Entry* e : rows) {
      cells.push_back(
          {text(variant_text(*e)), text(e->name.precision), text(e->host),
           number(e->median(task.quality)), number(e->joules_per_unit(), e->estimated()),
           number(e->grams_per_1000_units(), e->estimated()), time_cell(*e),
           e->pareto ? Cell{"<strong>yes</strong>", std::nullopt, false, {}} : text("")});
    }
    table(out, fmt::format("quality-table-{}", index), columns, cells);
    fmt::print(out, "</div>\n");
    ++index;
  }
  if (index == 0)
    fmt::print(out, "<p>No task has both energy and an accuracy or rel_error counter.</p>\n");
  if (tasks_left_out > 0) {
    fmt::print(out, "<p class=\"elided\">{}</p>\n",
               html_escape(fmt::format("Showing the first {} of {} tasks with energy and a quality "
                                       "figure; {}.",
                                       index, index + tasks_left_out, kHtmlFullDetailText)));
  }
  fmt::print(out, "</section>\n");
}

void flops_versus_energy(std::ostream& out, const Report& r) {
  fmt::print(out, "<section id=\"flops-energy\">\n<h2>FLOPs versus energy</h2>\n");
  const auto rows = flops_rows(r);
  if (rows.empty()) {
    fmt::print(out, "<p>No row has both FLOPs and energy.</p>\n</section>\n");
    return;
  }
  fmt::print(out,
             "<p>Spearman rank correlation between FLOP/iter and J/iter, {}. Below 1, the order "
             "of FLOPs is not the order of joules.</p>\n<ul class=\"correlations\">\n",
             html_escape(kCorrelationScopeText));
  for (const FlopsEnergyCorrelation& c : r.flops_energy) {
    fmt::print(out, "<li>{}: <strong>{}</strong></li>\n", html_escape(correlation_group_text(c)),
               html_escape(rho_text(c)));
  }
  fmt::print(out, "</ul>\n<div class=\"pair\">\n{}", render_svg(flops_energy_plot(r)));
  const std::vector<Column> columns = {{"task", false, "task"},
                                       {"variant", false, "variant"},
                                       {"host", false, "host"},
                                       {"FLOP/iter", true, counter::kFlops},
                                       {"J/iter", true, counter::kEnergy},
                                       {"FLOP/J", true, counter::kFlopPerJoule}};
  if (rows.size() > kHtmlFlopsRows) {
    fmt::print(
        out, "<p class=\"elided\">{}</p>\n",
        html_escape(fmt::format("The table shows the first {} of {} rows (by FLOP/iter); {}.",
                                kHtmlFlopsRows, rows.size(), kHtmlFullDetailText)));
  }
  std::vector<std::vector<Cell>> cells;
  for (const Entry* e : std::span(rows).first(std::min(rows.size(), kHtmlFlopsRows))) {
    cells.push_back({text(e->name.task), text(variant_text(*e)), text(e->host),
                     number(e->median(counter::kFlops)),
                     number(e->median(counter::kEnergy), e->estimated()),
                     number(e->median(counter::kFlopPerJoule), e->estimated())});
  }
  table(out, "flops-table", columns, cells);
  fmt::print(out, "</div>\n</section>\n");
}

void power(std::ostream& out, const Report& r) {
  if (r.timelines.empty())
    return;
  fmt::print(out, "<section id=\"power\">\n<h2>Power over time</h2>\n{}</section>\n",
             render_svg(power_timeline_plot(r)));
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
             "<p class=\"summary\">{} from {}: {} in {}. Medians "
             "over repetitions, [min, max] where there were several. Click a column heading to "
             "sort.{}</p>\n",
             leaderboard_page_css(), count_of(r.sources.size(), "result file"),
             count_of(r.machines, "host"), count_of(r.entries.size(), "row"),
             count_of(r.tasks.size(), "task"),
             r.any_estimated ? " <span class=\"est\">Figures marked <span "
                               "class=\"est-mark\">est.</span> were estimated by a model, not "
                               "measured.</span>"
                             : "");
  leaderboard(out, r);
  energy_versus_quality(out, r);
  flops_versus_energy(out, r);
  power(out, r);
  sources(out, r);
  fmt::print(out, "<script>\n{}</script>\n</body>\n</html>\n", leaderboard_page_js());
}

}  // namespace joulebench
