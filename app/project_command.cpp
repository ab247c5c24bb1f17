// `joulebench project`: a measured inference workload's J per inference scaled to a deployment
// (inferences per day, over years), beside the training energy of the same model.

#include <fmt/format.h>

#include "app/command.h"
#include "app/command_output.h"
#include "app/huge_page_restart.h"
#include "app/whatif_text.h"
#include "common/cli_checks.h"
#include "common/flag_rules.h"

namespace joulebench::cli {
namespace {

struct ProjectOptions {
  std::vector<std::string> files;
  std::string workload;
  std::string training;
  double per_day = 0.0;
  double years = 1.0;
  double price_per_kwh = 0.0;
  double scc = kDefaultSccUsdPerTonne;
  bool compare_regions = false;
  std::string regions;
  std::string out;
};

int execute(const ProjectOptions& o, const CLI::App& app) {
  restart_with_huge_page_heap(o.files);
  ProjectionOptions p;
  if (!o.workload.empty())
    p.workload_regex = o.workload;
  if (!o.training.empty())
    p.training_regex = o.training;
  p.per_day = o.per_day;
  p.years = o.years;
  if (app.count("--price-per-kWh") > 0)
    p.price_per_kwh = o.price_per_kwh;
  if (app.count("--scc") > 0)
    p.scc = SocialCostOfCarbon{o.scc, "--scc"};
  const std::vector<ResultFile> results = read_result_files(o.files);
  const DeploymentProjection projection = project_deployment(results, p);
  std::string text = render_projection(projection);
  if (o.compare_regions || !o.regions.empty()) {
    text += render_region_comparison(
        compare_regions(Joules{projection.per_year.facility_joules}, split_region_list(o.regions)));
  }
  emit_output(o.out, text);
  return kExitOk;
}

}  // namespace

Command add_project_command(CLI::App& root) {
  auto options = std::make_shared<ProjectOptions>();
  CLI::App* project = root.add_subcommand(
      "project",
      "Project a deployment's daily and yearly energy, CO2e, cost and social cost from a measured "
      "inference workload's J per inference (energy_J / B for a name with batch:B, else energy_J "
      "per iteration), and set it beside the training energy recorded for the same model "
      "(mlp/train-to-accuracy/...): the days until inference has used as much.");
  project
      ->add_option("files", options->files,
                   "joulebench result files (JSON): the inference run, and the training run "
                   "when it is in another file")
      ->required();
  project->add_option("--per-day", options->per_day, "Inferences per day (required)")
      ->check(number_check(flag_rules::kPerDay))
      ->required();
  project->add_option("--years", options->years, "Years of service to total over")
      ->check(number_check(flag_rules::kYears))
      ->default_val(1.0);
  project->add_option("--workload", options->workload,
                      "Regular expression choosing the inference workload by name (needed when "
                      "the files hold several)");
  project->add_option("--training", options->training,
                      "Regular expression choosing the training row (default: names starting "
                      "with mlp/train-to-accuracy/)");
  project
      ->add_option("--price-per-kWh", options->price_per_kwh,
                   "Electricity price per kWh of facility energy, for a cost row (any "
                   "currency)")
      ->check(number_check(flag_rules::kPricePerKwh));
  project
      ->add_option("--scc", options->scc,
                   "Social cost of carbon in USD per tonne CO2 (default 190: US EPA 2023, "
                   "2020 emissions, 2.0% discount rate)")
      ->check(number_check(flag_rules::kScc))
      ->default_val(kDefaultSccUsdPerTonne);
  project->add_flag("--compare-regions", options->compare_regions,
                    "Also list one year's facility energy charged in the cleanest and dirtiest "
                    "regions of the tables, ranked per method (lifecycle, direct)");
  project->add_option("--regions", options->regions,
                      "Comma-separated regions to compare as well, e.g. FR,PL,aws:us-east-1 "
                      "(implies --compare-regions)");
  project->add_option("--out", options->out, "Write here (atomically) instead of standard output");
  return {project, [options, project] { return execute(*options, *project); }};
}

}  // namespace joulebench::cli
