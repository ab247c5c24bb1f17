#include "harness/meters/nvml_meter.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include "harness/meters/meter_selection.h"

namespace joulebench {
namespace {

// The fake library's controls, bound through a handle of our own on the same file the meter
// opens (one dlopen'ed copy, so one state).
class FakeNvml {
 public:
  FakeNvml() : handle_(::dlopen(FAKE_NVML_LIBRARY, RTLD_NOW | RTLD_LOCAL)) {
    EXPECT_NE(handle_, nullptr) << ::dlerror();
  }
  ~FakeNvml() { ::dlclose(handle_); }
  FakeNvml(const FakeNvml&) = delete;
  FakeNvml& operator=(const FakeNvml&) = delete;

  void reset(unsigned devices, unsigned architecture) {
    call<void (*)(unsigned, unsigned)>("fake_nvml_reset")(devices, architecture);
  }
  void energy_mj(unsigned device, unsigned long long mj) {
    call<void (*)(unsigned, unsigned long long)>("fake_nvml_set_energy_mj")(device, mj);
  }
  void power_mw(unsigned device, unsigned mw) {
    call<void (*)(unsigned, unsigned)>("fake_nvml_set_power_mw")(device, mw);
  }
  void init_result(int code) { call<void (*)(int)>("fake_nvml_set_init_result")(code); }
  void read_result(int code) { call<void (*)(int)>("fake_nvml_set_read_result")(code); }

 private:
  template <class Fn>
  Fn call(const char* symbol) {
    return reinterpret_cast<Fn>(::dlsym(handle_, symbol));
  }
  void* handle_;
};

double g_now = 0.0;
Seconds scripted_clock() noexcept {
  return Seconds{g_now};
}

TEST(NvmlMeter, VoltaAndNewerReadTheMillijouleCounterPerGpu) {
  FakeNvml fake;
  fake.reset(2, 8);  // two Hopper-class GPUs
  fake.energy_mj(0, 1'000'000);
  fake.energy_mj(1, 5'000);
  NvmlDiscovery found = discover_nvml(FAKE_NVML_LIBRARY);
  ASSERT_TRUE(found.usable()) << found.problem;
  ASSERT_EQ(found.gpus.size(), 2u);
  EXPECT_EQ(found.gpus[0].name, "Fake GPU Zero");
  EXPECT_TRUE(found.gpus[0].energy_counter);

  NvmlMeter meter(std::move(found));
  EXPECT_EQ(meter.name(), "nvml");
  ASSERT_EQ(meter.domains().size(), 2u);
  EXPECT_EQ(meter.domains()[1].name, "gpu.1");
  EXPECT_EQ(provenance_of(meter), Provenance::measured);
  EXPECT_NE(meter.method().find("gpu.0=Fake GPU Zero (total-energy counter, mJ)"),
            std::string::npos);
  EXPECT_NE(meter.method().find("999.99-fake"), std::string::npos);

  fake.energy_mj(0, 1'002'500);  // +2.5 J
  fake.energy_mj(1, 5'250);      // +0.25 J
  const EnergyReading r = meter.read();
  EXPECT_DOUBLE_EQ(r.per_domain.at(0).value, 2.5);
  EXPECT_DOUBLE_EQ(r.per_domain.at(1).value, 0.25);
  EXPECT_FALSE(meter.failure());
}

TEST(NvmlMeter, BeforeVoltaPowerIsIntegratedAndLabelledSo) {
  FakeNvml fake;
  fake.reset(1, 4);  // Pascal: no energy counter
  fake.power_mw(0, 100'000);
  g_now = 10.0;
  NvmlMeter meter(discover_nvml(FAKE_NVML_LIBRARY), scripted_clock);
  EXPECT_EQ(provenance_of(meter), Provenance::integrated_power);
  EXPECT_NE(meter.method().find("trapezoid"), std::string::npos);

  g_now = 12.0;  // 100 W -> 200 W over 2 s: trapezoid gives 300 J
  fake.power_mw(0, 200'000);
  EXPECT_DOUBLE_EQ(meter.read().total().value, 300.0);
  g_now = 13.0;  // steady 200 W for 1 s
  EXPECT_DOUBLE_EQ(meter.read().total().value, 500.0);
}

TEST(NvmlMeter, AFailingReadFreezesTheGpuAndIsReported) {
  FakeNvml fake;
  fake.reset(1, 8);
  NvmlMeter meter(discover_nvml(FAKE_NVML_LIBRARY));
  fake.energy_mj(0, 4'000);
  EXPECT_DOUBLE_EQ(meter.read().total().value, 4.0);
  fake.read_result(999);
  fake.energy_mj(0, 9'000);
  EXPECT_DOUBLE_EQ(meter.read().total().value, 4.0);
  ASSERT_TRUE(meter.failure());
  EXPECT_NE(meter.failure()->find("gpu.0"), std::string::npos);
  EXPECT_NE(meter.failure()->find("Unknown Error"), std::string::npos);
}

TEST(NvmlDiscovery, ReasonsWhenNvmlCannotBeUsed) {
  EXPECT_NE(discover_nvml("/nonexistent/libnvidia-ml.so.1").problem.find("cannot load"),
            std::string::npos);
  FakeNvml fake;
  fake.reset(0, 8);
  EXPECT_NE(discover_nvml(FAKE_NVML_LIBRARY).problem.find("no GPU"), std::string::npos);
  fake.reset(1, 8);
  fake.init_result(3);
  EXPECT_NE(discover_nvml(FAKE_NVML_LIBRARY).problem.find("nvmlInit_v2 failed: Not Supported"),
            std::string::npos);
}

TEST(NvmlSelection, GpusAreAddedToTheCpuSource) {
  FakeNvml fake;
  fake.reset(2, 8);
  MeterEnvironment env{
      .powercap_root = "/nonexistent", .nvml_library = FAKE_NVML_LIBRARY, .perf = real_perf_seam()};
  env.perf.pmu_directory = "/nonexistent/power";  // so the CPU source is the estimate anywhere
  // The fake GPUs' counters never move. Over the 0.2 s probe that is 2 of NVML's 100 ms update
  // intervals, too few to call the GPU dead: it stays, marked not conclusive.
  env.liveness.run = [](Seconds w) { return w; };
  const MeterSelection s = select_meter("auto", env);
  EXPECT_EQ(s.meter->name(), "nvml+model");
  ASSERT_EQ(s.meter->domains().size(), 4u);  // gpu.0, gpu.1, cpu.estimate, ram.estimate
  EXPECT_EQ(s.meter->domains()[0].name, "gpu.0");
  EXPECT_EQ(s.meter->domains()[2].name, "cpu.estimate");
  EXPECT_EQ(provenance_of(*s.meter), Provenance::estimated);  // the sum is only as good as its
                                                              // weakest part
  const MeterCandidate& nvml = s.candidates.at(2);
  ASSERT_EQ(nvml.liveness.size(), 2u);
  EXPECT_EQ(nvml.liveness[0].liveness, Liveness::not_conclusive);
  EXPECT_FALSE(nvml.passed_over());
}

TEST(NvmlSelection, AGpuCounterThatMovesIsProvenLiveAndOneThatNeverDoesIsDeadAfterTenUpdates) {
  FakeNvml fake;
  fake.reset(1, 8);
  fake.energy_mj(0, 1'000);
  MeterEnvironment env{
      .powercap_root = "/nonexistent", .nvml_library = FAKE_NVML_LIBRARY, .perf = real_perf_seam()};
  env.perf.pmu_directory = "/nonexistent/power";
  env.liveness.run = [&fake](Seconds w) {
    fake.energy_mj(0, 1'250);
    return w;
  };
  const MeterSelection live = select_meter("nvml", env);
  ASSERT_EQ(live.candidates.at(2).liveness.size(), 1u);
  EXPECT_EQ(live.candidates.at(2).liveness[0].describe(), "0.25 J over 0.2 s of load");

  // A window of 10 update intervals (1 s) is long enough to convict.
  env.liveness = LivenessLoad{.window = Seconds{1.0}, .run = [](Seconds w) { return w; }};
  EXPECT_THROW(select_meter("nvml", env), std::runtime_error);
}

}  // namespace
}  // namespace joulebench
