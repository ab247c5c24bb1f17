#pragma once
// Idle power per domain, measured before a suite by reading the meter across a quiet window
// (default 2 s). Results then carry energy_net_J = energy_J minus idle power times the window's
// time, per iteration: the energy the workload added on top of a machine that was already on.
// The machine is not guaranteed idle (other processes, turbo states differ), so the baseline is
// recorded in the context for the reader to judge.

#include <optional>
#include <string>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench {

inline constexpr Seconds kDefaultIdleWindow{2.0};

struct IdleBaseline {
  Seconds window;                 // the time the meter says passed
  std::vector<Watts> per_domain;  // in the order of Meter::domains()
  // Measured domains that did not advance over the window although it spans many of their
  // update intervals (liveness_probe.h): their 0 W is a dead sensor, not an idle machine.
  std::vector<std::string> dead_domains;
  // What Meter::failure() said after the window (a counter that went backwards, a file that
  // vanished): the baseline is then no figure at all.
  std::optional<std::string> meter_failure;

  Watts total() const;
};

// Reads the meter, sleeps `window`, reads it again.
IdleBaseline measure_idle_baseline(Meter& meter, Seconds window = kDefaultIdleWindow);

// One line for a baseline that saw a failed meter (its reason) or a dead sensor (the domains),
// with the way out (the labelled estimate); nullopt for a sound baseline. The caller stops with
// it before measuring.
std::optional<std::string> dead_sensor_problem(const IdleBaseline& baseline, const Meter& meter);

// "cpu.package-0 12.5 W, cpu.dram-0 1.25 W over 2 s".
std::string describe(const IdleBaseline& baseline, const Meter& meter);

}  // namespace joulebench
