#pragma once
// The one interface every energy source implements: RAPL, perf, NVML and the model estimate.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/units.h"

namespace joulebench {

// How a figure was obtained. Estimates never share a label with measurements.
enum class Provenance {
  measured,          // read from a hardware energy counter
  integrated_power,  // power samples integrated over time (measured, but coarser)
  estimated,         // a model: TDP or per-core power times utilisation
};

std::string_view to_string(Provenance p);

// The least trustworthy of two provenances: a sum of a measured and an estimated figure is an
// estimate.
Provenance weakest(Provenance a, Provenance b);

struct EnergyDomain {
  std::string name;  // "cpu.package-0", "cpu.dram-0", "gpu.0", "cpu.estimate"
  Provenance provenance = Provenance::estimated;
  Joules resolution;        // smallest step the counter can show
  Seconds update_interval;  // how often the source refreshes (0 when every read is fresh)
};

// Cumulative energy per domain since the meter started, in the order of Meter::domains(), taken
// at `time` (a steady clock, seconds since an arbitrary epoch). Monotonic per domain: counter
// wraparound is the meter's problem, solved inside it.
struct EnergyReading {
  Seconds time;
  std::vector<Joules> per_domain;

  Joules total() const;
};

class Meter {
 public:
  virtual ~Meter() = default;

  // Short name used on the command line and in the context: "model", "rapl", "perf", "nvml".
  virtual std::string_view name() const = 0;
  // One line saying how this meter obtains its figures, recorded next to every result.
  virtual std::string method() const = 0;
  // Disjoint domains: EnergyReading::total() adds them, so no domain may contain another.
  virtual std::span<const EnergyDomain> domains() const = 0;
  // Must not throw and must be cheap: it is called right next to the timed loop.
  virtual EnergyReading read() noexcept = 0;
  // The first problem read() met since the meter started (a counter file vanished, a call
  // failed), as one line; while set, the affected domains stopped advancing.
  virtual std::optional<std::string> failure() const { return std::nullopt; }
};

// The provenance of the meter's total (the weakest of its domains).
Provenance provenance_of(const Meter& meter);

}  // namespace joulebench
