#include "harness/measurement/run_context.h"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "common/version.h"
#include "harness/system/host_info.h"

namespace joulebench {

ContextEntries describe_run(const Meter& meter, const CarbonAccounting& carbon) {
  std::vector<std::string> domains;
  for (const EnergyDomain& d : meter.domains()) {
    domains.push_back(fmt::format("{} ({})", d.name, to_string(d.provenance)));
  }
  const GridIntensity& gi = carbon.intensity;
  const std::string region =
      gi.is_default ? fmt::format("{} (default: no region given)", gi.region) : gi.region;
  const HostInfo host = read_host_info();
  namespace k = context_key;
  return {
      {k::kVersion, kVersion},
      {k::kMeter, std::string(meter.name())},
      {k::kMeterMethod, meter.method()},
      {k::kDomains, fmt::format("{}", fmt::join(domains, ", "))},
      {k::kProvenance, std::string(to_string(provenance_of(meter)))},
      {k::kRegion, region},
      {k::kIntensity, fmt::format("{:g}", gi.grams_per_kwh)},
      {k::kIntensitySource, fmt::format("{} ({})", gi.source, gi.year)},
      {k::kPue, fmt::format("{:g}", carbon.pue)},
      {k::kCpuModel, host.cpu_model},
      {k::kKernel, host.kernel},
      {k::kCompiler, compiler_description()},
  };
}

void add_benchmark_context(const ContextEntries& entries) {
  for (const auto& [key, value] : entries)
    benchmark::AddCustomContext(key, value);
}

}  // namespace joulebench
