#include "harness/meters/meter_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>
#include <stdexcept>

#include "harness/meters/composite_meter.h"
#include "harness/meters/nvml_meter.h"
#include "harness/meters/perf_meter.h"
#include "harness/meters/rapl_meter.h"
#include "harness/meters/tdp_estimate_meter.h"

namespace joulebench {
namespace {

using DomainSet = std::set<std::string>;
// Builds the source's meter without the domains in the set (those that proved dead).
using MeterFactory = std::function<std::unique_ptr<Meter>(const DomainSet& left_out)>;

struct Probe {
  MeterCandidate candidate;
  MeterFactory make;     // set when usable
  DomainSet dead;        // domains the liveness probe found dead
  bool measured = true;  // a sensor, so it must prove live (the estimate need not)
};

Probe unavailable(std::string name, std::string reason, bool present) {
  Probe p;
  p.candidate.name = std::move(name);
  p.candidate.reason = std::move(reason);
  p.candidate.present = present;
  return p;
}

template <class T, class DomainOf>
std::vector<T> without(const std::vector<T>& items, const DomainSet& left_out, DomainOf domain_of) {
  std::vector<T> kept;
  std::copy_if(items.begin(), items.end(), std::back_inserter(kept),
               [&](const T& item) { return !left_out.contains(domain_of(item)); });
  return kept;
}

Probe probe_rapl(const MeterEnvironment& env) {
  Probe p = unavailable("rapl", "", false);
  const RaplDiscovery found = discover_rapl(env.powercap_root);
  p.candidate.present = found.present;
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
  p.make = [zones = std::move(plan.summed)](const DomainSet& left_out) {
    return std::make_unique<RaplMeter>(
        without(zones, left_out, [](const RaplZone& z) { return z.domain; }));
  };
  return p;
}

Probe probe_perf(const MeterEnvironment& env) {
  PerfDiscovery found = discover_perf(env.perf);
  if (!found.usable())
    return unavailable("perf", found.problem, found.present);
  Probe p = unavailable("perf", "", true);
  p.candidate.usable = true;
  for (const PerfEvent& e : found.events)
    p.candidate.domains.push_back(e.domain);
  for (const auto& [domain, why] : found.passed_over)
    p.candidate.left_out.push_back({domain, why});
  p.candidate.reason =
      fmt::format("RAPL events of the perf power PMU ({})", env.perf.pmu_directory);
  p.make = [found = std::move(found), seam = env.perf](const DomainSet& left_out) {
    PerfDiscovery kept = found;
    kept.events = without(found.events, left_out, [](const PerfEvent& e) { return e.domain; });
    return std::make_unique<PerfMeter>(std::move(kept), seam);
  };
  return p;
}

std::string gpu_domain(const NvmlGpu& gpu) {
  return fmt::format("gpu.{}", gpu.index);
}

Probe probe_nvml(const MeterEnvironment& env) {
  NvmlDiscovery found = discover_nvml(env.nvml_library);
  if (!found.usable())
    return unavailable("nvml", found.problem, found.present);
  Probe p = unavailable("nvml", "", true);
  p.candidate.usable = true;
  p.candidate.provenance = Provenance::measured;
  for (const NvmlGpu& gpu : found.gpus) {
    p.candidate.domains.push_back(gpu_domain(gpu));
    if (!gpu.energy_counter)
      p.candidate.provenance = Provenance::integrated_power;
  }
  p.candidate.reason = "NVIDIA GPUs through NVML; their energy adds to the CPU's";
  p.make = [found = std::move(found)](const DomainSet& left_out) {
    NvmlDiscovery kept = found;
    kept.gpus = without(found.gpus, left_out, gpu_domain);
    return std::make_unique<NvmlMeter>(std::move(kept));
  };
  return p;
}

Probe probe_model(const MeterEnvironment& env) {
  Probe p;
  p.measured = false;
  p.candidate.name = "model";
  p.candidate.usable = true;
  p.candidate.present = true;
  p.candidate.provenance = Provenance::estimated;
  p.candidate.domains = {"cpu.estimate", "ram.estimate"};
  p.candidate.reason =
      fmt::format("always usable: CPU TDP x utilisation ({} mode) plus RAM power per GB in use",
                  to_string(env.estimate.mode));
  p.make = [options = env.estimate](const DomainSet&) {
    return std::make_unique<TdpEstimateMeter>(options);
  };
  return p;
}

using Discover = Probe (*)(const MeterEnvironment&);
struct Source {
  const char* name;
  Discover discover;
};
// In order of preference; the CPU sources come first and exclude one another.
constexpr Source kSources[] = {
    {"rapl", probe_rapl}, {"perf", probe_perf}, {"nvml", probe_nvml}, {"model", probe_model}};

// Every source for auto; only the one requested otherwise, the others listed as not probed.
std::vector<Probe> discover_sources(std::string_view request, const MeterEnvironment& env) {
  std::vector<Probe> probes;
  for (const Source& source : kSources) {
    if (request == "auto" || request == source.name) {
      probes.push_back(source.discover(env));
      continue;
    }
    Probe skipped = unavailable(
        source.name, fmt::format("not probed: the meter '{}' was requested", request), false);
    skipped.candidate.probed = false;
    probes.push_back(std::move(skipped));
  }
  return probes;
}

// Reads every usable measured source across one window of load. A source with no live domain
// becomes unusable; dead domains of a live source are left out of it.
void prove_live(std::vector<Probe>& probes, const LivenessLoad& load) {
  std::vector<Probe*> probed;
  std::vector<std::unique_ptr<Meter>> meters;
  for (Probe& p : probes) {
    if (p.candidate.usable && p.measured) {
      probed.push_back(&p);
      meters.push_back(p.make({}));
    }
  }
  if (meters.empty())
    return;
  std::vector<Meter*> raw;
  for (const auto& m : meters)
    raw.push_back(m.get());
  const std::vector<std::vector<DomainProbe>> results = probe_liveness(raw, load);
  meters.clear();  // closes what the probe opened before the real meters open it again

  for (std::size_t i = 0; i < probed.size(); ++i) {
    Probe& p = *probed[i];
    p.candidate.liveness = results[i];
    for (const DomainProbe& d : results[i]) {
      if (d.liveness == Liveness::dead)
        p.dead.insert(d.domain);
    }
    if (p.dead.empty())
      continue;
    if (p.dead.size() == results[i].size()) {
      p.candidate.usable = false;
      p.candidate.reason = dead_source_reason(results[i]);
      p.candidate.domains.clear();
      p.make = nullptr;
      continue;
    }
    for (const DomainProbe& d : results[i]) {
      if (d.liveness != Liveness::dead)
        continue;
      p.candidate.left_out.push_back({d.domain, d.describe() + ": a disabled sensor"});
      std::erase(p.candidate.domains, d.domain);
    }
  }
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
    parts.push_back(p.make(p.dead));
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
  if (!probed)
    return "not probed";
  return usable ? "not used" : "unavailable";
}

MeterEnvironment process_meter_environment(const std::optional<std::string>& powercap_root_flag,
                                           UtilisationMode estimate_mode,
                                           const std::optional<std::string>& perf_pmu_flag) {
  MeterEnvironment env{.powercap_root = resolve_powercap_root(powercap_root_flag),
                       .nvml_library = nvml_library_from_environment(),
                       .perf = real_perf_seam(),
                       .estimate = {},
                       .liveness = spinning_load()};
  env.estimate.mode = estimate_mode;
  env.perf.pmu_directory = resolve_perf_pmu_directory(perf_pmu_flag);
  return env;
}

const std::vector<std::string>& meter_choices() {
  static const std::vector<std::string> choices = {"auto", "rapl", "perf", "nvml", "model"};
  return choices;
}

std::vector<std::string> passed_over_sources(const std::vector<MeterCandidate>& candidates) {
  std::vector<std::string> lines;
  for (const MeterCandidate& c : candidates) {
    if (c.passed_over())
      lines.push_back(fmt::format("{}: {}", c.name, c.reason));
  }
  return lines;
}

std::vector<std::string> passed_over_notes(const MeterSelection& selection) {
  std::vector<std::string> notes;
  for (const std::string& source : passed_over_sources(selection.candidates)) {
    notes.push_back(fmt::format("energy source passed over: {}; energy comes from {} ({})", source,
                                selection.meter->name(),
                                to_string(provenance_of(*selection.meter))));
  }
  return notes;
}

MeterSelection select_meter(std::string_view request, const MeterEnvironment& environment) {
  if (std::find(meter_choices().begin(), meter_choices().end(), request) == meter_choices().end()) {
    throw std::runtime_error(fmt::format("unknown meter '{}' (choose one of: {})", request,
                                         fmt::join(meter_choices(), ", ")));
  }
  std::vector<Probe> probes = discover_sources(request, environment);
  prove_live(probes, environment.liveness);
  MeterSelection selection;
  if (request == "auto") {
    selection.meter = select_auto(probes);
  } else {
    for (Probe& p : probes) {
      if (p.candidate.name != request)
        continue;
      if (!p.candidate.usable) {
        throw std::runtime_error(
            fmt::format("meter '{}' is not usable: {}", p.candidate.name, p.candidate.reason));
      }
      p.candidate.selected = true;
      selection.meter = p.make(p.dead);
    }
  }
  for (Probe& p : probes)
    selection.candidates.push_back(std::move(p.candidate));
  return selection;
}

}  // namespace joulebench
