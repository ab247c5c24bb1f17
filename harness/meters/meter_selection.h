#pragma once
// Turns `--meter auto|rapl|perf|nvml|model` into a Meter, and records why every other source was
// passed over, so that `joulebench meters` and each result's context can say so.
//
// auto: one CPU source (RAPL, else perf, else the estimate: a measured CPU domain replaces the
// estimate, never adds to it) plus every NVML GPU, read together through a CompositeMeter.
//
// Every measured source is proven live first (liveness_probe.h): its counters are read across
// one short window of load, all sources in the same window. A source none of whose counters
// advanced is not usable; a dead domain of an otherwise live source is left out. An explicit
// request probes only the source requested, so `--meter model` reads no sensor at all.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/meters/liveness_probe.h"
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
  LivenessLoad liveness = spinning_load();  // the load the liveness probe applies
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
  // Discovery found the source on this machine, usable or not (a tree, a PMU, a GPU); false
  // for a source that is simply absent.
  bool present = false;
  // False when the source was not even looked at because another meter was requested.
  bool probed = true;
  std::vector<std::string> domains;  // what it would measure (empty when unusable)
  Provenance provenance = Provenance::measured;
  std::string reason;  // why it is used, or why not (absent, permission, double counting)
  std::vector<LeftOutDomain> left_out;
  // Each domain's counter across the liveness window; empty when the source was not probed
  // (absent, refused, estimated, or another meter was requested).
  std::vector<DomainProbe> liveness;

  std::string_view status() const;  // "selected", "not used", "unavailable", "not probed"
  // Present but not usable (dead counters, no permission): worth telling the user, who gets a
  // coarser source instead.
  bool passed_over() const { return present && !usable; }
};

struct MeterSelection {
  std::unique_ptr<Meter> meter;
  std::vector<MeterCandidate> candidates;  // every source considered, in order of preference
};

// The names `--meter` accepts.
const std::vector<std::string>& meter_choices();

// One line per source passed over (MeterCandidate::passed_over), "rapl: <reason>"; empty when
// none was. The context records them joined by "; " (context_key::kMeterPassedOver).
std::vector<std::string> passed_over_sources(const std::vector<MeterCandidate>& candidates);

// What a front end prints on stderr, one line each, before it measures: which present source
// was passed over, why, and what measures instead.
std::vector<std::string> passed_over_notes(const MeterSelection& selection);

// `request` is one of meter_choices(). "auto" takes the best usable sources and always succeeds
// (the model estimate is always usable). A named source that is not usable throws
// std::runtime_error with a one-line reason.
MeterSelection select_meter(std::string_view request,
                            const MeterEnvironment& environment = process_meter_environment());

}  // namespace joulebench
