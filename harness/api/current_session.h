#pragma once
// The measurement session the public joulebench::Energy scopes report into. joulebench::Main
// installs it for the duration of the run; tests install one with a scripted meter.

#include "harness/measurement/energy_scope.h"

namespace joulebench {

// nullptr when none is installed.
MeasurementSession* current_session();

// Installs `session` (not owned; it must outlive its use) until the guard is destroyed.
class CurrentSessionGuard {
 public:
  explicit CurrentSessionGuard(MeasurementSession& session);
  ~CurrentSessionGuard();
  CurrentSessionGuard(const CurrentSessionGuard&) = delete;
  CurrentSessionGuard& operator=(const CurrentSessionGuard&) = delete;

 private:
  MeasurementSession* previous_;
};

}  // namespace joulebench
