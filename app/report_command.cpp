// `joulebench report`: result files to a leaderboard in Markdown, CSV, JSON or HTML.

#include <iostream>
#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
#include "app/huge_page_restart.h"
#include "reporters/leaderboard/render.h"
#include "reporters/leaderboard/report.h"
#include "reporters/result_file.h"

namespace joulebench::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> files;
  std::string out;
  std::string format = "md";
  std::string sort = "energy";
};

// Like read_result_files, but a leaderboard this command wrote earlier (results/leaderboard.json,
// matched by results/*.json) is skipped with a note instead of failing the whole report.
std::vector<ResultFile> read_inputs(const std::vector<std::string>& paths) {
  std::vector<ResultFile> results;
  results.reserve(paths.size());
  std::string buffer;
  for (const std::string& path : paths) {
    try {
      results.push_back(read_result_file(path, buffer));
    } catch (const LeaderboardFileError& e) {
      std::cerr << "joulebench report: skipping " << e.what() << '\n';
    }
  }
  return results;
}

int execute(const ReportOptions& o) {
  restart_with_huge_page_heap(o.files);
  const std::vector<ResultFile> results = read_inputs(o.files);
  const SortMetric* sort = find_sort_metric(o.sort);  // CLI11 checked the name
  const Report report = build_report(results, *sort);
  std::ostringstream text;
  if (o.format == "csv")
    render_leaderboard_csv(text, report);
  else if (o.format == "json")
    render_leaderboard_json(text, report);
  else if (o.format == "html")
    render_leaderboard_html(text, report);
  else
    render_leaderboard_markdown(text, report);
  emit_output(o.out, text.view());  // no copy of what may be megabytes
  return kExitOk;
}

}  // namespace

Command add_report_command(CLI::App& root) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = root.add_subcommand(
      "report",
      "Turn result files (joulebench's or plain Google Benchmark JSON, from any hosts) into a "
      "leaderboard: per task, energy versus accuracy with the Pareto front, FLOPs versus energy, "
      "an efficiency grade, and the provenance of each figure. Rows are kept apart per machine "
      "(machine id, CPU model and CPU count, not just the host name); a row without energy (a "
      "failed meter window, or 0 J from a dead sensor) is shown as n/a with the reason and never "
      "ranked by energy or graded.");
  report->add_option("files", options->files, "Result files (JSON)")->required();
  report->add_option("--out", options->out, "Write here (atomically) instead of standard output");
  report->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"md", "csv", "json", "html"}))
      ->default_val("md");
  std::vector<std::string> sorts;
  for (const SortMetric& m : sort_metrics())
    sorts.emplace_back(m.option);
  report->add_option("--sort", options->sort, "Metric each task's leaderboard is sorted by")
      ->check(CLI::IsMember(sorts))
      ->default_val("energy");
  return {report, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
