// `joulebench statement`: result files to a carbon impact statement (Markdown or LaTeX).

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
#include "app/huge_page_restart.h"
#include "app/whatif_text.h"
#include "common/cli_checks.h"
#include "common/flag_rules.h"
#include "reporters/result_file.h"
#include "reporters/statement/carbon_statement.h"

namespace joulebench::cli {
namespace {

struct StatementOptions {
  std::vector<std::string> files;
  std::string out;
  std::string format = "md";
  double scc = kDefaultSccUsdPerTonne;
  bool compare_regions = false;
  std::string regions;
};

// The energy the grid supplied: each file's IT energy times the PUE it recorded.
Joules facility_energy(const CarbonStatement& statement) {
  double joules = 0.0;
  for (const StatementSource& s : statement.sources) {
    double pue = 1.0;
    const auto [end, ec] = std::from_chars(s.pue.data(), s.pue.data() + s.pue.size(), pue);
    if (ec != std::errc() || end != s.pue.data() + s.pue.size())
      pue = 1.0;  // "not recorded": IT energy only, as the file's own co2_g assumed
    joules += s.it_energy_joules * pue;
  }
  return Joules{joules};
}

int execute(const StatementOptions& o, const CLI::App& app) {
  restart_with_huge_page_heap(o.files);
  const std::vector<ResultFile> results = read_result_files(o.files);
  CarbonStatement statement = build_carbon_statement(results);
  if (app.count("--scc") > 0)
    statement.scc = SocialCostOfCarbon{o.scc, "--scc"};
  std::ostringstream text;
  if (o.format == "latex") {
    write_statement_latex(text, statement);
  } else {
    write_statement_markdown(text, statement);
  }
  if (o.compare_regions || !o.regions.empty()) {
    // Plain text after the statement: fenced in Markdown so its columns survive; in LaTeX, as
    // a comment block, so the fragment still compiles.
    std::string comparison = render_region_comparison(
        compare_regions(facility_energy(statement), split_region_list(o.regions)));
    if (o.format == "latex") {
      std::string commented;
      std::istringstream lines(comparison);
      for (std::string line; std::getline(lines, line);)
        commented += "% " + line + "\n";
      comparison = commented;
    } else {
      comparison = "\n```text" + comparison + "```\n";
    }
    text << comparison;
  }
  emit_output(o.out, text.view());  // no copy of what may be megabytes
  return kExitOk;
}

}  // namespace

Command add_statement_command(CLI::App& root) {
  auto options = std::make_shared<StatementOptions>();
  CLI::App* statement = root.add_subcommand(
      "statement",
      "Write a carbon impact statement for a paper or a model card from joulebench result "
      "files: energy (kWh), CO2e (kg), region, intensity source and year, PUE, meter "
      "provenance, hardware and everyday equivalents. Benchmarks without an energy figure "
      "(energy_J absent or 0) are listed, not counted; none with one is an error.");
  statement->add_option("files", options->files, "joulebench result files (JSON)")->required();
  statement->add_option("--out", options->out,
                        "Write here (atomically) instead of standard output");
  statement->add_option("--format", options->format, "md (Markdown) or latex (a fragment)")
      ->check(CLI::IsMember({"md", "latex"}))
      ->default_val("md");
  statement
      ->add_option("--scc", options->scc,
                   "Social cost of carbon in USD per tonne CO2 (default 190: US EPA 2023, "
                   "2020 emissions, 2.0% discount rate)")
      ->check(number_check(flag_rules::kScc))
      ->default_val(kDefaultSccUsdPerTonne);
  statement->add_flag("--compare-regions", options->compare_regions,
                      "Append the same energy's CO2e in the cleanest and dirtiest regions of the "
                      "tables, ranked per method (lifecycle, direct)");
  statement->add_option("--regions", options->regions,
                        "Comma-separated regions to compare as well, e.g. FR,PL,aws:us-east-1 "
                        "(implies --compare-regions)");
  return {statement, [options, statement] { return execute(*options, *statement); }};
}

}  // namespace joulebench::cli
