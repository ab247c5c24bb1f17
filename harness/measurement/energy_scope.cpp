#include "harness/measurement/energy_scope.h"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <utility>

#include "harness/measurement/energy_counters.h"

namespace joulebench {

EnergyScope::EnergyScope(benchmark::State& state, MeasurementSession& session,
                         double flops_per_iteration)
    : state_(state),
      session_(session),
      flops_per_iteration_(flops_per_iteration),
      reads_meter_(state.thread_index() == 0) {
  if (reads_meter_)
    before_ = session_.meter.read();
}

void EnergyScope::set_quality(const std::string& counter_name, double value) {
  quality_[counter_name] = value;
}

void EnergyScope::set_labels(const RowLabels& labels) {
  if (session_.notes != nullptr)
    session_.notes->set_labels(labels);
}

void EnergyScope::set_implementation(std::string implementation) {
  implementation_ = std::move(implementation);
}

EnergyScope::~EnergyScope() {
  if (!reads_meter_)
    return;
  const EnergyReading after = session_.meter.read();
  const auto window_end = std::chrono::system_clock::now();
  if (session_.notes != nullptr)
    session_.notes->add_timed_span({before_.time, after.time});
  // Errors (SkipWithError) leave no iterations to divide by.
  if (state_.error_occurred() || state_.iterations() == 0)
    return;

  // Counters of all threads are summed and kAvgIterations divides by the iterations of all
  // threads, so setting them on the first thread alone gives joules per iteration of the whole
  // benchmark.
  const std::int64_t iterations = static_cast<std::int64_t>(state_.iterations()) * state_.threads();
  const WindowFigures f = compute_window_figures(before_, after, iterations, flops_per_iteration_,
                                                 session_.meter, session_.carbon, window_end);
  using benchmark::Counter;
  auto& counters = state_.counters;
  for (const auto& [name, value] : quality_)
    counters[name] = Counter(value);
  std::string label = implementation_;
  const auto append = [&label](const std::string& part) {
    label += label.empty() ? part : "; " + part;
  };
  if (f.flops_per_iteration > 0.0)
    counters[counter::kFlops] = Counter(f.flops_per_iteration);
  if (f.no_energy) {
    // No energy counter at all, not a measured 0 J: the time figures stay, the label says why.
    append("no energy: " + *f.no_energy);
    state_.SetLabel(label);
    return;
  }
  counters[counter::kEnergy] = Counter(f.energy.value, Counter::kAvgIterations);
  const auto domains = session_.meter.domains();
  for (std::size_t i = 0; i < domains.size() && i < f.per_domain.size(); ++i) {
    counters[counter::domain_energy_counter(domains[i].name)] =
        Counter(f.per_domain[i].value, Counter::kAvgIterations);
  }
  counters[std::string(counter::kCo2)] = Counter(f.co2.value, Counter::kAvgIterations);
  // Power is set as a plain value: Counter::kIsRate would divide by CPU time, not real time.
  counters[counter::kPower] = Counter(f.mean_power.value);
  if (f.flops_per_iteration > 0.0)
    counters[counter::kFlopPerJoule] = Counter(f.flop_per_joule);
  if (session_.idle_power) {
    const Joules net = f.energy - *session_.idle_power * (after.time - before_.time);
    counters[counter::kEnergyNet] = Counter(net.value, Counter::kAvgIterations);
  }
  if (f.intensity.from_series) {
    counters[counter::kGridIntensity] = Counter(f.intensity.grams_per_kwh);
    if (!f.intensity.hour_present)
      append(fmt::format("no intensity for this UTC hour: used {}",
                         format_utc_hour(f.intensity.series_hour)));
  }
  if (f.below_resolution)
    append("energy window below meter resolution");
  if (!label.empty())
    state_.SetLabel(label);
}

}  // namespace joulebench
