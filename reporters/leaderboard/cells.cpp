#include "reporters/leaderboard/cells.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "common/result_schema.h"

namespace joulebench {

std::string format_number(std::optional<double> value) {
  return value ? fmt::format("{:.4g}", *value) : kNotAvailable;
}

std::string format_duration(double seconds) {
  if (seconds >= 1.0)
    return fmt::format("{:.3g} s", seconds);
  if (seconds >= 1e-3)
    return fmt::format("{:.3g} ms", seconds * 1e3);
  if (seconds >= 1e-6)
    return fmt::format("{:.3g} us", seconds * 1e6);
  return fmt::format("{:.3g} ns", seconds * 1e9);
}

std::string format_spread(const Spread* spread, bool as_duration) {
  if (spread == nullptr)
    return kNotAvailable;
  auto show = [&](double v) { return as_duration ? format_duration(v) : fmt::format("{:.4g}", v); };
  if (spread->n < 2)
    return show(spread->median);
  return fmt::format("{} [{}, {}]", show(spread->median), show(spread->min), show(spread->max));
}

std::string variant_text(const Entry& e) {
  return e.name.variant.empty() ? "-" : e.name.variant;
}

std::string provenance_text(const Entry& e) {
  if (e.provenance.empty())
    return "no energy data";
  return e.meter.empty() ? e.provenance : fmt::format("{} ({})", e.provenance, e.meter);
}

std::string unit_text(WorkUnit unit) {
  return std::string(work_unit_name(unit));
}

std::string quality_heading(const TaskInfo& task) {
  if (task.quality == counter::kAccuracy)
    return "accuracy (higher is better)";
  if (task.quality == counter::kRelError)
    return "rel_error (lower is better)";
  return "no quality figure";
}

std::string rho_text(const FlopsEnergyCorrelation& c) {
  if (c.rho)
    return fmt::format("{:.3f} over {}", *c.rho, count_of(c.rows, "row"));
  return fmt::format("n/a ({} with FLOPs and energy; it needs 3 with varying values)",
                     count_of(c.rows, "row"));
}

std::string correlation_group_text(const FlopsEnergyCorrelation& c) {
  return fmt::format("{} on {}", c.provenance.empty() ? "unknown" : c.provenance, c.machine.label);
}

std::string correlations_summary(const Report& report) {
  std::vector<std::string> parts;
  for (const FlopsEnergyCorrelation& c : report.flops_energy) {
    if (c.rho)
      parts.push_back(fmt::format("{}: {:.3f}", correlation_group_text(c), *c.rho));
  }
  return parts.empty() ? std::string("n/a in every group")
                       : fmt::format("{}", fmt::join(parts, "; "));
}

std::string energy_gap_text(const Entry& e) {
  const std::string what = fmt::format("{} {} on {}", e.name.task, variant_text(e), e.host);
  const Spread* energy = e.spread(counter::kEnergy);
  if (energy == nullptr)
    return fmt::format("{}: {}", what, e.no_energy_reason);
  return fmt::format("{}: energy from {} of {}; {} without energy ({}) left out", what, energy->n,
                     count_of(e.repetitions(), "repetition"), e.repetitions_without_energy,
                     e.no_energy_reason);
}

std::string domains_text(const Entry& e) {
  std::vector<std::string> parts;
  for (const auto& [domain, joules] : e.domain_energies())
    parts.push_back(fmt::format("{} {:.4g} J", domain, joules));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string machine_text(const Machine& m) {
  std::string text = m.host_name;
  const std::string cpu = cpu_text(m);
  if (!cpu.empty())
    text += ": " + cpu;
  if (!m.machine_id.empty())
    text += fmt::format("{}machine {}", cpu.empty() ? ": " : ", ", m.machine_id);
  return text;
}

std::string grade_scale_text() {
  return "J/iter relative to the lowest in the task: \u2605\u2605\u2605\u2605\u2605 up to 1.5x, "
         "\u2605\u2605\u2605\u2605 up to 3x, \u2605\u2605\u2605 up to 6x, \u2605\u2605 up to 12x, "
         "\u2605 beyond";
}

}  // namespace joulebench

namespace joulebench {

std::string count_of(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace joulebench
