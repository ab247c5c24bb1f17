// `joulebench statement`: result files to a carbon impact statement (Markdown or LaTeX).

#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
#include "reporters/result_file.h"
#include "reporters/statement/carbon_statement.h"

namespace joulebench::cli {
namespace {

struct StatementOptions {
  std::vector<std::string> files;
  std::string out;
  std::string format = "md";
};

int execute(const StatementOptions& o) {
  const std::vector<ResultFile> results = read_result_files(o.files);
  const CarbonStatement statement = build_carbon_statement(results);
  std::ostringstream text;
  if (o.format == "latex") {
    write_statement_latex(text, statement);
  } else {
    write_statement_markdown(text, statement);
  }
  emit_output(o.out, text.str());
  return kExitOk;
}

}  // namespace

Command add_statement_command(CLI::App& root) {
  auto options = std::make_shared<StatementOptions>();
  CLI::App* statement = root.add_subcommand(
      "statement",
      "Write a carbon impact statement for a paper or a model card from joulebench result "
      "files: energy (kWh), CO2e (kg), region, intensity source and year, PUE, meter "
      "provenance, hardware and everyday equivalents.");
  statement->add_option("files", options->files, "joulebench result files (JSON)")->required();
  statement->add_option("--out", options->out,
                        "Write here (atomically) instead of standard output");
  statement->add_option("--format", options->format, "md (Markdown) or latex (a fragment)")
      ->check(CLI::IsMember({"md", "latex"}))
      ->default_val("md");
  return {statement, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
