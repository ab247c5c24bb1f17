#pragma once
// Turns `--meter auto|rapl|perf|nvml|model` into a Meter, and records why every other source was
// passed over, so that `joulebench meters` and each result's context can say so.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench {

struct MeterCandidate {
  std::string name;  // "rapl", "perf", "nvml", "model"
  bool usable = false;
  std::string reason;  // why it is usable, or why not (not present, permission, not built)
};

struct MeterSelection {
  std::unique_ptr<Meter> meter;
  std::vector<MeterCandidate> candidates;  // every source considered, in order of preference
};

// The names `--meter` accepts.
const std::vector<std::string>& meter_choices();

// Probes every source without selecting one.
std::vector<MeterCandidate> probe_meters();

// `request` is one of meter_choices(). "auto" takes the best usable source and always succeeds
// (the model estimate is always usable). A named source that is not usable throws
// std::runtime_error with a one-line reason.
MeterSelection select_meter(std::string_view request);

}  // namespace joulebench
