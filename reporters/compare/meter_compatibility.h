#pragma once
// Whether two result files measured energy the same way. A model estimate and a RAPL reading of
// the same code differ by tens of percent, and so do two different sensors; a comparison across
// them would report the meter change as a code change.

#include <optional>
#include <string>

#include "reporters/result_file.h"

namespace joulebench {

// Nothing when both files name the same meter and the same provenance; otherwise one line
// saying what differs (e.g. "BASE measured energy with rapl (measured), NEW with model
// (estimated)"). A file with no meter entry at all (a plain Google Benchmark file) differs from
// one that has it.
std::optional<std::string> meter_mismatch(const ResultFile& base, const ResultFile& candidate);

// "model (estimated)", "rapl (measured)", or "no recorded meter": where a file's energy came from.
std::string describe_meter(const ResultFile& file);

}  // namespace joulebench
