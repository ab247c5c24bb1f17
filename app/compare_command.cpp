// `joulebench compare BASE NEW`: the energy-regression gate for CI. Exit 1 on a regression (or
// any change with --fail-on any-change), 0 otherwise, 2 when the files cannot be compared
// (including a compared benchmark with no energy figure on one side, e.g. a dead sensor's 0 J).

#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
#include "app/huge_page_restart.h"
#include "common/cli_checks.h"
#include "common/flag_rules.h"
#include "reporters/compare/comparison.h"
#include "reporters/compare/render.h"
#include "reporters/result_file.h"

namespace joulebench::cli {
namespace {

struct CompareCommandOptions {
  std::string base;
  std::string candidate;
  std::string metric = "energy";
  std::string threshold = "5%";
  double alpha = 0.05;
  std::string fail_on = "regression";
  std::string format = "text";
  std::string out;
  bool allow_mixed_meters = false;
};

// "5", "5%" and "2.5%" all mean a percentage of the base median.
std::string_view percent_number(std::string_view text) {
  if (text.ends_with('%'))
    text.remove_suffix(1);
  return text;
}

// The --threshold rule, checked once, by CLI11: "inf%" or "nan" would switch the gate off.
CLI::Validator threshold_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::optional<double> percent = parse_number(percent_number(text));
        if (!percent) {
          return fmt::format("must be {}, e.g. 5 or 5% (got '{}')",
                             flag_rules::kThresholdPercent.describe(), text.substr(0, 40));
        }
        return flag_rules::kThresholdPercent.problem(*percent, text);
      },
      "[" + flag_rules::kThresholdPercent.bounds() + ", % optional]");
}

// A threshold threshold_check() accepted, as a fraction of the base median.
double threshold_fraction(std::string_view text) {
  return parse_number(percent_number(text)).value_or(0.0) / 100.0;
}

int execute(const CompareCommandOptions& o) {
  restart_with_huge_page_heap({o.base, o.candidate});
  CompareOptions options;
  options.metric = parse_metric(o.metric);              // CLI11 already checked membership
  options.threshold = threshold_fraction(o.threshold);  // CLI11 checked both against their rules
  options.alpha = o.alpha;
  options.allow_mixed_meters = o.allow_mixed_meters;

  const ResultFile base = read_result_file(o.base);
  const ResultFile candidate = read_result_file(o.candidate);
  const Comparison comparison = compare_results(base, candidate, options);

  std::ostringstream text;
  if (o.format == "md") {
    render_compare_markdown(text, comparison);
  } else if (o.format == "json") {
    render_compare_json(text, comparison);
  } else {
    render_compare_text(text, comparison);
  }
  emit_output(o.out, text.view());  // no copy of what may be megabytes

  const bool regression = comparison.count(Verdict::regression) > 0;
  const bool changed = regression || comparison.count(Verdict::improvement) > 0;
  return (o.fail_on == "any-change" ? changed : regression) ? kExitFailed : kExitOk;
}

}  // namespace

Command add_compare_command(CLI::App& root) {
  auto options = std::make_shared<CompareCommandOptions>();
  CLI::App* compare = root.add_subcommand(
      "compare",
      "Energy-regression gate: compare two result files benchmark by benchmark over "
      "repetitions (two-sided Mann-Whitney U test plus a relative threshold; both must agree). "
      "Exit 1 on a regression, 0 otherwise, 2 on bad input or when a compared benchmark has no "
      "energy figure (energy_J absent or 0) on either side.");
  compare->add_option("base", options->base, "Result file of the baseline (JSON)")->required();
  compare->add_option("new", options->candidate, "Result file to judge (JSON)")->required();
  compare->add_option("--metric", options->metric, "What to compare per iteration")
      ->check(CLI::IsMember(metric_options()))
      ->default_val("energy");
  compare
      ->add_option("--threshold", options->threshold,
                   "Smallest change of the median that counts, in percent of the base")
      ->check(threshold_check())
      ->default_val("5%");
  compare
      ->add_option("--alpha", options->alpha,
                   "Significance level of the test; smaller needs more repetitions")
      ->check(number_check(flag_rules::kAlpha))
      ->default_val(0.05);
  compare
      ->add_option("--fail-on", options->fail_on,
                   "Exit 1 on a regression only, or on any significant change (improvements "
                   "too: a stale baseline)")
      ->check(CLI::IsMember({"regression", "any-change"}))
      ->default_val("regression");
  compare->add_option("--format", options->format, "text for a terminal, md for a pull request")
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->default_val("text");
  compare->add_option("--out", options->out, "Write here (atomically) instead of standard output");
  compare->add_flag("--allow-mixed-meters", options->allow_mixed_meters,
                    "Compare energy even when the files name different meters or provenances "
                    "(e.g. measured against estimated)");
  return {compare, [options] { return execute(*options); }};
}

}  // namespace joulebench::cli
