#pragma once
// A meter with scripted readings, for tests of everything downstream of a meter. Reading k
// (counting from 0) is energy_at(k) joules at time_at(k) seconds; every reading is logged so a
// test can recompute what the counters should be.

#include <functional>
#include <mutex>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench::testing {

class FakeMeter final : public Meter {
 public:
  FakeMeter(std::function<double(int)> energy_at, std::function<double(int)> time_at,
            Provenance provenance = Provenance::measured, Joules resolution = Joules{1e-9})
      : energy_at_(std::move(energy_at)), time_at_(std::move(time_at)) {
    domains_.push_back({"fake.0", provenance, resolution, Seconds{0.0}});
  }

  std::string_view name() const override { return "fake"; }
  std::string method() const override { return "scripted readings"; }
  std::span<const EnergyDomain> domains() const override { return domains_; }

  EnergyReading read() noexcept override {
    std::lock_guard lock(mutex_);
    const int k = static_cast<int>(log_.size());
    EnergyReading r{Seconds{time_at_(k)}, {Joules{energy_at_(k)}}};
    log_.push_back(r);
    return r;
  }

  std::vector<EnergyReading> log() const {
    std::lock_guard lock(mutex_);
    return log_;
  }

 private:
  std::function<double(int)> energy_at_;
  std::function<double(int)> time_at_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;
  std::vector<EnergyReading> log_;
};

}  // namespace joulebench::testing
