#include "harness/meters/tdp_estimate_meter.h"

#include <fmt/format.h>
#include <time.h>

namespace joulebench {

std::string_view to_string(UtilisationMode mode) {
  return mode == UtilisationMode::process ? "process" : "machine";
}

std::optional<UtilisationMode> parse_utilisation_mode(std::string_view text) {
  if (text == "process")
    return UtilisationMode::process;
  if (text == "machine")
    return UtilisationMode::machine;
  return std::nullopt;
}

CpuPowerFigure cpu_power_figure(const CpuInfo& cpu) {
  if (const std::optional<CpuTdpRow> row = match_cpu_tdp(cpu.model)) {
    return {Watts{row->tdp_watts * cpu.sockets},
            fmt::format("'{}' matched '{}': {:g} W TDP x {} socket(s) ({}, row {})", cpu.model,
                        row->name, row->tdp_watts, cpu.sockets, kCpuTdpSource, row->source_row),
            true};
  }
  return {Watts{kDefaultWattsPerLogicalCpu * cpu.logical_cpus},
          fmt::format("'{}' not in the TDP table: default {:g} W per logical CPU x {} CPUs "
                      "(Green Algorithms v3.0 TDP_cpu.csv row 'Any', CC-BY-4.0)",
                      cpu.model.empty() ? "unknown CPU" : cpu.model, kDefaultWattsPerLogicalCpu,
                      cpu.logical_cpus),
          false};
}

TdpEstimateMeter::TdpEstimateMeter(EstimateOptions options)
    : options_(std::move(options)),
      cpu_(read_cpu_info(options_.cpuinfo_path, *options_.files)),
      figure_(cpu_power_figure(cpu_)),
      start_cpu_(options_.cpu_clock()),
      last_wall_(options_.wall_clock()) {
  if (options_.mode == UtilisationMode::machine)
    last_ticks_ = read_machine_cpu_ticks(options_.stat_path, *options_.files);
  last_memory_gb_ = memory_in_use_gb();
  // The smallest step of the CPU figure: one tick of the clock it is computed from, on one CPU
  // (the process CPU clock's resolution, or one USER_HZ tick of /proc/stat, 10 ms on Linux).
  // /proc/stat also only moves every tick, hence its update interval.
  const bool machine = options_.mode == UtilisationMode::machine;
  const Watts per_cpu = figure_.machine_tdp / static_cast<double>(cpu_.logical_cpus);
  timespec tick{};
  ::clock_getres(CLOCK_PROCESS_CPUTIME_ID, &tick);
  const Seconds step =
      machine ? Seconds{0.01} : Seconds{static_cast<double>(tick.tv_sec) + tick.tv_nsec * 1e-9};
  domains_.push_back(EnergyDomain{.name = "cpu.estimate",
                                  .provenance = Provenance::estimated,
                                  .resolution = per_cpu * step,
                                  .update_interval = machine ? Seconds{0.01} : Seconds{0.0}});
  // A continuous model of memory in use: no quantisation step of its own.
  domains_.push_back(EnergyDomain{.name = "ram.estimate",
                                  .provenance = Provenance::estimated,
                                  .resolution = Joules{0.0},
                                  .update_interval = Seconds{0.0}});
}

double TdpEstimateMeter::memory_in_use_gb() const noexcept {
  const std::optional<double> gb =
      options_.mode == UtilisationMode::machine
          ? read_machine_memory_in_use_gb(options_.meminfo_path, *options_.files)
          : read_process_resident_gb(options_.statm_path, *options_.files);
  return gb.value_or(last_memory_gb_);
}

std::string TdpEstimateMeter::method() const {
  const bool process = options_.mode == UtilisationMode::process;
  return fmt::format(
      "estimate: CPU {:g} W ({}) x utilisation = {}; RAM {:g} W/GB (CodeCarbon: 3 W per 8 GB) x "
      "{}",
      figure_.machine_tdp.value, figure_.source,
      process ? "process CPU time / (wall time x logical CPUs) (process mode, Eco2AI's way)"
              : "machine busy fraction from /proc/stat (machine mode, CodeCarbon's way)",
      kRamWattsPerGigabyte,
      process ? "process resident memory" : "machine memory in use (MemTotal - MemAvailable)");
}

EnergyReading TdpEstimateMeter::read() noexcept {
  std::lock_guard lock(mutex_);
  const Seconds now = options_.wall_clock();
  const double elapsed = (now - last_wall_).value;
  last_wall_ = now;

  double cpu_joules = 0.0;
  if (options_.mode == UtilisationMode::process) {
    // Exact, whatever the interval between reads: CPU time is itself cumulative.
    const double cpu_seconds = (options_.cpu_clock() - start_cpu_).value;
    cpu_joules = figure_.machine_tdp.value * cpu_seconds / cpu_.logical_cpus;
  } else {
    const std::optional<MachineCpuTicks> ticks =
        read_machine_cpu_ticks(options_.stat_path, *options_.files);
    if (ticks && last_ticks_ && ticks->total > last_ticks_->total) {
      const double busy = static_cast<double>(ticks->busy - last_ticks_->busy) /
                          static_cast<double>(ticks->total - last_ticks_->total);
      cpu_joules_ += figure_.machine_tdp.value * busy * elapsed;
    } else if (!ticks && failure_.empty()) {
      failure_ =
          fmt::format("cannot read {}; the CPU estimate stopped advancing", options_.stat_path);
    }
    if (ticks && (!last_ticks_ || ticks->total > last_ticks_->total))
      last_ticks_ = ticks;
    cpu_joules = cpu_joules_;
  }

  // Memory in use is sampled at each read: trapezoid between the last two samples.
  const double memory_gb = memory_in_use_gb();
  ram_joules_ += kRamWattsPerGigabyte * 0.5 * (last_memory_gb_ + memory_gb) * elapsed;
  last_memory_gb_ = memory_gb;

  return EnergyReading{.time = now, .per_domain = {Joules{cpu_joules}, Joules{ram_joules_}}};
}

std::optional<std::string> TdpEstimateMeter::failure() const {
  std::lock_guard lock(mutex_);
  if (failure_.empty())
    return std::nullopt;
  return failure_;
}

}  // namespace joulebench
