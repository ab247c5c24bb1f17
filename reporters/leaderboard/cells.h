#pragma once
// How figures read in the human-facing formats (Markdown, HTML), so both say the same thing.

#include <optional>
#include <string>

#include "reporters/leaderboard/entries.h"
#include "reporters/leaderboard/report.h"

namespace joulebench {

inline constexpr const char* kNotAvailable = "n/a";
inline constexpr const char* kEstimateMark = "(est.)";

std::string format_number(std::optional<double> value);  // 4 significant digits, or n/a
std::string format_duration(double seconds);             // 1.23 ms
// The median, and "[min, max]" after it when there was more than one repetition.
std::string format_spread(const Spread* spread, bool as_duration = false);
std::string variant_text(const Entry& e);           // the variant, or "-" for users' plain names
std::string provenance_text(const Entry& e);        // "measured (rapl)", "no energy data", ...
std::string unit_text(WorkUnit unit);               // "inference", "step", "iteration"
std::string quality_heading(const TaskInfo& task);  // "accuracy (higher is better)"
// "0.830 over 6 rows", or why there is none.
std::string rho_text(const FlopsEnergyCorrelation& c);
// "measured on lab-xeon (Intel Xeon Gold 6338, 32 CPUs)": the group a correlation covers.
std::string correlation_group_text(const FlopsEnergyCorrelation& c);
// Each group's rho, "; "-joined, or that no group has one: a one-line summary for a plot title.
std::string correlations_summary(const Report& report);
// For an entry of energy_gap_rows: "gemm/128 fp32/eigen on vm: no energy: ..." or, when only
// some repetitions lacked energy, how many and why.
std::string energy_gap_text(const Entry& e);
// The J/iter cell of an entry without energy whose run measured energy: it points at the note.
inline constexpr const char* kNoEnergyCell = "n/a (no energy, see note)";
// "cpu_package_0 0.0017 J, cpu_dram_0 0.00035 J", or "" without a per-domain breakdown.
std::string domains_text(const Entry& e);
// A source's machine: "lab-xeon: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz, 32 CPUs, machine
// 0123456789ab", as much as the file says.
std::string machine_text(const Machine& m);
std::string grade_scale_text();
// What the Markdown and HTML pages say about comparing provenances and rows without energy.
inline constexpr const char* kSeparateGradesText =
    "measured and estimated rows are graded separately; rows without energy are neither ranked "
    "by an energy figure nor graded";
inline constexpr const char* kEnergyGapHeading =
    "Rows without energy (n/a: not ranked by energy, graded, put on a Pareto front or into a "
    "correlation)";
inline constexpr const char* kCorrelationScopeText =
    "computed within one provenance on one machine, never across (a model's estimate does not "
    "rank against a meter's reading, nor one CPU against another)";
// "1 row", "3 rows": English plurals by appending "s".
std::string count_of(std::size_t n, std::string_view noun);

}  // namespace joulebench
