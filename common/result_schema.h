#pragma once
// The vocabulary shared by what writes result files (harness/) and what reads them
// (reporters/): counter names and context keys. Changing one is a change of the file format.

#include <cctype>
#include <string>
#include <string_view>

namespace joulebench {

// Counter names as they appear in the result JSON. They must not collide with Google
// Benchmark's own keys (name, iterations, real_time, ...).
namespace counter {
inline constexpr const char* kEnergy = "energy_J";  // J per iteration (IT energy)
inline constexpr const char* kPower = "power_W";    // mean power over the real time
inline constexpr const char* kCo2 = "co2_g";        // gCO2e per iteration (with PUE)
inline constexpr const char* kFlops = "flops";      // FLOP per iteration
inline constexpr const char* kFlopPerJoule = "flop_per_J";
// J per iteration above the idle baseline: energy_J minus idle power x time (only with a baseline)
inline constexpr const char* kEnergyNet = "energy_net_J";
// gCO2e/kWh the benchmark was charged with; only with an hourly intensity series.
inline constexpr const char* kGridIntensity = "grid_gCO2e_per_kWh";
// What the result is worth: ||C - C_fp64|| / ||C_fp64|| for kernels, test accuracy (0-1) for
// models.
inline constexpr const char* kRelError = "rel_error";
inline constexpr const char* kAccuracy = "accuracy";

// J per iteration of one measured energy domain, beside the total energy_J (which is their sum):
// "cpu.package-0" -> "energy_cpu_package_0_J", "gpu.0" -> "energy_gpu_0_J". Every character
// that is not a letter or digit becomes '_'.
inline constexpr std::string_view kDomainEnergyPrefix = "energy_";
inline constexpr std::string_view kDomainEnergySuffix = "_J";
inline std::string domain_energy_counter(std::string_view domain) {
  std::string name(kDomainEnergyPrefix);
  for (char c : domain)
    name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  name += kDomainEnergySuffix;
  return name;
}
// True for the per-domain counters above; false for energy_J and energy_net_J.
inline bool is_domain_energy_counter(std::string_view name) {
  return name.size() > kDomainEnergyPrefix.size() + kDomainEnergySuffix.size() &&
         name.starts_with(kDomainEnergyPrefix) && name.ends_with(kDomainEnergySuffix) &&
         name != kEnergy && name != kEnergyNet;
}
// Counters that derive from a row's energy (energy_J, power_W, co2_g, flop_per_J, energy_net_J,
// grid_gCO2e_per_kWh and the per-domain ones): a row without energy must not carry or show them.
inline bool is_energy_derived(std::string_view name) {
  return name == kEnergy || name == kPower || name == kCo2 || name == kFlopPerJoule ||
         name == kEnergyNet || name == kGridIntensity || is_domain_energy_counter(name);
}
}  // namespace counter

// Fields joulebench adds to each row of a benchmark whose code labelled it (joulebench/labels.h):
// strings, except the batch (a whole number above 0). Rows without them are named only by their
// Google Benchmark name, which the reporters then parse.
namespace row_key {
inline constexpr const char* kTask = "joulebench_task";
inline constexpr const char* kVariant = "joulebench_variant";
inline constexpr const char* kPrecision = "joulebench_precision";
inline constexpr const char* kBackend = "joulebench_backend";
inline constexpr const char* kBatch = "joulebench_batch";
inline constexpr const char* kUnit = "joulebench_unit";  // "iteration", "inference" or "step"
}  // namespace row_key

// Row labels: a workload whose code path is slower than this CPU allows (a peer library on a
// fallback kernel) ends its label with this, and the reporters list such rows.
namespace row_label {
inline constexpr std::string_view kFallback = "(a fallback)";
}  // namespace row_label

// Context keys, shared with the reporters that read them back.
namespace context_key {
inline constexpr const char* kVersion = "joulebench_version";
inline constexpr const char* kMeter = "joulebench_meter";
inline constexpr const char* kIdlePower = "joulebench_idle_power_W";  // per domain, and window
inline constexpr const char* kMeterMethod = "joulebench_meter_method";
inline constexpr const char* kDomains = "joulebench_energy_domains";
inline constexpr const char* kProvenance = "joulebench_provenance";
inline constexpr const char* kRegion = "joulebench_region";
inline constexpr const char* kIntensity = "joulebench_grid_intensity_gCO2e_per_kWh";
inline constexpr const char* kIntensitySource = "joulebench_grid_intensity_source";
inline constexpr const char* kIntensityMethod = "joulebench_grid_intensity_method";
inline constexpr const char* kPue = "joulebench_pue";
inline constexpr const char* kCpuModel = "joulebench_cpu_model";
// The machine a file came from, stabler than Google Benchmark's host_name (every VM is "vm"):
// a short hex id derived from /etc/machine-id when readable, else from host name, CPU model and
// logical CPU count; plus the logical CPU count itself.
inline constexpr const char* kMachineId = "joulebench_machine_id";
inline constexpr const char* kLogicalCpus = "joulebench_logical_cpus";
// Sources --meter auto passed over although present, one "name: reason" per source joined by
// "; " (e.g. "perf: counter did not advance over 0.2 s of load: a virtualised or disabled
// sensor"). Absent when none was.
inline constexpr const char* kMeterPassedOver = "joulebench_meter_passed_over";
inline constexpr const char* kKernel = "joulebench_kernel";
inline constexpr const char* kCompiler = "joulebench_compiler";
// CPU features and the kernel path per precision, e.g. "cpu: avx2+fma avx512f/bw/vl/dq
// avx512-vnni avx512-bf16; kernels: fp32 avx512, bf16 avx512-bf16, int8 avx512-vnni, ...".
inline constexpr const char* kKernelPaths = "joulebench_kernel_paths";
// What each peer library runs on this CPU, e.g. "openblas: core SkylakeX: OpenBLAS chose Haswell
// on this CPU, so joulebench set OPENBLAS_CORETYPE=SkylakeX ...; onednn: effective ISA
// avx512_core_bf16; eigen 3.4.0: AVX512, FMA, ...". Absent for JOULEBENCH_MAIN programs.
inline constexpr const char* kPeerLibraries = "joulebench_peer_libraries";
}  // namespace context_key

// Top-level keys joulebench adds to Google Benchmark's JSON beside "context" and "benchmarks".
namespace result_key {
// [{"name": "<benchmark run name>", "interval_s": 0.1, "t_s": [...], "power_W": [...],
// "timed_from_s": [...], "timed_to_s": [...]}, ...]: mean power of all energy domains between
// consecutive sampler reads, t_s from the benchmark's first sample (keys in timeline_key). Only
// runs with a sampler (--sample-interval > 0) write it.
inline constexpr const char* kPowerTimelines = "joulebench_power_timelines";
}  // namespace result_key

// The keys of one entry of result_key::kPowerTimelines.
namespace timeline_key {
inline constexpr const char* kName = "name";
inline constexpr const char* kInterval = "interval_s";
inline constexpr const char* kTimes = "t_s";
inline constexpr const char* kPower = "power_W";
// The spans the benchmark's timed loops ran, on the t_s axis: [timed_from_s[i], timed_to_s[i]].
// Samples outside them are set-up (building inputs, training weights) or Google Benchmark's own
// work between calls. Absent in files written before joulebench recorded them.
inline constexpr const char* kTimedFrom = "timed_from_s";
inline constexpr const char* kTimedTo = "timed_to_s";
}  // namespace timeline_key

}  // namespace joulebench
