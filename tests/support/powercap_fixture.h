#pragma once
// A powercap tree in a temporary directory, laid out like /sys/class/powercap: zones nested under
// their parent, ids in hex. Tests write energy_uj to script the counters: a tree nobody writes
// to is a frozen (dead) sensor; advance_all(), advancing_load() or a LiveCounters thread make it
// a live one.

#include <stdlib.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "harness/meters/liveness_probe.h"
#include "harness/system/file_system.h"

namespace joulebench::testing {

class PowercapFixture {
 public:
  PowercapFixture() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "joulebench-powercap-XXXXXX").string();
    root_ = ::mkdtemp(pattern.data());
  }
  ~PowercapFixture() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  PowercapFixture(const PowercapFixture&) = delete;
  PowercapFixture& operator=(const PowercapFixture&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // `relative`: "intel-rapl:0" or "intel-rapl:0/intel-rapl:0:0".
  std::filesystem::path add_zone(const std::string& relative, const std::string& name,
                                 std::uint64_t energy_uj,
                                 std::uint64_t max_range_uj = 262143328850ULL) {
    const std::filesystem::path dir = root_ / relative;
    std::filesystem::create_directories(dir);
    write(dir / "name", name);
    write(dir / "max_energy_range_uj", std::to_string(max_range_uj));
    set_energy(relative, energy_uj);
    return dir;
  }

  void set_energy(const std::string& relative, std::uint64_t energy_uj) {
    {
      std::lock_guard lock(mutex_);
      Zone& zone = zones_[relative];
      zone.energy_uj = energy_uj;
      if (zone.range_uj == 0)
        zone.range_uj = read_range(relative);
    }
    // Write then rename, so a concurrent reader never sees a half-written number.
    const std::filesystem::path target = root_ / relative / "energy_uj";
    const std::filesystem::path temp = root_ / relative / "energy_uj.tmp";
    write(temp, std::to_string(energy_uj));
    std::filesystem::rename(temp, target);
  }

  // Replaces one file of a zone with `text` as it is (no newline added): counters that turn to
  // garbage ("123abc"), grow past a page, or a max_energy_range_uj that lies. Write then rename,
  // like set_energy.
  void set_zone_file(const std::string& relative, const std::string& file,
                     const std::string& text) {
    const std::filesystem::path temp = root_ / relative / (file + ".tmp");
    std::ofstream(temp, std::ios::binary) << text;
    std::filesystem::rename(temp, root_ / relative / file);
  }

  // Replaces a zone's energy_uj with a FIFO nobody writes to: a reader that opens it blocking
  // would wait forever.
  void replace_energy_with_fifo(const std::string& relative) {
    const std::filesystem::path target = root_ / relative / "energy_uj";
    std::filesystem::remove(target);
    if (::mkfifo(target.c_str(), 0644) != 0)
      throw std::runtime_error("mkfifo failed: " + target.string());
  }

  // Adds `uj` to every zone's counter (modulo its range), as live sensors do between two reads.
  void advance_all(std::uint64_t uj) {
    std::map<std::string, std::uint64_t> next;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [relative, zone] : zones_)
        next[relative] = (zone.energy_uj + uj) % zone.range_uj;
    }
    for (const auto& [relative, energy] : next)
      set_energy(relative, energy);
  }

  // A liveness load for select_meter that advances every zone by `uj` instead of spinning, and
  // says `window` passed: a live tree, fast and deterministic.
  LivenessLoad advancing_load(std::uint64_t uj = 1'000'000, Seconds window = kLivenessWindow) {
    return LivenessLoad{.window = window, .run = [this, uj](Seconds w) {
                          advance_all(uj);
                          return w;
                        }};
  }

  // Two sockets with dram, and psys, as on a two-socket Skylake-SP server with psys exposed.
  void add_two_socket_machine() {
    add_zone("intel-rapl:0", "package-0", 1000000);
    add_zone("intel-rapl:0/intel-rapl:0:0", "core", 500000);
    add_zone("intel-rapl:0/intel-rapl:0:1", "dram", 200000);
    add_zone("intel-rapl:1", "package-1", 3000000);
    add_zone("intel-rapl:1/intel-rapl:1:0", "dram", 400000);
    add_zone("intel-rapl:a", "psys", 9000000);
  }

 private:
  struct Zone {
    std::uint64_t energy_uj = 0;
    std::uint64_t range_uj = 0;
  };

  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text << '\n';
  }
  std::uint64_t read_range(const std::string& relative) const {
    std::uint64_t range = 0;
    std::ifstream(root_ / relative / "max_energy_range_uj") >> range;
    return range == 0 ? 262143328850ULL : range;
  }

  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, Zone> zones_;  // by relative path
};

// Keeps every zone of a fixture advancing at `watts` from a thread, until destroyed: a live
// sensor for code that probes with the real spinning load (a binary run by a black-box test).
// stop() freezes the counters while the fixture stays: a sensor that dies mid-run.
class LiveCounters {
 public:
  LiveCounters(PowercapFixture& fixture, double watts)
      : thread_([this, &fixture, watts] {
          while (!stop_.load()) {
            fixture.advance_all(static_cast<std::uint64_t>(watts * 1e3));  // 1 ms worth
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }) {}
  ~LiveCounters() { stop(); }
  LiveCounters(const LiveCounters&) = delete;
  LiveCounters& operator=(const LiveCounters&) = delete;

  void stop() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The real file system, except that chosen paths fail with a chosen errno: permission errors
// even when the tests run as root.
class FailingFileSystem final : public FileSystem {
 public:
  std::string failing_path;
  int error = 0;

  FileText read_at_most(const std::string& path, std::size_t max_bytes) const noexcept override {
    if (!failing_path.empty() && path == failing_path)
      return FileText{{}, error, {}};
    return real_file_system().read_at_most(path, max_bytes);
  }
  std::vector<std::string> list_directory(const std::string& path) const override {
    return real_file_system().list_directory(path);
  }
  bool exists(const std::string& path) const override { return real_file_system().exists(path); }
};

}  // namespace joulebench::testing
