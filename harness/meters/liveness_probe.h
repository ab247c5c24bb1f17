#pragma once
// Proof that a sensor is live before it is trusted: every counter of a candidate source is read
// across a short window while the calling thread spins, and a counter that does not move is a
// dead sensor (a VM exposing a perf power PMU whose count stays 0, a disabled RAPL zone), never
// a measurement of 0 J.
//
// One rule decides everywhere (here, in a run's windows and in the idle baseline): a measured
// domain that did not advance while wall time passed at least kDeadAfterUpdateIntervals of its
// update intervals is dead. Over the 0.2 s probe that convicts RAPL and perf (1 ms updates); an
// NVML energy counter (about 100 ms) is only watched for 2 updates, so a GPU whose counter did
// not move in the probe is "not conclusive" and stays usable: a run's longer windows judge it.

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench {

inline constexpr Seconds kLivenessWindow{0.2};
inline constexpr double kDeadAfterUpdateIntervals = 10.0;

// True when `elapsed` is long enough for `domain` to have advanced had it been live: at least
// kDeadAfterUpdateIntervals update intervals, and some time at all. Estimated domains are
// models, not sensors, and are never judged.
bool long_enough_to_convict(const EnergyDomain& domain, Seconds elapsed);

// The load the probe applies, and how long it took. Tests substitute a function that advances
// fixture counters and returns a scripted time, so the probe is fast and deterministic.
struct LivenessLoad {
  Seconds window = kLivenessWindow;
  // Keeps the calling thread busy for about `window` and returns the time that passed.
  std::function<Seconds(Seconds window)> run;
};

// The real load: a spin loop on the calling thread (busy, not asleep, so a package counter must
// move), timed by the steady clock.
LivenessLoad spinning_load(Seconds window = kLivenessWindow);
Seconds spin_for(Seconds window);

enum class Liveness {
  advanced,        // the counter moved: the sensor is live
  dead,            // it did not move over enough of its update intervals
  not_conclusive,  // it did not move, but the window was under enough update intervals
};

struct DomainProbe {
  std::string domain;
  Liveness liveness = Liveness::advanced;
  Joules seen;     // what the counter showed over the window
  Seconds window;  // as the load timed it
  // Set when the meter itself reported a failure over the window (a RAPL counter that went
  // backwards or past its range, vanished or stopped parsing): the domain is then `dead`, and
  // this, not "did not advance", is the reason a user sees.
  std::string meter_failure;

  // "3.21 J over 0.2 s of load", "did not advance over 0.2 s of load", ...
  std::string describe() const;
};

// Reads every meter, applies the load once, reads every meter again: several sources are
// probed in the same window. One vector of results per meter, in the order of its domains().
std::vector<std::vector<DomainProbe>> probe_liveness(std::span<Meter* const> meters,
                                                     const LivenessLoad& load);

// The one-line reason a source whose every domain is dead is not usable, e.g. "counter did not
// advance over 0.2 s of load: a virtualised or disabled sensor (platform.psys-0)", or "the meter
// failed over 0.2 s of load: <its reason>" when it reported a failure.
std::string dead_source_reason(const std::vector<DomainProbe>& probes);

}  // namespace joulebench
