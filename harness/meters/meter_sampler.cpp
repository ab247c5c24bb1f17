#include "harness/meters/meter_sampler.h"

#include <chrono>

namespace joulebench {

std::vector<PowerPoint> power_timeline(const std::vector<PowerSample>& samples) {
  std::vector<PowerPoint> points;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    const Seconds dt = samples[i].time - samples[i - 1].time;
    if (dt.value <= 0.0)
      continue;
    points.push_back({samples[i].time, (samples[i].total - samples[i - 1].total) / dt});
  }
  return points;
}

MeterSampler::MeterSampler(Meter& meter, Seconds interval, std::size_t max_samples)
    : meter_(meter),
      interval_(interval),
      max_samples_(max_samples),
      thread_([this](std::stop_token stop) { run(stop); }) {}

MeterSampler::~MeterSampler() {
  thread_.request_stop();  // wakes the wait below at once
}

void MeterSampler::run(std::stop_token stop) {
  const auto interval = std::chrono::duration<double>(interval_.value);
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    lock.unlock();
    const EnergyReading reading = meter_.read();
    lock.lock();
    if (samples_.size() >= max_samples_)
      samples_.erase(samples_.begin(), samples_.begin() + static_cast<long>(max_samples_ / 2));
    samples_.push_back({reading.time, reading.total()});
    ++reads_;
    // Returns early only when a stop is requested.
    wake_.wait_for(lock, stop, interval, [] { return false; });
  }
}

std::vector<PowerSample> MeterSampler::take_samples() {
  std::lock_guard lock(mutex_);
  std::vector<PowerSample> out;
  out.swap(samples_);
  return out;
}

std::size_t MeterSampler::reads() const {
  std::lock_guard lock(mutex_);
  return reads_;
}

}  // namespace joulebench
