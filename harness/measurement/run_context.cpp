#include "harness/measurement/run_context.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "common/version.h"
#include "harness/system/host_info.h"

namespace joulebench {

ContextEntries describe_run(const Meter& meter, const CarbonAccounting& carbon,
                            const std::vector<MeterCandidate>& candidates) {
  std::vector<std::string> domains;
  for (const EnergyDomain& d : meter.domains()) {
    domains.push_back(fmt::format("{} ({})", d.name, to_string(d.provenance)));
  }
  const GridIntensity& gi = carbon.intensity;
  std::string region = gi.region;
  if (gi.is_default) {
    region += " (default: no region given)";
  } else {
    std::vector<std::string> notes;
    if (!gi.name.empty())
      notes.push_back(gi.name);
    if (!gi.chosen_by.empty())
      notes.push_back("from " + gi.chosen_by);
    if (!notes.empty())
      region += fmt::format(" ({})", fmt::join(notes, "; "));
  }
  std::string intensity = fmt::format("{:g}", gi.grams_per_kwh);
  std::string intensity_source = fmt::format("{} ({})", gi.source, gi.year);
  if (carbon.series) {
    // Each benchmark carries the figure it used in its grid_gCO2e_per_kWh counter.
    const auto& rows = carbon.series->rows();
    intensity = fmt::format("hourly series, per benchmark (counter {})", counter::kGridIntensity);
    intensity_source =
        fmt::format("hourly series {} ({} rows, {} to {})", carbon.series->name(), rows.size(),
                    format_utc_hour(rows.front().hour), format_utc_hour(rows.back().hour));
    if (gi.is_default)
      region = "not given (hourly series)";
  }
  const HostInfo host = read_host_info();
  namespace k = context_key;
  ContextEntries entries = {
      {k::kVersion, kVersion},
      {k::kMeter, std::string(meter.name())},
      {k::kMeterMethod, meter.method()},
      {k::kDomains, fmt::format("{}", fmt::join(domains, ", "))},
      {k::kProvenance, std::string(to_string(provenance_of(meter)))},
      {k::kRegion, region},
      {k::kIntensity, intensity},
      {k::kIntensitySource, intensity_source},
      {k::kIntensityMethod, carbon.series ? "as the series" : gi.method},
      {k::kPue, fmt::format("{:g}", carbon.pue)},
      {k::kCpuModel, host.cpu_model},
      {k::kLogicalCpus, fmt::format("{}", host.logical_cpus)},
      {k::kMachineId, host.machine_id},
      {k::kKernel, host.kernel},
      {k::kCompiler, compiler_description()},
  };
  const std::vector<std::string> passed = passed_over_sources(candidates);
  if (!passed.empty())
    entries.push_back({k::kMeterPassedOver, fmt::format("{}", fmt::join(passed, "; "))});
  return entries;
}

void add_benchmark_context(const ContextEntries& entries) {
  for (const auto& [key, value] : entries)
    benchmark::AddCustomContext(key, value);
}

}  // namespace joulebench
