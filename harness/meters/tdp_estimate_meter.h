#pragma once
// The estimate for machines without an energy sensor, as CodeCarbon and Eco2AI make it:
//   CPU: TDP of the CPU model (from the built-in table) x sockets x utilisation, where
//        utilisation is either this process's share of the machine's CPU time (Eco2AI's way,
//        --estimate-utilisation process: energy = TDP x sockets x process CPU seconds / logical
//        CPUs) or the whole machine's busy fraction from /proc/stat (CodeCarbon's way, machine);
//   RAM: 0.375 W per GB in use (CodeCarbon's 3 W per 8 GB), the process's resident set in
//        process mode or the machine's MemTotal - MemAvailable in machine mode.
// Unknown CPU model: 12 W per logical CPU (Green Algorithms v3.0 TDP_cpu.csv row 'Any'). Every
// figure is labelled estimated; the TDP, its source row and the mode are in method(), which the
// result file records.

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/clock.h"
#include "harness/meters/meter.h"
#include "harness/system/cpu_info.h"
#include "harness/system/file_system.h"
#include "harness/system/proc_stats.h"

namespace joulebench {

enum class UtilisationMode { process, machine };

std::string_view to_string(UtilisationMode mode);
// "process" or "machine"; std::nullopt for anything else.
std::optional<UtilisationMode> parse_utilisation_mode(std::string_view text);

// CodeCarbon (codecarbon/external/ram.py): 3 W per 8 GB of memory.
inline constexpr double kRamWattsPerGigabyte = 3.0 / 8.0;
// Green Algorithms v3.0 TDP_cpu.csv, row 'Any': 12 W per core.
inline constexpr double kDefaultWattsPerLogicalCpu = 12.0;

struct EstimateOptions {
  UtilisationMode mode = UtilisationMode::process;
  std::string cpuinfo_path = "/proc/cpuinfo";
  std::string stat_path = "/proc/stat";
  std::string meminfo_path = "/proc/meminfo";
  std::string statm_path = "/proc/self/statm";
  const FileSystem* files = &real_file_system();
  ClockFn cpu_clock = process_cpu_now;
  ClockFn wall_clock = steady_now;
};

// The CPU power figure the estimate uses, and where it comes from.
struct CpuPowerFigure {
  Watts machine_tdp;     // all sockets together
  std::string source;    // "AMD EPYC 7763: 280 W x 2 sockets (CodeCarbon ... row 727, MIT)"
  bool matched = false;  // false: the documented default
};

CpuPowerFigure cpu_power_figure(const CpuInfo& cpu);

class TdpEstimateMeter final : public Meter {
 public:
  explicit TdpEstimateMeter(EstimateOptions options = {});

  std::string_view name() const override { return "model"; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override;
  std::optional<std::string> failure() const override;

 private:
  double memory_in_use_gb() const noexcept;

  EstimateOptions options_;
  CpuInfo cpu_;
  CpuPowerFigure figure_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;
  Seconds start_cpu_;
  Seconds last_wall_;
  std::optional<MachineCpuTicks> last_ticks_;
  double last_memory_gb_ = 0.0;
  double cpu_joules_ = 0.0;  // machine mode only; process mode is computed from CPU time
  double ram_joules_ = 0.0;
  std::string failure_;
};

}  // namespace joulebench
