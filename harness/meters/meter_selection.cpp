#include "harness/meters/meter_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "harness/meters/model_meter.h"

namespace joulebench {
namespace {

// Sensor meters are listed in order of preference; until their readers exist they are reported
// as such instead of pretending to probe.
constexpr std::string_view kSensorMeters[] = {"rapl", "perf", "nvml"};

MeterCandidate model_candidate() {
  return {"model", true,
          "always usable: an estimate from process CPU time and a per-core power figure"};
}

}  // namespace

const std::vector<std::string>& meter_choices() {
  static const std::vector<std::string> choices = {"auto", "rapl", "perf", "nvml", "model"};
  return choices;
}

std::vector<MeterCandidate> probe_meters() {
  std::vector<MeterCandidate> out;
  for (std::string_view name : kSensorMeters) {
    out.push_back(
        {std::string(name), false, "reader not built yet in this version (energy-meter issue #3)"});
  }
  out.push_back(model_candidate());
  return out;
}

MeterSelection select_meter(std::string_view request) {
  MeterSelection selection;
  selection.candidates = probe_meters();
  const auto it = std::find_if(
      selection.candidates.begin(), selection.candidates.end(),
      [&](const MeterCandidate& c) { return request == "auto" ? c.usable : c.name == request; });
  if (it == selection.candidates.end()) {
    throw std::runtime_error(fmt::format("unknown meter '{}' (choose one of: {})", request,
                                         fmt::join(meter_choices(), ", ")));
  }
  if (!it->usable) {
    throw std::runtime_error(fmt::format("meter '{}' is not usable: {}", it->name, it->reason));
  }
  // Only the model meter is usable at present (see probe_meters).
  selection.meter = std::make_unique<ModelMeter>(default_per_core_power());
  return selection;
}

}  // namespace joulebench
