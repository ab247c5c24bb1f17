// `joulebench report`: result files to a Markdown table.

#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
#include "reporters/markdown_table.h"
#include "reporters/result_file.h"

namespace joulebench::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> files;
  std::string out;
  std::string format = "md";
};

int execute(const ReportOptions& o) {
  const std::vector<ResultFile> results = read_result_files(o.files);
  std::ostringstream text;
  write_markdown_report(text, results);
  emit_output(o.out, text.str());
  return kExitOk;
}

}  // namespace

Command add_report_command(CLI::App& root) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = root.add_subcommand(
      "report",
      "Turn result files (joulebench's or plain Google Benchmark JSON, from any hosts) into a "
      "table: time, J, gCO2e and FLOP/J per iteration, and the provenance of each figure.");
  report->add_option("files", options->files, "Result files (JSON)")->required();
  report->add_option("--out", options->out, "Write here (atomically) instead of standard output");
  report->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"md"}))
      ->default_val("md");
  return {report, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
