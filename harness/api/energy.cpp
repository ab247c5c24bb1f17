#include "joulebench/energy.h"

#include "common/result_schema.h"
#include "harness/api/current_session.h"
#include "harness/measurement/energy_scope.h"

namespace joulebench {

Energy::Energy(benchmark::State& state, double flops_per_iteration) {
  MeasurementSession* session = current_session();
  if (session == nullptr) {
    state.SkipWithError(
        "joulebench is not set up: use JOULEBENCH_MAIN() (joulebench/main.h) instead of "
        "BENCHMARK_MAIN()");
    return;
  }
  scope_ = std::make_unique<EnergyScope>(state, *session, flops_per_iteration);
}

Energy::~Energy() = default;

void Energy::set_accuracy(double fraction_correct) {
  if (scope_)
    scope_->set_quality(counter::kAccuracy, fraction_correct);
}

void Energy::set_rel_error(double relative_error) {
  if (scope_)
    scope_->set_quality(counter::kRelError, relative_error);
}

}  // namespace joulebench
