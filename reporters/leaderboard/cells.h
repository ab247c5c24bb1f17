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
std::string rho_text(const Report& report);         // "0.83 over 6 rows", or why there is none
std::string grade_scale_text();
// "1 row", "3 rows": English plurals by appending "s".
std::string count_of(std::size_t n, std::string_view noun);

}  // namespace joulebench
