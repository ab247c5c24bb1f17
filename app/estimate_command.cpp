// `joulebench estimate`: energy, CO2e and its social cost from hardware, time and place, before
// anything runs; optionally the same energy in other regions.

#include <fmt/format.h>

#include <optional>

#include "app/command.h"
#include "app/command_output.h"
#include "app/whatif_text.h"
#include "common/cli_checks.h"
#include "common/flag_rules.h"
#include "harness/carbon/region_choice.h"
#include "harness/system/gpu_tdp_table.h"
#include "harness/whatif/device_power.h"

namespace joulebench::cli {
namespace {

struct EstimateOptions {
  std::optional<std::string> cpu;
  std::optional<std::string> gpu;
  std::optional<double> cpu_tdp;
  std::optional<double> gpu_tdp;
  int count = 1;
  int cpu_count = 1;
  double hours = 0.0;
  double utilization = 1.0;
  std::optional<std::string> region;
  double pue = 1.0;
  double scc = kDefaultSccUsdPerTonne;
  bool compare_regions = false;
  std::string regions;
  bool list_gpus = false;
  std::string out;
};

std::string gpu_table_text() {
  std::string out = "GPU TDP table (data/hardware/gpu_tdp.csv, built in):\n";
  for (const GpuTdpRow& row : gpu_tdp_table()) {
    out += fmt::format("  {:<24} {:<20} {:>5g} W  {} ({}){}\n", row.name, row.form_factor,
                       row.tdp_watts, row.source_title, row.source_year,
                       row.note.starts_with("NOT ") ? "  [" + row.note + "]" : "");
  }
  return out;
}

int execute(const EstimateOptions& o, const CLI::App& app) {
  if (o.list_gpus) {
    emit_output(o.out, gpu_table_text());
    return kExitOk;
  }
  if (!o.cpu && !o.gpu)
    throw UsageError("name the hardware with --cpu MODEL and/or --gpu MODEL");
  if (!o.gpu && app.count("--cpu-count") > 0)
    throw UsageError("--cpu-count counts CPUs beside GPUs; with --cpu alone, use --count");
  if (app.count("--hours") == 0)
    throw UsageError("--hours is required: how long the job runs");
  // With a GPU, --count counts GPUs and --cpu-count the CPUs beside them; a CPU alone is counted
  // by --count, so "--cpu X --count 2" reads as two sockets.
  const int cpus = o.gpu ? o.cpu_count : o.count;
  validate_estimate(o.hours, o.utilization, o.count);
  validate_estimate(o.hours, o.utilization, cpus);
  validate_pue(o.pue);

  EstimateReport report;
  report.hours = o.hours;
  if (app.count("--scc") > 0)
    report.scc = SocialCostOfCarbon{o.scc, "--scc"};
  if (o.cpu_tdp && !o.cpu)
    throw UsageError("--cpu-tdp needs --cpu NAME: the name the estimate shows for that CPU");
  if (o.gpu_tdp && !o.gpu)
    throw UsageError("--gpu-tdp needs --gpu NAME: the name the estimate shows for that GPU");
  if (o.gpu) {
    report.input.devices.push_back(
        o.gpu_tdp ? given_power("GPU", *o.gpu, *o.gpu_tdp, o.count, "--gpu-tdp")
                  : gpu_power(*o.gpu, o.count));
  }
  if (o.cpu) {
    report.input.devices.push_back(o.cpu_tdp
                                       ? given_power("CPU", *o.cpu, *o.cpu_tdp, cpus, "--cpu-tdp")
                                       : cpu_power(*o.cpu, cpus));
  }
  report.input.duration = Seconds{o.hours * 3600.0};
  report.input.utilization = o.utilization;
  report.input.carbon = carbon_accounting_for_region(o.region, o.pue);
  report.result = estimate_energy(report.input);

  std::string text = render_estimate(report);
  if (o.compare_regions || !o.regions.empty()) {
    text += render_region_comparison(
        compare_regions(report.result.facility_energy, split_region_list(o.regions)));
  }
  emit_output(o.out, text);
  return kExitOk;
}

}  // namespace

Command add_estimate_command(CLI::App& root) {
  auto options = std::make_shared<EstimateOptions>();
  CLI::App* estimate = root.add_subcommand(
      "estimate",
      "Estimate energy (kWh), CO2e and its social cost from hardware, time and place, without "
      "running anything: IT energy = TDP x count x utilisation x hours; facility energy = IT "
      "energy x PUE; CO2e = facility kWh x grid gCO2e/kWh. Prints every factor with its "
      "source.");
  estimate->add_option("--gpu", options->gpu,
                       "GPU model from the built-in table, with its form factor where the TDP "
                       "differs: 'H100 SXM', 'H100 PCIe', 'A100 PCIe 80GB', L4, MI300X, ... "
                       "(--list-gpus)");
  estimate->add_option("--cpu", options->cpu,
                       "CPU model as in /proc/cpuinfo, looked up in the built-in CPU TDP table "
                       "(CodeCarbon): 'AMD EPYC 7763', 'Intel Xeon Platinum 8380'");
  estimate
      ->add_option(
          "--gpu-tdp", options->gpu_tdp,
          "TDP of one GPU in watts, for a model the table lacks (--gpu then only names it)")
      ->check(number_check(flag_rules::kDeviceTdp));
  estimate
      ->add_option(
          "--cpu-tdp", options->cpu_tdp,
          "TDP of one CPU in watts, for a model the table lacks (--cpu then only names it)")
      ->check(number_check(flag_rules::kDeviceTdp));
  estimate
      ->add_option("--count", options->count,
                   "How many GPUs (or CPU sockets when only --cpu is given)")
      ->check(number_check(flag_rules::kDeviceCount))
      ->default_val(1);
  estimate
      ->add_option("--cpu-count", options->cpu_count,
                   "CPU sockets beside the GPUs when both --gpu and --cpu are given")
      ->check(number_check(flag_rules::kDeviceCount))
      ->default_val(1);
  estimate->add_option("--hours", options->hours, "How long the job runs, in hours (required)")
      ->check(number_check(flag_rules::kHours));
  estimate
      ->add_option("--utilisation,--utilization", options->utilization,
                   "Average fraction of TDP drawn; 1 (the default) is an upper bound")
      ->check(number_check(flag_rules::kUtilization))
      ->default_val(1.0);
  estimate->add_option("--region", options->region,
                       "Grid region: FR, US-CA, aws:us-east-1, gcp:europe-west9, ... (else "
                       "$JOULEBENCH_REGION, else the config file, else the world average)");
  estimate
      ->add_option("--pue", options->pue,
                   "Power usage effectiveness of the facility; 1.0 = IT energy only (typical "
                   "values in data/README.md)")
      ->check(number_check(flag_rules::kPue))
      ->default_val(1.0);
  estimate
      ->add_option("--scc", options->scc,
                   "Social cost of carbon in USD per tonne CO2 (default 190: US EPA 2023, "
                   "2020 emissions, 2.0% discount rate)")
      ->check(number_check(flag_rules::kScc))
      ->default_val(kDefaultSccUsdPerTonne);
  estimate->add_flag("--compare-regions", options->compare_regions,
                     "Also list the same energy's CO2e in the cleanest and dirtiest regions of the "
                     "tables, ranked per method (lifecycle, direct)");
  estimate->add_option("--regions", options->regions,
                       "Comma-separated regions to compare as well, e.g. FR,PL,aws:us-east-1 "
                       "(implies --compare-regions)");
  estimate->add_flag("--list-gpus", options->list_gpus,
                     "Print the GPU table (model, form factor, TDP, source) and exit");
  estimate->add_option("--out", options->out, "Write here (atomically) instead of standard output");
  return {estimate, [options, estimate] { return execute(*options, *estimate); }};
}

}  // namespace joulebench::cli
