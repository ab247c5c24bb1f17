#include "reporters/row_energy.h"

#include <cmath>

#include "common/result_schema.h"

namespace joulebench {
namespace {

// The reason a meter failure wrote into the label, if it did.
std::optional<std::string> labelled_reason(const ResultRow& row) {
  const std::size_t at = row.label.find(kNoEnergyLabel);
  if (at == std::string::npos)
    return std::nullopt;
  const std::size_t start = at + kNoEnergyLabel.size();
  const std::size_t end = row.label.find("; ", start);
  return row.label.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::optional<double> positive_energy(const ResultRow& row) {
  const std::optional<double> energy = row.counter(counter::kEnergy);
  if (!energy || !std::isfinite(*energy) || !(*energy > 0.0))
    return std::nullopt;
  return energy;
}

bool lost_energy(const ResultRow& row) {
  if (has_energy(row))
    return false;
  return row.counter(counter::kEnergy).has_value() || labelled_reason(row).has_value();
}

std::string missing_energy_reason(const ResultRow& row, std::string_view provenance) {
  if (has_energy(row))
    return {};
  if (auto reason = labelled_reason(row); reason && !reason->empty())
    return std::move(*reason);
  const std::optional<double> energy = row.counter(counter::kEnergy);
  if (!energy)
    return "no energy_J counter";
  if (!std::isfinite(*energy))
    return "energy_J is not a finite number";
  if (*energy < 0.0)
    return "energy_J < 0";
  return provenance == "measured"
             ? "energy_J = 0 from a measured source (a sensor that did not advance; not a "
               "measurement)"
             : "energy_J = 0 (not a measurement)";
}

}  // namespace joulebench
