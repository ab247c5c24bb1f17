#pragma once
// Turns `--meter auto|rapl|perf|nvml|model` into a Meter, and records why every other source was
// passed over, so that `joulebench meters` and each result's context can say so.
//
// auto: one CPU source (RAPL, else perf, else the estimate: a measured CPU domain replaces the
// estimate, never adds to it) plus every NVML GPU, read together through a CompositeMeter.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/meters/meter.h"
#include "harness/meters/perf_meter.h"
#include "harness/meters/tdp_estimate_meter.h"

namespace joulebench {

// Overrides libnvidia-ml.so.1 (a path, or another soname): for tests and unusual installs.
inline constexpr const char* kNvmlLibraryVariable = "JOULEBENCH_NVML_LIBRARY";

// Where the probes look; tests point every field at fixtures.
struct MeterEnvironment {
  std::string powercap_root;
  std::string nvml_library;
  PerfSeam perf = real_perf_seam();
  EstimateOptions estimate = {};
};

// The environment of this process: `powercap_root_flag` (from --powercap-root), else
// $JOULEBENCH_POWERCAP_ROOT, else /sys/class/powercap; the perf power PMU from
// `perf_pmu_flag` (--perf-pmu-root), else $JOULEBENCH_PERF_PMU_ROOT, else sysfs; NVML from
// $JOULEBENCH_NVML_LIBRARY, else libnvidia-ml.so.1.
MeterEnvironment process_meter_environment(
    const std::optional<std::string>& powercap_root_flag = std::nullopt,
    UtilisationMode estimate_mode = UtilisationMode::process,
    const std::optional<std::string>& perf_pmu_flag = std::nullopt);

// A domain a usable source offers but that is not summed, and why (psys contains package, ...).
struct LeftOutDomain {
  std::string domain;
  std::string reason;
};

struct MeterCandidate {
  std::string name;  // "rapl", "perf", "nvml", "model"
  bool usable = false;
  bool selected = false;
  std::vector<std::string> domains;  // what it would measure (empty when unusable)
  Provenance provenance = Provenance::measured;
  std::string reason;  // why it is used, or why not (absent, permission, double counting)
  std::vector<LeftOutDomain> left_out;

  std::string_view status() const;  // "selected", "not used", "unavailable"
};

struct MeterSelection {
  std::unique_ptr<Meter> meter;
  std::vector<MeterCandidate> candidates;  // every source considered, in order of preference
};

// The names `--meter` accepts.
const std::vector<std::string>& meter_choices();

// `request` is one of meter_choices(). "auto" takes the best usable sources and always succeeds
// (the model estimate is always usable). A named source that is not usable throws
// std::runtime_error with a one-line reason.
MeterSelection select_meter(std::string_view request,
                            const MeterEnvironment& environment = process_meter_environment());

}  // namespace joulebench
