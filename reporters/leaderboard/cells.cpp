#include "reporters/leaderboard/cells.h"

#include <fmt/format.h>

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

std::string rho_text(const Report& report) {
  if (report.flops_energy_rho) {
    return fmt::format("{:.3f} over {} rows", *report.flops_energy_rho, report.flops_energy_n);
  }
  return fmt::format("n/a ({} rows with FLOPs and energy; it needs 3 with varying values)",
                     report.flops_energy_n);
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
