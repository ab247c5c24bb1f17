#include "harness/api/current_session.h"

#include <atomic>

namespace joulebench {
namespace {

// Atomic: benchmark threads of Threads(n) read it while nothing writes it, but a sanitizer
// cannot know that the guard's writes happen before the run starts.
std::atomic<MeasurementSession*> installed{nullptr};

}  // namespace

MeasurementSession* current_session() {
  return installed.load();
}

CurrentSessionGuard::CurrentSessionGuard(MeasurementSession& session)
    : previous_(installed.exchange(&session)) {}

CurrentSessionGuard::~CurrentSessionGuard() {
  installed.store(previous_);
}

}  // namespace joulebench
