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

namespace {

// The counters and label of one measured window, set on `state` all at once at the end: a
// failure on the way (an allocation) leaves the row as it was, never half its energy counters.
void commit_window(benchmark::State& state, const MeasurementSession& session,
                   const EnergyReading& before, const EnergyReading& after,
                   std::chrono::system_clock::time_point window_end, double flops_per_iteration,
                   const std::map<std::string, double>& quality,
                   const std::string& implementation) {
  // Counters of all threads are summed and kAvgIterations divides by the iterations of all
  // threads, so setting them on the first thread alone gives joules per iteration of the whole
  // benchmark.
  const std::int64_t iterations = static_cast<std::int64_t>(state.iterations()) * state.threads();
  const WindowFigures f = compute_window_figures(before, after, iterations, flops_per_iteration,
                                                 session.meter, session.carbon, window_end);
  using benchmark::Counter;
  benchmark::UserCounters counters = state.counters;
  for (const auto& [name, value] : quality)
    counters[name] = Counter(value);
  std::string label = implementation;
  const auto append = [&label](const std::string& part) {
    label += label.empty() ? part : "; " + part;
  };
  if (f.flops_per_iteration > 0.0)
    counters[counter::kFlops] = Counter(f.flops_per_iteration);
  if (f.no_energy) {
    // No energy counter at all, not a measured 0 J: the time figures stay, the label says why.
    append("no energy: " + *f.no_energy);
  } else {
    counters[counter::kEnergy] = Counter(f.energy.value, Counter::kAvgIterations);
    const auto domains = session.meter.domains();
    for (std::size_t i = 0; i < domains.size() && i < f.per_domain.size(); ++i) {
      counters[counter::domain_energy_counter(domains[i].name)] =
          Counter(f.per_domain[i].value, Counter::kAvgIterations);
    }
    counters[std::string(counter::kCo2)] = Counter(f.co2.value, Counter::kAvgIterations);
    // Power is set as a plain value: Counter::kIsRate would divide by CPU time, not real time.
    counters[counter::kPower] = Counter(f.mean_power.value);
    if (f.flops_per_iteration > 0.0)
      counters[counter::kFlopPerJoule] = Counter(f.flop_per_joule);
    if (session.idle_power) {
      const Joules net = f.energy - *session.idle_power * (after.time - before.time);
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
  }
  // The label first: it can still fail (it is copied), and then no counter is set either. The
  // swap cannot fail.
  if (!label.empty())
    state.SetLabel(label);
  state.counters.swap(counters);
}

}  // namespace

// A destructor is noexcept, and setting the counters allocates: an exception here would end the
// program (std::terminate) in the middle of the user's benchmark. So it is caught, and the row is
// left with its time figures and no energy ones.
EnergyScope::~EnergyScope() {
  if (!reads_meter_)
    return;
  const EnergyReading after = session_.meter.read();  // noexcept (meter.h)
  const auto window_end = std::chrono::system_clock::now();
  try {
    if (session_.notes != nullptr)
      session_.notes->add_timed_span({before_.time, after.time});
    // Errors (SkipWithError) leave no iterations to divide by.
    if (state_.error_occurred() || state_.iterations() == 0)
      return;
    commit_window(state_, session_, before_, after, window_end, flops_per_iteration_, quality_,
                  implementation_);
  } catch (...) {
    // Only allocation can fail on the way (the timed span, counter names, the label). Say so on
    // the row when even that is possible; either way the row carries no energy figure.
    try {
      state_.SkipWithError("joulebench: out of memory while setting the energy counters");
    } catch (...) {
    }
  }
}

}  // namespace joulebench
