// The leaderboard as Markdown: for a README, a pull-request comment or results/leaderboard.md.

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "common/result_schema.h"
#include "reporters/leaderboard/cells.h"
#include "reporters/leaderboard/grade.h"
#include "reporters/leaderboard/render.h"
#include "reporters/markdown_cell.h"

namespace joulebench {
namespace {

// An energy-derived figure, marked when a model estimated it.
std::string energy_cell(const Entry& e, std::string text) {
  return e.estimated() && text != kNotAvailable ? fmt::format("{} {}", text, kEstimateMark) : text;
}

// J/iter: n/a pointing at the note when the run measured energy but this row has none.
std::string energy_spread_cell(const Entry& e) {
  if (!e.has_energy() && e.repetitions_without_energy > 0 && !e.error)
    return kNoEnergyCell;
  return energy_cell(e, format_spread(e.spread(counter::kEnergy)));
}

std::string grade_cell(const Entry& e) {
  return e.stars ? star_string(*e.stars) : kNotAvailable;
}

// Markdown already: the error message (the run's own text) escaped, a spread needs nothing.
std::string time_cell(const Entry& e) {
  if (e.error)
    return fmt::format("error: {}", markdown_cell(*e.error));
  return format_spread(e.spread(kTimeMetric), true);
}

// The sort metric gets its own column unless it is one of the columns every leaderboard shows.
bool sort_has_own_column(const Report& r) {
  return r.sort.key != counter::kEnergy && r.sort.key != kTimeMetric && r.sort.key != counter::kCo2;
}

void leaderboard(std::ostream& out, const Report& r) {
  fmt::print(out, "## Leaderboard\n\nEach task sorted by {} ({} is better){}. Grade: {}; {}.\n\n",
             markdown_cell(r.sort.label), r.sort.higher_is_better ? "higher" : "lower",
             r.sort.from_energy ? ", measured rows ranked first and apart from estimates" : "",
             grade_scale_text(), kSeparateGradesText);
  const bool extra = sort_has_own_column(r);
  fmt::print(
      out,
      "| task | # | variant | host |{} J/iter | time/iter | gCO2e/iter | grade | provenance |\n",
      extra ? fmt::format(" {} |", markdown_cell(r.sort.label)) : "");
  fmt::print(out, "|---|---:|---|---|{}---:|---:|---:|---|---|\n", extra ? "---:|" : "");
  for (const Entry& e : r.entries) {
    std::string metric;
    if (extra) {
      const bool from_energy =
          r.sort.key == counter::kPower || r.sort.key == counter::kFlopPerJoule;
      const std::string value = format_number(e.median(r.sort.key));
      metric = fmt::format(" {} |", from_energy ? energy_cell(e, value) : value);
    }
    fmt::print(out, "| {} | {} | {} | {} |{} {} | {} | {} | {} | {} |\n",
               markdown_cell(e.name.task), e.rank > 0 ? std::to_string(e.rank) : "-",
               markdown_cell(variant_text(e)), markdown_cell(e.host), metric, energy_spread_cell(e),
               time_cell(e), energy_cell(e, format_number(e.median(counter::kCo2))), grade_cell(e),
               markdown_cell(provenance_text(e)));
  }
  const auto gaps = energy_gap_rows(r);
  if (gaps.empty())
    return;
  fmt::print(out, "\n{}:\n\n", kEnergyGapHeading);
  for (const Entry* e : gaps)
    fmt::print(out, "- {}\n", markdown_cell(energy_gap_text(*e)));
}

void energy_versus_quality(std::ostream& out, const Report& r) {
  fmt::print(out,
             "\n## Energy versus accuracy\n\nPer task, by energy; Pareto: no other row of the task "
             "has both lower energy and better quality.\n");
  bool any = false;
  for (const TaskInfo& task : r.tasks) {
    if (task.quality.empty())
      continue;
    const auto rows = quality_rows(r, task);
    if (rows.empty())
      continue;
    any = true;
    const std::string unit = unit_text(task.unit);
    fmt::print(
        out,
        "\n### {}\n\n| variant | precision | host | {} | J/{} | gCO2e/1000 {}s | time/iter | "
        "Pareto |\n|---|---|---|---:|---:|---:|---:|---|\n",
        markdown_cell(task.name), quality_heading(task), unit, unit);
    for (const Entry* e : rows) {
      fmt::print(out, "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                 markdown_cell(variant_text(*e)),
                 e->name.precision.empty() ? "-" : markdown_cell(e->name.precision),
                 markdown_cell(e->host), format_number(e->median(task.quality)),
                 energy_cell(*e, format_number(e->joules_per_unit())),
                 energy_cell(*e, format_number(e->grams_per_1000_units())), time_cell(*e),
                 e->pareto ? "**yes**" : "");
    }
  }
  if (!any)
    fmt::print(out, "\nNo task has both energy and an accuracy or rel_error counter.\n");
}

void flops_versus_energy(std::ostream& out, const Report& r) {
  fmt::print(out, "\n## FLOPs versus energy\n\n");
  const auto rows = flops_rows(r);
  if (rows.empty()) {
    fmt::print(out, "No row has both FLOPs and energy.\n");
    return;
  }
  fmt::print(out,
             "| task | variant | host | FLOP/iter | J/iter | FLOP/J |\n"
             "|---|---|---|---:|---:|---:|\n");
  for (const Entry* e : rows) {
    fmt::print(out, "| {} | {} | {} | {} | {} | {} |\n", markdown_cell(e->name.task),
               markdown_cell(variant_text(*e)), markdown_cell(e->host),
               format_number(e->median(counter::kFlops)),
               energy_cell(*e, format_number(e->median(counter::kEnergy))),
               energy_cell(*e, format_number(e->median(counter::kFlopPerJoule))));
  }
  fmt::print(out,
             "\nSpearman rank correlation between FLOP/iter and J/iter, {}. Below 1, the order "
             "of FLOPs is not the order of joules: precision, memory traffic and the backend "
             "matter too.\n\n",
             kCorrelationScopeText);
  for (const FlopsEnergyCorrelation& c : r.flops_energy)
    fmt::print(out, "- {}: {}\n", markdown_cell(correlation_group_text(c)), rho_text(c));
}

void timelines(std::ostream& out, const Report& r) {
  if (r.timelines.empty())
    return;
  fmt::print(out, "\n## Power over time\n\n");
  for (const TimelineSeries& s : r.timelines) {
    const PowerTimeline& t = s.timeline;
    double peak = 0.0, sum = 0.0;
    for (double p : t.power_W) {
      peak = std::max(peak, p);
      sum += p;
    }
    const double mean = t.power_W.empty() ? 0.0 : sum / static_cast<double>(t.power_W.size());
    fmt::print(out, "- {} on {}: {} samples every {:g} s, mean {:.4g} W, peak {:.4g} W{}\n",
               markdown_cell(t.name), markdown_cell(s.host), t.power_W.size(), t.interval_s, mean,
               peak, s.estimated ? fmt::format(" {}", kEstimateMark) : std::string());
  }
}

void sources(std::ostream& out, const Report& r) {
  fmt::print(out, "\n## Sources\n\n");
  for (const SourceInfo& s : r.sources) {
    if (!s.has_energy) {
      fmt::print(out, "- {} ({}; {}): no energy counters.\n", markdown_cell(s.source),
                 markdown_cell(machine_text(s.machine)), count_of(s.rows, "row"));
      continue;
    }
    auto or_unknown = [](const std::string& v) {
      return v.empty() ? std::string("unknown") : markdown_cell(v);
    };
    fmt::print(
        out, "- {} ({}; {}, {}): energy {} by {} ({}); grid {} gCO2e/kWh for {}; PUE {}.{}\n",
        markdown_cell(s.source), markdown_cell(machine_text(s.machine)),
        s.date.empty() ? "undated" : markdown_cell(s.date), count_of(s.rows, "row"),
        markdown_cell(s.provenance), or_unknown(s.meter), or_unknown(s.method),
        or_unknown(s.intensity), or_unknown(s.region), or_unknown(s.pue),
        s.rows_without_energy == 0
            ? std::string()
            : fmt::format(" {} without energy (first: {}).", count_of(s.rows_without_energy, "row"),
                          markdown_cell(s.no_energy_reason)));
  }
  for (const std::string& note : r.notes)
    fmt::print(out, "- {}\n", markdown_cell(note));
}

}  // namespace

void render_leaderboard_markdown(std::ostream& out, const Report& r) {
  fmt::print(
      out,
      "# joulebench leaderboard\n\n{} from {}: {} in {}. "
      "Medians over repetitions, [min, max] where there were several.{}\n\n",
      count_of(r.sources.size(), "result file"), count_of(r.machines, "host"),
      count_of(r.entries.size(), "row"), count_of(r.tasks.size(), "task"),
      r.any_estimated ? " Figures marked (est.) were estimated by a model, not measured." : "");
  leaderboard(out, r);
  energy_versus_quality(out, r);
  flops_versus_energy(out, r);
  timelines(out, r);
  sources(out, r);
}

}  // namespace joulebench
