// `joulebench compare BASE NEW`: the energy-regression gate for CI. Exit 1 on a regression (or
// any change with --fail-on any-change), 0 otherwise, 2 when the files cannot be compared
// (including a compared benchmark with no energy figure on one side, e.g. a dead sensor's 0 J).

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "app/command.h"
#include "app/command_output.h"
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
double parse_threshold_percent(std::string_view text) {
  std::string_view number = text;
  if (number.ends_with('%'))
    number.remove_suffix(1);
  double percent = 0.0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), percent);
  if (error != std::errc() || end != number.data() + number.size() || number.empty() ||
      !(percent >= 0.0)) {
    throw UsageError(
        fmt::format("--threshold \"{}\" is not a non-negative percentage (e.g. 5 or 5%)", text));
  }
  return percent / 100.0;
}

int execute(const CompareCommandOptions& o) {
  CompareOptions options;
  options.metric = parse_metric(o.metric);  // CLI11 already checked membership
  options.threshold = parse_threshold_percent(o.threshold);
  if (!(o.alpha > 0.0 && o.alpha < 1.0))
    throw UsageError(fmt::format("--alpha {} is not strictly between 0 and 1", o.alpha));
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
  emit_output(o.out, text.str());

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
      ->default_val("5%");
  compare
      ->add_option("--alpha", options->alpha,
                   "Significance level of the test (0 < alpha < 1); smaller needs more "
                   "repetitions")
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
