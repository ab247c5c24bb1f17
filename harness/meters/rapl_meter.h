#pragma once
// RAPL through the powercap sysfs tree (/sys/class/powercap, or a copy of it for containers and
// tests): every zone and subzone mapped by its `name`, one package per socket, intel-rapl-mmio
// zones that duplicate an MSR zone dropped, and the 32-bit counters unwrapped inside the meter.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/clock.h"
#include "harness/meters/meter.h"
#include "harness/system/file_system.h"

namespace joulebench {

inline constexpr const char* kPowercapRootVariable = "JOULEBENCH_POWERCAP_ROOT";
inline constexpr const char* kDefaultPowercapRoot = "/sys/class/powercap";

// `flag` (from --powercap-root) wins, then $JOULEBENCH_POWERCAP_ROOT, then /sys/class/powercap.
std::string resolve_powercap_root(const std::optional<std::string>& flag);

struct RaplZone {
  std::string id;         // directory name, ids in hex: "intel-rapl:0", "intel-rapl:0:1"
  std::string zone_name;  // the zone's `name` file: "package-0", "dram", "core", "psys"
  std::string domain;     // what results call it: "cpu.package-0", "cpu.dram-0", "platform.psys"
  std::string directory;
  std::uint64_t max_energy_range_uj = 0;
};

// A zone that was found but is not summed, and why.
struct PassedOverZone {
  std::string zone;  // domain name, or the directory when it has none
  std::string reason;
};

struct RaplDiscovery {
  std::vector<RaplZone> zones;  // readable, distinct zones
  std::vector<PassedOverZone> passed_over;
  std::string problem;   // one line; non-empty when RAPL cannot be used at all
  bool present = false;  // the tree has RAPL zones, usable or not (unreadable, dead)

  bool usable() const { return problem.empty() && !zones.empty(); }
};

RaplDiscovery discover_rapl(const std::string& root, const FileSystem& fs = real_file_system());

// The zones whose sum counts nothing twice: every package plus its dram (dram is not part of
// package); psys only where there is no package, because psys contains the package; core and
// uncore never, because they are parts of their package.
struct RaplPlan {
  std::vector<RaplZone> summed;
  std::vector<PassedOverZone> passed_over;
};
RaplPlan plan_disjoint_zones(const std::vector<RaplZone>& zones);

// Reads energy_uj of each zone on every read() and accumulates the deltas modulo
// max_energy_range_uj. A wrap is only visible if the counter is read at least once per wrap
// period (about 60 s for a package at high power, per the Intel SDM): each read() advances the
// meter's state, so reading often (the sampler) is what makes long windows safe. A file that
// vanishes or stops being readable freezes that domain and is reported by failure(); read()
// never throws.
class RaplMeter final : public Meter {
 public:
  RaplMeter(std::vector<RaplZone> zones, const FileSystem& fs = real_file_system(),
            ClockFn wall_clock = steady_now);

  std::string_view name() const override { return "rapl"; }
  std::string method() const override;
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override;
  std::optional<std::string> failure() const override;

 private:
  struct Counter {
    std::uint64_t last_uj = 0;
    std::uint64_t accumulated_uj = 0;
    bool seen = false;
  };
  void advance(std::size_t index) noexcept;

  std::vector<RaplZone> zones_;
  std::vector<std::string> energy_paths_;  // built once: read() should not allocate paths
  const FileSystem& fs_;
  ClockFn wall_clock_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;  // read() may be called by a sampler thread and the timed thread
  std::vector<Counter> counters_;
  std::string failure_;
};

}  // namespace joulebench
