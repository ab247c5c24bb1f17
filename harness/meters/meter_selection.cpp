#include "harness/meters/meter_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "harness/meters/composite_meter.h"
#include "harness/meters/nvml_meter.h"
#include "harness/meters/perf_meter.h"
#include "harness/meters/rapl_meter.h"
#include "harness/meters/tdp_estimate_meter.h"

namespace joulebench {
namespace {

using MeterFactory = std::function<std::unique_ptr<Meter>()>;

struct Probe {
  MeterCandidate candidate;
  MeterFactory make;  // set when usable
};

Probe unavailable(std::string name, std::string reason) {
  Probe p;
  p.candidate.name = std::move(name);
  p.candidate.reason = std::move(reason);
  return p;
}

Probe probe_rapl(const MeterEnvironment& env) {
  Probe p = unavailable("rapl", "");
  const RaplDiscovery found = discover_rapl(env.powercap_root);
  for (const PassedOverZone& z : found.passed_over)
    p.candidate.left_out.push_back({z.zone, z.reason});
  if (!found.usable()) {
    p.candidate.reason = found.problem;
    return p;
  }
  RaplPlan plan = plan_disjoint_zones(found.zones);
  for (const PassedOverZone& z : plan.passed_over)
    p.candidate.left_out.push_back({z.zone, z.reason});
  for (const RaplZone& z : plan.summed)
    p.candidate.domains.push_back(z.domain);
  p.candidate.usable = true;
  p.candidate.reason = fmt::format("powercap energy counters under {}", env.powercap_root);
  p.make = [zones = std::move(plan.summed)] { return std::make_unique<RaplMeter>(zones); };
  return p;
}

Probe probe_perf(const MeterEnvironment& env) {
  PerfDiscovery found = discover_perf(env.perf);
  if (!found.usable())
    return unavailable("perf", found.problem);
  Probe p = unavailable("perf", "");
  p.candidate.usable = true;
  for (const PerfEvent& e : found.events)
    p.candidate.domains.push_back(e.domain);
  for (const auto& [domain, why] : found.passed_over)
    p.candidate.left_out.push_back({domain, why});
  p.candidate.reason =
      fmt::format("RAPL events of the perf power PMU ({})", env.perf.pmu_directory);
  auto shared = std::make_shared<PerfDiscovery>(std::move(found));
  p.make = [shared, seam = env.perf] {
    return std::make_unique<PerfMeter>(std::move(*shared), seam);
  };
  return p;
}

Probe probe_nvml(const MeterEnvironment& env) {
  NvmlDiscovery found = discover_nvml(env.nvml_library);
  if (!found.usable())
    return unavailable("nvml", found.problem);
  Probe p = unavailable("nvml", "");
  p.candidate.usable = true;
  p.candidate.provenance = Provenance::measured;
  for (const NvmlGpu& gpu : found.gpus) {
    p.candidate.domains.push_back(fmt::format("gpu.{}", gpu.index));
    if (!gpu.energy_counter)
      p.candidate.provenance = Provenance::integrated_power;
  }
  p.candidate.reason = "NVIDIA GPUs through NVML; their energy adds to the CPU's";
  auto shared = std::make_shared<NvmlDiscovery>(std::move(found));
  p.make = [shared] { return std::make_unique<NvmlMeter>(std::move(*shared)); };
  return p;
}

Probe probe_model(const MeterEnvironment& env) {
  Probe p;
  p.candidate.name = "model";
  p.candidate.usable = true;
  p.candidate.provenance = Provenance::estimated;
  p.candidate.domains = {"cpu.estimate", "ram.estimate"};
  p.candidate.reason =
      fmt::format("always usable: CPU TDP x utilisation ({} mode) plus RAM power per GB in use",
                  to_string(env.estimate.mode));
  p.make = [options = env.estimate] { return std::make_unique<TdpEstimateMeter>(options); };
  return p;
}

// In order of preference; the CPU sources come first and exclude one another.
std::vector<Probe> probe_all(const MeterEnvironment& env) {
  std::vector<Probe> probes;
  probes.push_back(probe_rapl(env));
  probes.push_back(probe_perf(env));
  probes.push_back(probe_nvml(env));
  probes.push_back(probe_model(env));
  return probes;
}

bool is_cpu_source(std::string_view name) {
  return name == "rapl" || name == "perf" || name == "model";
}

std::unique_ptr<Meter> select_auto(std::vector<Probe>& probes) {
  std::vector<std::unique_ptr<Meter>> parts;
  const Probe* cpu = nullptr;
  for (Probe& p : probes) {
    if (!p.candidate.usable)
      continue;
    if (is_cpu_source(p.candidate.name)) {
      if (cpu != nullptr) {
        p.candidate.reason = fmt::format(
            "usable, but {} already covers the CPU; adding it would count the CPU "
            "twice{}",
            cpu->candidate.name,
            p.candidate.name == "model" ? " (a measured CPU domain replaces the estimate)" : "");
        continue;
      }
      cpu = &p;
    }
    // GPUs add to the CPU: their domains are disjoint from any CPU domain.
    p.candidate.selected = true;
    parts.push_back(p.make());
  }
  if (parts.size() == 1)
    return std::move(parts.front());
  return std::make_unique<CompositeMeter>(std::move(parts));
}

std::string nvml_library_from_environment() {
  const char* path = std::getenv(kNvmlLibraryVariable);
  return path != nullptr && *path != '\0' ? path : kDefaultNvmlLibrary;
}

}  // namespace

std::string_view MeterCandidate::status() const {
  if (selected)
    return "selected";
  return usable ? "not used" : "unavailable";
}

MeterEnvironment process_meter_environment(const std::optional<std::string>& powercap_root_flag,
                                           UtilisationMode estimate_mode,
                                           const std::optional<std::string>& perf_pmu_flag) {
  MeterEnvironment env{.powercap_root = resolve_powercap_root(powercap_root_flag),
                       .nvml_library = nvml_library_from_environment(),
                       .perf = real_perf_seam(),
                       .estimate = {}};
  env.estimate.mode = estimate_mode;
  env.perf.pmu_directory = resolve_perf_pmu_directory(perf_pmu_flag);
  return env;
}

const std::vector<std::string>& meter_choices() {
  static const std::vector<std::string> choices = {"auto", "rapl", "perf", "nvml", "model"};
  return choices;
}

MeterSelection select_meter(std::string_view request, const MeterEnvironment& environment) {
  if (std::find(meter_choices().begin(), meter_choices().end(), request) == meter_choices().end()) {
    throw std::runtime_error(fmt::format("unknown meter '{}' (choose one of: {})", request,
                                         fmt::join(meter_choices(), ", ")));
  }
  std::vector<Probe> probes = probe_all(environment);
  MeterSelection selection;
  if (request == "auto") {
    selection.meter = select_auto(probes);
  } else {
    for (Probe& p : probes) {
      if (p.candidate.name != request) {
        if (p.candidate.usable)
          p.candidate.reason = fmt::format("usable, but --meter {} was asked for", request);
        continue;
      }
      if (!p.candidate.usable) {
        throw std::runtime_error(
            fmt::format("meter '{}' is not usable: {}", p.candidate.name, p.candidate.reason));
      }
      p.candidate.selected = true;
      selection.meter = p.make();
    }
  }
  for (Probe& p : probes)
    selection.candidates.push_back(std::move(p.candidate));
  return selection;
}

}  // namespace joulebench
