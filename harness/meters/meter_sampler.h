#pragma once
// A background thread that reads a meter at a fixed interval (default 100 ms) and sleeps in
// between. Reading often is what keeps long windows right: RAPL's 32-bit counters wrap in about
// a minute at high power and a wrap is only seen if the counter is read at least once per wrap
// period; integrated-power sources (NVML before Volta) integrate between consecutive reads, so
// frequent reads follow a changing load. Every read is kept as a sample (time, cumulative joules)
// so a power timeline can be taken per benchmark. Meters serialise read() internally, so the
// sampler and the timed loop may read the same meter concurrently.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "harness/meters/meter.h"

namespace joulebench {

inline constexpr Seconds kDefaultSampleInterval{0.1};

struct PowerSample {
  Seconds time;
  Joules total;  // cumulative, as the meter reports it
};

// Mean power between consecutive samples, stamped at the end of each interval.
struct PowerPoint {
  Seconds time;
  Watts power;
};
std::vector<PowerPoint> power_timeline(const std::vector<PowerSample>& samples);

class MeterSampler {
 public:
  // Starts reading at once; `max_samples` bounds the memory a long run can take (older samples
  // are dropped first, from the front).
  MeterSampler(Meter& meter, Seconds interval = kDefaultSampleInterval,
               std::size_t max_samples = 100000);
  ~MeterSampler();
  MeterSampler(const MeterSampler&) = delete;
  MeterSampler& operator=(const MeterSampler&) = delete;

  // The samples since the previous call (or since the start), which are then forgotten.
  std::vector<PowerSample> take_samples();
  std::size_t reads() const;

 private:
  void run(std::stop_token stop);

  Meter& meter_;
  Seconds interval_;
  std::size_t max_samples_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::vector<PowerSample> samples_;
  std::size_t reads_ = 0;
  std::jthread thread_;  // last: started after everything it uses exists
};

}  // namespace joulebench
