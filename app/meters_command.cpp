// `joulebench meters`: which energy sources this machine offers, and why the others are out.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/command.h"
#include "harness/meters/meter_selection.h"

namespace joulebench::cli {
namespace {

struct MetersOptions {
  std::optional<std::string> powercap_root;
  std::optional<std::string> perf_pmu_root;
  bool json = false;
  std::string estimate_utilisation = "process";
};

std::string joined_domains(const MeterCandidate& c) {
  return c.domains.empty() ? std::string("-") : fmt::format("{}", fmt::join(c.domains, ","));
}

void print_table(const MeterSelection& chosen) {
  fmt::print("{:<7} {:<40} {:<17} {:<12} {}\n", "source", "domains", "provenance", "status",
             "reason");
  for (const MeterCandidate& c : chosen.candidates) {
    fmt::print("{:<7} {:<40} {:<17} {:<12} {}\n", c.name, joined_domains(c),
               c.usable ? to_string(c.provenance) : "-", c.status(), c.reason);
    // What each counter showed over the liveness probe's window of load.
    for (const DomainProbe& p : c.liveness)
      fmt::print("{:<7} {:<40} {:<17} {:<12} {}\n", c.name, p.domain, "-", "probe", p.describe());
    for (const LeftOutDomain& d : c.left_out)
      fmt::print("{:<7} {:<40} {:<17} {:<12} {}\n", c.name, d.domain, "-", "not summed", d.reason);
  }
  fmt::print("\nauto picks: {} ({}), {}\n", chosen.meter->name(),
             to_string(provenance_of(*chosen.meter)), chosen.meter->method());
  for (const std::string& passed : passed_over_sources(chosen.candidates))
    fmt::print("auto passed over {}\n", passed);
}

std::string_view liveness_name(Liveness liveness) {
  switch (liveness) {
    case Liveness::advanced:
      return "advanced";
    case Liveness::dead:
      return "did not advance";
    case Liveness::not_conclusive:
      return "not conclusive";
  }
  return "";
}

void print_json(const MeterSelection& chosen) {
  nlohmann::json sources = nlohmann::json::array();
  for (const MeterCandidate& c : chosen.candidates) {
    nlohmann::json left_out = nlohmann::json::array();
    for (const LeftOutDomain& d : c.left_out)
      left_out.push_back({{"domain", d.domain}, {"reason", d.reason}});
    nlohmann::json probe = nlohmann::json::array();
    for (const DomainProbe& p : c.liveness) {
      probe.push_back({{"domain", p.domain},
                       {"result", liveness_name(p.liveness)},
                       {"joules", p.seen.value},
                       {"window_s", p.window.value},
                       {"text", p.describe()}});
    }
    sources.push_back({{"source", c.name},
                       {"usable", c.usable},
                       {"present", c.present},
                       {"status", c.status()},
                       {"domains", c.domains},
                       {"provenance", c.usable ? to_string(c.provenance) : ""},
                       {"reason", c.reason},
                       {"probe", probe},
                       {"left_out", left_out}});
  }
  std::vector<std::string> domains;
  for (const EnergyDomain& d : chosen.meter->domains())
    domains.push_back(d.name);
  const nlohmann::json out = {{"selected",
                               {{"meter", chosen.meter->name()},
                                {"method", chosen.meter->method()},
                                {"provenance", to_string(provenance_of(*chosen.meter))},
                                {"domains", domains}}},
                              {"passed_over", passed_over_sources(chosen.candidates)},
                              {"sources", sources}};
  fmt::print("{}\n", out.dump(2));
}

}  // namespace

Command add_meters_command(CLI::App& root) {
  auto options = std::make_shared<MetersOptions>();
  CLI::App* meters =
      root.add_subcommand("meters",
                          "Show every energy source, whether it is usable here and why, and what "
                          "'--meter auto' picks.");
  meters->add_option("--powercap-root", options->powercap_root,
                     "powercap sysfs tree to read RAPL from (default: $JOULEBENCH_POWERCAP_ROOT, "
                     "else /sys/class/powercap)");
  meters->add_option("--perf-pmu-root", options->perf_pmu_root,
                     "perf power PMU directory (default: $JOULEBENCH_PERF_PMU_ROOT, else "
                     "/sys/bus/event_source/devices/power)");
  meters
      ->add_option("--estimate-utilisation,--estimate-utilization", options->estimate_utilisation,
                   "Utilisation the estimate uses: 'process' or 'machine'")
      ->check(CLI::IsMember({"process", "machine"}))
      ->default_val("process");
  meters->add_flag("--json", options->json, "Print the sources as JSON, for scripts");
  return {meters, [options] {
            const MeterSelection chosen = select_meter(
                "auto",
                process_meter_environment(options->powercap_root,
                                          *parse_utilisation_mode(options->estimate_utilisation),
                                          options->perf_pmu_root));
            if (options->json) {
              print_json(chosen);
            } else {
              print_table(chosen);
            }
            return kExitOk;
          }};
}

}  // namespace joulebench::cli
