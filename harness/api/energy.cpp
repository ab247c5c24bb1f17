#include "joulebench/energy.h"

#include <utility>

#include "common/result_schema.h"
#include "harness/api/current_session.h"
#include "harness/measurement/energy_scope.h"

namespace joulebench {

Energy::Energy(benchmark::State& state, double flops_per_iteration) : state_(state) {
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

void Energy::set_task(std::string task, std::string variant) {
  RowLabels labels;
  labels.task = std::move(task);
  labels.variant = std::move(variant);
  set_labels(std::move(labels));
}

void Energy::set_labels(RowLabels labels) {
  if (!scope_)
    return;
  // A benchmark mislabelled would be ranked among the wrong rows: fail it, saying why, rather
  // than report it somewhere a reader would trust.
  if (labels.task.empty()) {
    state_.SkipWithError("joulebench::Energy::set_labels: the task is empty");
    return;
  }
  if (labels.batch < 0) {
    state_.SkipWithError("joulebench::Energy::set_labels: the batch is below 0");
    return;
  }
  scope_->set_labels(labels);
}

}  // namespace joulebench
