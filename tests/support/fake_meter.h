#pragma once
// A meter with scripted readings, for tests of everything downstream of a meter. Reading k
// (counting from 0) is energy_at(k) joules at time_at(k) seconds; every reading is logged so a
// test can recompute what the counters should be.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
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

  // What failure() reports from now on, as a meter whose counter file vanished would.
  void set_failure(std::string failure) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(failure);
  }
  std::optional<std::string> failure() const override {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  std::function<double(int)> energy_at_;
  std::function<double(int)> time_at_;
  std::vector<EnergyDomain> domains_;
  mutable std::mutex mutex_;
  std::vector<EnergyReading> log_;
  std::optional<std::string> failure_;
};

// Several domains with scripted readings: domain d reads energy_at(k) * shares[d] at reading k.
// For counters per domain, which must add up to the total.
class FakeMultiDomainMeter final : public Meter {
 public:
  FakeMultiDomainMeter(std::vector<EnergyDomain> domains, std::vector<double> shares,
                       std::function<double(int)> energy_at, std::function<double(int)> time_at)
      : domains_(std::move(domains)),
        shares_(std::move(shares)),
        energy_at_(std::move(energy_at)),
        time_at_(std::move(time_at)) {}

  std::string_view name() const override { return "fake-domains"; }
  std::string method() const override { return "scripted readings per domain"; }
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override {
    std::lock_guard lock(mutex_);
    EnergyReading r{Seconds{time_at_(reads_)}, {}};
    for (double share : shares_)
      r.per_domain.push_back(Joules{energy_at_(reads_) * share});
    ++reads_;
    return r;
  }

 private:
  std::vector<EnergyDomain> domains_;
  std::vector<double> shares_;
  std::function<double(int)> energy_at_;
  std::function<double(int)> time_at_;
  std::mutex mutex_;
  int reads_ = 0;
};

}  // namespace joulebench::testing
