// The noexcept paths of a measurement under memory exhaustion: RaplMeter::read() (a noexcept
// override that words failures) and the EnergyScope destructor (it sets the counters) must not
// end the program through std::terminate when an allocation fails. This program replaces the
// global operator new so that, once armed, allocations fail: exact, and independent of the
// host's memory.

#include <errno.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>

#include "common/result_schema.h"
#include "harness/measurement/energy_scope.h"
#include "harness/meters/rapl_meter.h"
#include "tests/support/capturing_reporter.h"
#include "tests/support/powercap_fixture.h"

namespace {
// How many more allocations succeed; negative: all of them (disarmed).
std::atomic<long> allocations_left{-1};
}  // namespace

void* operator new(std::size_t size) {
  long left = allocations_left.load();
  while (left >= 0 && !allocations_left.compare_exchange_weak(left, left - 1)) {
  }
  if (left == 0) {
    allocations_left = 0;  // stays exhausted until disarmed
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace joulebench {
namespace {

void fail_allocations_after(long successful) {
  allocations_left = successful;
}
void allocate_again() {
  allocations_left = -1;
}

Seconds scripted_time{0.0};
Seconds scripted_now() noexcept {
  return scripted_time;
}

struct OnePackage {
  OnePackage() {
    fx.add_zone("intel-rapl:0", "package-0", 1'000'000);
    meter.emplace(discover_rapl(fx.root().string()).zones, real_file_system(), scripted_now);
  }
  testing::PowercapFixture fx;
  std::optional<RaplMeter> meter;
};

TEST(OutOfMemory, ARaplReadThatCannotAllocateFailsTheMeterInsteadOfTerminating) {
  OnePackage p;
  scripted_time = Seconds{0.1};
  fail_allocations_after(0);
  const EnergyReading reading = p.meter->read();
  allocate_again();
  EXPECT_TRUE(reading.per_domain.empty());
  EXPECT_EQ(p.meter->failure().value_or(""),
            "out of memory while reading the RAPL counters; every domain stopped advancing");
  // Frozen for good: later reads give the domains again, never advancing.
  p.fx.set_energy("intel-rapl:0", 3'000'000);
  scripted_time = Seconds{0.2};
  EXPECT_DOUBLE_EQ(p.meter->read().total().value, 0.0);
}

TEST(OutOfMemory, ARaplFailureThatCannotBeWordedStillFreezesTheCounter) {
  OnePackage p;
  p.fx.set_zone_file("intel-rapl:0", "energy_uj", "12abc\n");  // short: read without allocating
  scripted_time = Seconds{0.1};
  fail_allocations_after(1);  // the reading's vector; wording "no longer holds a number" fails
  const EnergyReading reading = p.meter->read();
  allocate_again();
  ASSERT_EQ(reading.per_domain.size(), 1u);
  EXPECT_DOUBLE_EQ(reading.total().value, 0.0);
  EXPECT_TRUE(p.meter->failure().value_or("").starts_with("out of memory")) << *p.meter->failure();
}

// The sysfs read beneath every meter is noexcept too: a text it cannot hold is a failed read
// (ENOMEM), which the meter words as any other.
TEST(OutOfMemory, AFileReadThatCannotAllocateIsAFailedRead) {
  OnePackage p;
  p.fx.set_zone_file("intel-rapl:0", "name", "a name longer than the small-string buffer\n");
  const std::string path = (p.fx.root() / "intel-rapl:0" / "name").string();
  fail_allocations_after(0);
  const FileText file = real_file_system().read_attribute(path);
  allocate_again();
  EXPECT_EQ(file.error, ENOMEM);
  EXPECT_TRUE(file.text.empty());
}

// A meter whose reading at the end of a window leaves only `successful_after_read` allocations
// to whatever follows: the EnergyScope destructor, which sets the counters.
class ExhaustingMeter final : public Meter {
 public:
  explicit ExhaustingMeter(long successful_after_read) : successful_(successful_after_read) {}
  std::string_view name() const override { return "exhausting"; }
  std::string method() const override { return "test"; }
  std::span<const EnergyDomain> domains() const override { return domains_; }
  EnergyReading read() noexcept override {
    EnergyReading r;
    r.time = Seconds{0.5 * reads_};
    r.per_domain.push_back(Joules{2.0 * reads_});  // capacity 1: no reallocation later
    if (++reads_ % 2 == 0)
      fail_allocations_after(successful_);
    return r;
  }

 private:
  long successful_;
  int reads_ = 0;
  std::vector<EnergyDomain> domains_ = {EnergyDomain{.name = "cpu.package-0",
                                                     .provenance = Provenance::measured,
                                                     .resolution = Joules{1e-6},
                                                     .update_interval = Seconds{0.0}}};
};

// For every point at which memory runs out while the destructor sets the counters: the program
// goes on, and the row has all of its energy counters or none (never energy without power or
// CO2e), and when it has none it either says why or carries no figure at all.
TEST(OutOfMemory, TheEnergyScopeDestructorSetsAllOfItsCountersOrNone) {
  int with_energy = 0;
  int without_energy = 0;
  for (long successful = 0; successful <= 60; ++successful) {
    ExhaustingMeter meter(successful);
    MeasurementSession session{meter, {GridIntensity{100.0, "t", "t", 2024, false}, 1.0}};
    const std::string name = "oom/" + std::to_string(successful);
    benchmark::RegisterBenchmark(name.c_str(), [&session](benchmark::State& state) {
      {
        EnergyScope energy(state, session, 10.0);
        for (auto _ : state)
          benchmark::DoNotOptimize(state.iterations());
      }
      allocate_again();
    })->Iterations(3);
    const auto reporter = testing::run_benchmarks("^" + name + "/");
    ASSERT_EQ(reporter.runs().size(), 1u) << successful;
    const auto& run = reporter.runs()[0];
    const bool energy = run.counters.contains(counter::kEnergy);
    ++(energy ? with_energy : without_energy);
    EXPECT_EQ(run.counters.contains(counter::kPower), energy) << successful;
    EXPECT_EQ(run.counters.contains(std::string(counter::kCo2)), energy) << successful;
    EXPECT_EQ(run.counters.contains(counter::kFlopPerJoule), energy) << successful;
    if (energy) {
      EXPECT_DOUBLE_EQ(run.counters.at(counter::kEnergy).value, 2.0 / 3.0) << successful;
    } else if (run.error_occurred) {
      EXPECT_EQ(run.error_message, "joulebench: out of memory while setting the energy counters");
    }
  }
  // Both sides were reached: memory ran out early enough to lose the figures, and late enough
  // (or never) to keep them.
  EXPECT_GT(without_energy, 0);
  EXPECT_GT(with_energy, 0);
}

}  // namespace
}  // namespace joulebench
