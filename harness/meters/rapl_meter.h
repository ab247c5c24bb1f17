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

// The most power one RAPL domain may show before a step is called a lying counter rather than a
// load: 10 kW. The largest packages draw about 500 W (AMD EPYC 9005, Xeon 6900P) and a psys
// zone covers one workstation or server board, a few kW at most; 10 kW leaves a wide margin for
// any of them, while a counter that jumps, or goes backwards and is taken for a wrap of a
// 262 kJ range, implies megawatts.
inline constexpr Watts kMaxRaplDomainPower{10'000.0};
// Time added to every step before it is held against the ceiling: RAPL refreshes its counters
// about every millisecond, not at the moment of each read, so two reads 10 us apart may straddle
// a refresh that carries a millisecond's energy, or a late one that carries several.
inline constexpr Seconds kRaplStepSlack{10e-3};

// What one read of a counter says, given the previous read `elapsed` earlier.
struct RaplStep {
  std::uint64_t energy_uj = 0;     // what the step adds, unwrapped; 0 for a lie
  std::optional<std::string> lie;  // why the step is not energy, as one line; nullopt when it is
};

// Judges a step of an energy_uj counter from `previous_uj` to `now_uj`:
//   - forward: the difference;
//   - backward: a wrap only when it is the short way round (the previous value in the top half
//     of the range, the unwrapped step under half the range); any other backward step is a lie
//     (a reset, a rewritten file), never "a wrap" of nearly the whole range;
//   - a value above `range_uj` (max_energy_range_uj) is a lie;
//   - a step, wrapped or not, implying more than kMaxRaplDomainPower over elapsed +
//     kRaplStepSlack is a lie.
// A genuine wrap is therefore only recognised when the counter is read at least twice per wrap
// period (a sampler at 0.1 s does that for any real range).
RaplStep judge_rapl_step(std::uint64_t previous_uj, std::uint64_t now_uj, std::uint64_t range_uj,
                         Seconds elapsed);

// Reads energy_uj of each zone on every read() and accumulates the steps judge_rapl_step
// accepts. A wrap is only recognised if the counter is read at least twice per wrap period
// (about 60 s for a package at high power, per the Intel SDM): each read() advances the meter's
// state, so reading often (the sampler) is what makes long windows safe. A counter that lies (a
// step judge_rapl_step refuses) or a file that vanishes, stops parsing or stops being readable
// freezes that domain and is reported by failure(), which stays set for the rest of the run: a
// counter that lied once is not trusted again. read() never throws.
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
    Seconds last_time;
    std::uint64_t accumulated_uj = 0;
    bool seen = false;
    bool frozen = false;  // it lied or could not be read: never advanced again
  };
  // read() must not throw (meter.h), yet wording a failure allocates: advance() runs
  // advance_or_throw() and turns an exception (std::bad_alloc) into a frozen counter and
  // out_of_memory_, which failure() words later, outside the noexcept path.
  void advance(std::size_t index, Seconds now) noexcept;
  void advance_or_throw(std::size_t index, Seconds now);
  void fail(Counter& counter, std::string reason) noexcept;  // moves the reason: no allocation
  void freeze_all_out_of_memory() noexcept;

  std::vector<RaplZone> zones_;
  std::vector<std::string> energy_paths_;  // built once: read() should not allocate paths
  const FileSystem& fs_;
  ClockFn wall_clock_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;  // read() may be called by a sampler thread and the timed thread
  std::vector<Counter> counters_;
  std::string failure_;
  bool out_of_memory_ = false;  // a read could not allocate: every counter frozen
};

}  // namespace joulebench
