#pragma once
// A thread that keeps the energy counters of a powercap fixture moving, as a live RAPL sensor's
// do, for as long as it exists: each named zone gains `watts` from its value at the start.
// Black-box tests of auto selection need live counters, because discovery rejects a sensor whose
// counters do not advance (a dead or virtualised one).

#include <chrono>
#include <cstdint>
#include <fstream>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/powercap_fixture.h"

namespace joulebench::testing {

class AdvancingPowercap {
 public:
  // `zones`: relative paths as given to PowercapFixture::add_zone.
  AdvancingPowercap(PowercapFixture& fixture, std::vector<std::string> zones, double watts)
      : fixture_(fixture), zones_(std::move(zones)), watts_(watts) {
    for (const std::string& zone : zones_)
      start_uj_.push_back(read_uj(fixture_.root() / zone / "energy_uj"));
    thread_ = std::jthread([this](std::stop_token stop) { advance(stop); });
  }

 private:
  static std::uint64_t read_uj(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::uint64_t value = 0;
    in >> value;
    return value;
  }

  void advance(const std::stop_token& stop) {
    const auto start = std::chrono::steady_clock::now();
    while (!stop.stop_requested()) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto gained = static_cast<std::uint64_t>(seconds * watts_ * 1e6);
      for (std::size_t i = 0; i < zones_.size(); ++i)
        fixture_.set_energy(zones_[i], start_uj_[i] + gained);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  PowercapFixture& fixture_;
  std::vector<std::string> zones_;
  std::vector<std::uint64_t> start_uj_;
  double watts_;
  std::jthread thread_;  // last: joined before the members it reads go
};

}  // namespace joulebench::testing
