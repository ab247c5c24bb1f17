#pragma once
// One Markdown table from any number of result files: per benchmark, time, joules and grams of
// CO2e per iteration, FLOP per joule, and how the energy was obtained.

#include <ostream>
#include <vector>

#include "reporters/result_file.h"

namespace joulebench {

// Writes the table, then a "Sources" list (one line per file: host, meter method, region,
// intensity source, PUE) and a note naming files that carry no energy counters.
void write_markdown_report(std::ostream& out, const std::vector<ResultFile>& files);

}  // namespace joulebench
