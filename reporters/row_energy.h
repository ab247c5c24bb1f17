#pragma once
// Whether a result row carries an energy figure, and if not, why. One rule for every reader of
// result files (issue 15): a row is "without energy" when energy_J is absent, not finite, or
// <= 0. Rows measured by a failed meter carry no energy counters and a label containing
// "no energy: <reason>"; files from before that rule carry energy_J = 0 labelled measured (a
// sensor that did not advance). Neither is a measurement: such rows are shown as n/a with the
// reason, never summed, ranked, compared or divided by.

#include <optional>
#include <string>
#include <string_view>

#include "reporters/result_file.h"

namespace joulebench {

// The label prefix a meter failure writes ("no energy: cpu.package-0 did not advance ...").
inline constexpr std::string_view kNoEnergyLabel = "no energy: ";

// energy_J when it is a figure: present, finite and above 0.
std::optional<double> positive_energy(const ResultRow& row);

inline bool has_energy(const ResultRow& row) {
  return positive_energy(row).has_value();
}

// True for a row that joulebench meant to measure but could not: energy_J present but not a
// positive number, or a "no energy:" label. False for a row with energy and for a plain Google
// Benchmark row that never had energy counters.
bool lost_energy(const ResultRow& row);

// Why a row has no energy figure, in a few words for a note ("" when it has one). `provenance`
// is the file's joulebench_provenance where the caller knows it:
//   the reason after "no energy: " in the label (up to the next "; ", as labels are joined);
//   "energy_J = 0 from a measured source (a sensor that did not advance; not a measurement)",
//   or "energy_J = 0 (not a measurement)" for other or unknown provenance;
//   "energy_J is not a finite number" / "energy_J < 0";
//   "no energy_J counter".
std::string missing_energy_reason(const ResultRow& row, std::string_view provenance = {});

}  // namespace joulebench
