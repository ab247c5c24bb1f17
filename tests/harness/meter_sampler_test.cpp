#include "harness/meters/meter_sampler.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "harness/meters/rapl_meter.h"
#include "tests/support/fake_meter.h"
#include "tests/support/powercap_fixture.h"

namespace joulebench {
namespace {

using namespace std::chrono_literals;

TEST(MeterSampler, ReadsAtItsIntervalWhileTheTimedThreadReadsToo) {
  // 10 J per read, 0.01 s apart: every interval is 1000 W.
  testing::FakeMeter meter([](int k) { return 10.0 * k; }, [](int k) { return 0.01 * k; });
  std::size_t reads = 0;
  {
    MeterSampler sampler(meter, Seconds{0.005});
    for (int i = 0; i < 20; ++i) {
      meter.read();  // the timed loop's reads, concurrent with the sampler's
      std::this_thread::sleep_for(5ms);
    }
    reads = sampler.reads();
    const std::vector<PowerSample> samples = sampler.take_samples();
    EXPECT_EQ(samples.size(), reads);
    for (std::size_t i = 1; i < samples.size(); ++i)
      EXPECT_GE(samples[i].total, samples[i - 1].total);
    EXPECT_TRUE(sampler.take_samples().size() <= 1u);  // taken samples are forgotten
  }
  // About 100 ms at 5 ms: a loaded CI machine may sleep longer, never read more.
  EXPECT_GE(reads, 3u);
  EXPECT_LE(reads, 30u);
}

TEST(MeterSampler, StopsPromptlyEvenWithALongInterval) {
  testing::FakeMeter meter([](int k) { return 1.0 * k; }, [](int k) { return 1.0 * k; });
  const auto start = std::chrono::steady_clock::now();
  { MeterSampler sampler(meter, Seconds{60.0}); }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(MeterSampler, FrequentReadsCatchEveryWrapOfASmallCounter) {
  testing::PowercapFixture fx;
  constexpr std::uint64_t kRange = 1'000'000;  // 1 J
  fx.add_zone("intel-rapl:0", "package-0", 0, kRange);
  RaplMeter meter(discover_rapl(fx.root().string()).zones);
  MeterSampler sampler(meter, Seconds{0.001});
  // Advance 0.3 J per step; the counter wraps every 1 J. Each step waits until the sampler has
  // read it, as a sampler faster than the wrap period would.
  std::uint64_t true_uj = 0;
  for (int step = 0; step < 20; ++step) {
    true_uj += 300'000;
    fx.set_energy("intel-rapl:0", true_uj % kRange);
    const std::size_t seen = sampler.reads();
    while (sampler.reads() < seen + 2)
      std::this_thread::sleep_for(1ms);
  }
  EXPECT_NEAR(meter.read().total().value, 6.0, 1e-9);
}

TEST(PowerTimeline, MeanPowerPerInterval) {
  const std::vector<PowerPoint> points = power_timeline(
      {{Seconds{0.0}, Joules{0.0}}, {Seconds{0.5}, Joules{10.0}}, {Seconds{1.0}, Joules{30.0}}});
  ASSERT_EQ(points.size(), 2u);
  EXPECT_DOUBLE_EQ(points[0].power.value, 20.0);
  EXPECT_DOUBLE_EQ(points[1].power.value, 40.0);
  EXPECT_DOUBLE_EQ(points[1].time.value, 1.0);
}

}  // namespace
}  // namespace joulebench
