#pragma once
// RAPL through the perf `power` PMU (arch/x86/events/rapl.c): one CPU-wide counting event per
// energy event and package, opened on the CPU that the PMU's cpumask names for that package.
// The kernel accumulates the counters in 64 bits, so there is no wrap to handle here; the raw
// count times the sysfs scale is joules. Works where powercap is root-only but the user has
// CAP_PERFMON or a low perf_event_paranoid.

#include <sys/types.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/clock.h"
#include "harness/meters/meter.h"
#include "harness/system/file_system.h"

namespace joulebench {

inline constexpr const char* kPerfPmuRootVariable = "JOULEBENCH_PERF_PMU_ROOT";
inline constexpr const char* kDefaultPerfPmuDirectory = "/sys/bus/event_source/devices/power";

// Every call the perf meter makes outside the process, so tests can script them.
struct PerfSeam {
  std::string pmu_directory = kDefaultPerfPmuDirectory;
  std::string paranoid_path = "/proc/sys/kernel/perf_event_paranoid";
  const FileSystem* files = &real_file_system();
  // perf_event_open(type, config, cpu) for a counting, CPU-wide event: fd, or -errno.
  int (*open_event)(std::uint32_t type, std::uint64_t config, int cpu) noexcept = nullptr;
  // The event's 64-bit count; false when the read fails.
  bool (*read_count)(int fd, std::uint64_t* count) noexcept = nullptr;
  void (*close_event)(int fd) noexcept = nullptr;
};

// The power PMU's sysfs directory: `flag` (from --perf-pmu-root) wins, then
// $JOULEBENCH_PERF_PMU_ROOT, then /sys/bus/event_source/devices/power. Tests point it at a
// fixture, as --powercap-root does for RAPL.
std::string resolve_perf_pmu_directory(const std::optional<std::string>& flag);

// The real system: the syscall, read(2) and close(2), and the PMU directory resolved with no flag.
PerfSeam real_perf_seam();

struct PerfEvent {
  std::string event;   // "energy-pkg"
  std::string domain;  // "cpu.package-0"
  std::uint64_t config = 0;
  int cpu = 0;
  double joules_per_count = 0.0;  // the sysfs scale (2^-32 on current kernels)
};

struct PerfDiscovery {
  std::uint32_t pmu_type = 0;
  std::vector<PerfEvent> events;  // disjoint: package + ram, or psys alone
  std::vector<std::pair<std::string, std::string>> passed_over;  // domain, why
  std::string problem;
  bool present = false;  // the power PMU exists, usable or not (refused, dead)

  bool usable() const { return problem.empty() && !events.empty(); }
};

// Reads the PMU's sysfs description and opens (then closes) each chosen event once, so that a
// permission problem shows up here with its reason and not in the middle of a run.
PerfDiscovery discover_perf(const PerfSeam& seam = real_perf_seam());

class PerfMeter final : public Meter {
 public:
  PerfMeter(PerfDiscovery discovery, PerfSeam seam = real_perf_seam(),
            ClockFn wall_clock = steady_now);
  ~PerfMeter() override;
  PerfMeter(const PerfMeter&) = delete;
  PerfMeter& operator=(const PerfMeter&) = delete;

  std::string_view name() const override { return "perf"; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override;
  std::optional<std::string> failure() const override;

 private:
  PerfDiscovery discovery_;
  PerfSeam seam_;
  ClockFn wall_clock_;
  std::vector<EnergyDomain> domains_;
  std::vector<int> fds_;
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> start_counts_;
  std::vector<double> joules_;
  std::string failure_;
};

}  // namespace joulebench
